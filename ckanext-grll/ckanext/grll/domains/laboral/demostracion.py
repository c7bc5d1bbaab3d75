"""The demonstration sample of the job board and the registries, dated from today.

A fresh portal would show empty offers, courses, conflicts and procedures: their
official sources are harvested or typed by stewards later. Until then the portal
shows a labelled sample: rows written in each source's own layout (see
``mapping``), read by the same layouts as a harvest, stored through the same
registries, and their datasets marked ``muestra_demostrativa`` so every page
announces them. Names are fictional («… Demostrativa …») and codes say ``MD``.

Unlike the seed catalog's files, whose dates are moved so the newest row falls in
last month, offers and courses must still be open today: the sample is generated
for the current month (codes carry it), so loading it again within the month
changes nothing and a new month brings a fresh batch while older demonstration
offers close like any other. The periodic task loads it (:func:`mantener`) once the
seed has created the labour authority's organization, until the option
``ckanext.grll.laboral.demo_sample`` is turned off when the official sources
are harvested; ``ckan grll laboral demostracion`` loads it by hand.
"""
from __future__ import annotations

import datetime
import hashlib
import random
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.grll import reference
from ckanext.grll.domains.laboral import catalogos, datastore, mapping, ofertas, registros
from ckanext.grll.domains.laboral.model import Oferta

OFERTAS_MINIMAS = 60
CURSOS = 24
CONFLICTOS = 16
TRAMITES = 220

#: Datasets the sample fills, and that carry the demonstration mark.
DATASETS = (ofertas.DATASET, catalogos.CURSOS.dataset, registros.CONFLICTOS.dataset,
            catalogos.TRAMITES.dataset)

#: (occupation, job title, monthly pay range in S/, education, contract, economic activity)
PUESTOS = [
    ("Peón agrícola", "Cosechador de arándanos", (1130, 1400), "Primaria completa",
     "De temporada", "Agroindustria"),
    ("Operario de empaque", "Operario de planta de empaque", (1130, 1500),
     "Secundaria completa", "De temporada", "Agroindustria"),
    ("Supervisor de campo agrícola", "Supervisor de cosecha", (2200, 3200),
     "Técnica completa", "Plazo fijo", "Agroindustria"),
    ("Técnico agropecuario", "Técnico de sanidad vegetal", (1800, 2600), "Técnica completa",
     "Plazo fijo", "Agroindustria"),
    ("Ingeniero agrónomo", "Jefe de fundo", (3500, 5500), "Universitaria completa",
     "Plazo indeterminado", "Agroindustria"),
    ("Operario de fabricación de calzado", "Aparador de calzado", (1130, 1600),
     "Primaria completa", "Plazo fijo", "Industria del calzado"),
    ("Operario de producción", "Operario de línea de producción", (1200, 1700),
     "Secundaria completa", "Plazo fijo", "Industria manufacturera"),
    ("Ingeniero de minas", "Ingeniero de seguridad minera", (6000, 9000),
     "Universitaria completa", "Plazo fijo", "Minería"),
    ("Operador de maquinaria pesada", "Operador de cargador frontal", (2800, 4200),
     "Secundaria completa", "Plazo fijo", "Minería"),
    ("Albañil", "Operario de construcción", (1600, 2300), "Primaria completa",
     "Plazo fijo", "Construcción"),
    ("Ingeniero civil", "Residente de obra", (4500, 7000), "Universitaria completa",
     "Plazo fijo", "Construcción"),
    ("Electricista", "Electricista de mantenimiento", (1800, 2600), "Técnica completa",
     "Plazo indeterminado", "Industria manufacturera"),
    ("Soldador", "Soldador homologado", (2000, 3000), "Técnica completa", "Plazo fijo",
     "Industria manufacturera"),
    ("Mecánico automotriz", "Mecánico de flota", (1700, 2500), "Técnica completa",
     "Plazo indeterminado", "Transporte"),
    ("Conductor de vehículo pesado", "Conductor de camión (A-IIIb)", (2200, 3200),
     "Secundaria completa", "Plazo fijo", "Transporte"),
    ("Chofer de transporte urbano", "Conductor de transporte urbano", (1500, 2200),
     "Secundaria completa", "Plazo fijo", "Transporte"),
    ("Cajero", "Cajero de supermercado", (1130, 1350), "Secundaria completa", "Plazo fijo",
     "Comercio"),
    ("Asistente administrativo", "Asistente de oficina", (1300, 1900), "Técnica completa",
     "Plazo fijo", "Servicios"),
    ("Asistente de contabilidad", "Auxiliar contable", (1400, 2000), "Técnica completa",
     "Plazo fijo", "Servicios"),
    ("Técnico en computación", "Técnico de soporte informático", (1500, 2200),
     "Técnica completa", "Plazo fijo", "Servicios"),
    ("Recepcionista", "Recepcionista de hotel", (1130, 1500), "Secundaria completa",
     "Plazo fijo", "Turismo"),
    ("Cocinero", "Cocinero de restaurante", (1300, 2000), "Secundaria completa",
     "Plazo fijo", "Turismo"),
    ("Mesero", "Mesero", (1130, 1300), "Secundaria completa", "Tiempo parcial", "Turismo"),
    ("Personal de limpieza", "Operario de limpieza", (1130, 1250), "Primaria completa",
     "Plazo fijo", "Servicios"),
    ("Enfermero", "Enfermera asistencial", (2800, 3800), "Universitaria completa",
     "Plazo fijo", "Salud privada"),
    ("Técnico en enfermería", "Técnico en enfermería", (1600, 2100), "Técnica completa",
     "Plazo fijo", "Salud privada"),
    ("Profesor de educación inicial", "Docente de educación inicial", (1700, 2400),
     "Universitaria completa", "Plazo fijo", "Educación privada"),
    ("Profesor de educación primaria", "Docente de primaria", (1800, 2600),
     "Universitaria completa", "Plazo fijo", "Educación privada"),
]
#: Fictional employers by economic activity: plausible, and plainly a demonstration.
EMPRESAS = {
    "Agroindustria": ["Agroexportadora Demostrativa Los Sauces S.A.C.",
                      "Frutos del Valle Demostrativo S.A.C."],
    "Industria del calzado": ["Calzados Demostrativos El Porvenir E.I.R.L."],
    "Industria manufacturera": ["Metalmecánica Demostrativa Moche S.A.C.",
                                "Envases Demostrativos del Norte S.A."],
    "Minería": ["Minera Demostrativa Cerro Alto S.A."],
    "Construcción": ["Constructora Demostrativa Chan Chan S.A.C."],
    "Transporte": ["Transportes Demostrativos Ruta Norte S.A.C."],
    "Comercio": ["Supermercados Demostrativos La Esquina S.A.C."],
    "Servicios": ["Servicios Generales Demostrativos Huanchaco S.R.L."],
    "Turismo": ["Hotel Demostrativo Mansiche S.A.C."],
    "Salud privada": ["Clínica Demostrativa San Andrés S.A.C."],
    "Educación privada": ["Colegio Demostrativo Santa Rosa S.A.C."],
}
MODALIDADES_DEMO = ["Presencial", "Presencial", "Virtual", "Semipresencial"]
#: States of the sample's conflicts, so that every state and type has some.
ESTADOS_DEMO = ["En curso", "Latente", "Solucionado", "Activo", "Sin medida de fuerza",
                "Resuelto"]
ENTIDADES_CAPACITACION = [
    "Programa demostrativo «Capacítate La Libertad»",
    "Centro de Formación Técnica Demostrativo Chimú",
    "Instituto Demostrativo de Oficios del Norte",
]


def ruc(empresa: str) -> str:
    """A company RUC (prefix 20) for a fictional name, with a correct SUNAT check digit."""
    first = f"20{int(hashlib.sha256(empresa.encode()).hexdigest(), 16) % 10**8:08d}"
    return f"{first}{mapping.digito_verificador(first)}"


def _places(rng: random.Random) -> list[reference.Distrito]:
    """One district per province first (all twelve), then districts weighted to where
    people live."""
    districts = sorted(reference.distritos().values(), key=lambda d: d.ubigeo)
    capitals = [d for d in districts if d.ubigeo.endswith("01")]
    weights = [max(d.poblacion, 1) for d in districts]
    return capitals + rng.choices(districts, weights=weights, k=200)


def _month(today: datetime.date) -> str:
    return today.strftime("%y%m")


def _iso(day: datetime.date) -> str:
    return day.isoformat()


# --- rows in each source's layout ------------------------------------------------------

def ofertas_fuente(today: datetime.date) -> list[dict[str, Any]]:
    """Open offers in the public employment service's export layout."""
    rng = random.Random(f"ofertas-{_month(today)}")
    places = _places(rng)
    rows = []
    for n in range(OFERTAS_MINIMAS):
        ocupacion, puesto, (low, high), nivel, contrato, actividad = PUESTOS[n % len(PUESTOS)]
        empresa = rng.choice(EMPRESAS[actividad])
        publicada = today - datetime.timedelta(days=rng.randint(0, 20))
        parcial = contrato == "Tiempo parcial"
        rows.append({
            "CODIGO_OFERTA": f"OE-MD-{_month(today)}-{n + 1:03d}", "TITULO_PUESTO": puesto,
            "OCUPACION": ocupacion, "RUC_EMPRESA": ruc(empresa), "RAZON_SOCIAL": empresa,
            "UBIGEO_PUESTO": places[n].ubigeo, "NUM_VACANTES": str(rng.choice([1, 1, 2, 3, 5, 20])),
            "REMUNERACION_MENSUAL": "" if n % 9 == 4 else str(rng.randrange(low, high, 10)),
            "MODALIDAD_CONTRATO": "Plazo fijo" if parcial else contrato,
            "JORNADA_LABORAL": "Tiempo parcial" if parcial else "Tiempo completo",
            "GRADO_INSTRUCCION": nivel, "EXPERIENCIA_MESES": str(rng.choice([0, 6, 12, 24])),
            "FECHA_PUBLICACION": publicada.strftime("%d/%m/%Y"),
            "FECHA_VENCIMIENTO": (today + datetime.timedelta(days=rng.randint(12, 50)))
            .strftime("%d/%m/%Y"),
            "CORREO_CONTACTO": "no-se-copia@example.invalid",
        })
    return rows


def cursos_fuente(today: datetime.date) -> list[dict[str, Any]]:
    """Courses in a training programme's list: a few under way, most starting soon."""
    rng = random.Random(f"cursos-{_month(today)}")
    places = _places(rng)
    rows = []
    for n in range(CURSOS):
        ocupacion, puesto, _pay, _nivel, _contrato, _actividad = PUESTOS[(n * 5) % len(PUESTOS)]
        inicio = today + datetime.timedelta(days=rng.randint(-15, 75))
        horas = rng.choice([40, 60, 80, 120, 160])
        modalidad = MODALIDADES_DEMO[n % len(MODALIDADES_DEMO)]
        rows.append({
            "codigo_curso": f"CAP-MD-{_month(today)}-{n + 1:03d}",
            "programa": ENTIDADES_CAPACITACION[n % len(ENTIDADES_CAPACITACION)],
            "curso": f"{puesto}: formación práctica", "ocupacion": ocupacion,
            "modalidad": modalidad, "ubigeo": places[n].ubigeo,
            "fecha_inicio": _iso(inicio),
            "fecha_fin": _iso(inicio + datetime.timedelta(days=horas // 2 + 14)),
            "horas": str(horas), "vacantes": str(rng.choice([20, 25, 30, 40])),
            "requisitos": rng.choice(["Mayor de 18 años; secundaria completa.",
                                      "De 18 a 29 años; DNI vigente.", ""]),
            "inscripcion": "Inscripción de demostración: no corresponde a un curso real.",
        })
    return rows


def conflictos_fuente(today: datetime.date) -> list[dict[str, Any]]:
    """Conflicts of last month's report of the Ministry of Labour."""
    rng = random.Random(f"conflictos-{_month(today)}")
    places = _places(rng)
    report = today.replace(day=1) - datetime.timedelta(days=1)
    activities = sorted(EMPRESAS)
    rows = []
    for n in range(CONFLICTOS):
        activity = activities[n % len(activities)]
        empresa = EMPRESAS[activity][n % len(EMPRESAS[activity])]
        tipo = mapping.TIPOS_CONFLICTO[n % len(mapping.TIPOS_CONFLICTO)]
        situacion = ESTADOS_DEMO[n % len(ESTADOS_DEMO)]
        trabajadores = rng.choice([35, 80, 120, 240, 600, 1500])
        stopped = tipo in ("Huelga", "Paralización") and situacion != "Latente"
        rows.append({
            "ANIO": str(report.year), "MES": str(report.month),
            "CODIGO_CONFLICTO": f"CL-MD-{n + 1:03d}", "TIPO": tipo,
            "ORGANIZACION_SINDICAL": f"Sindicato Demostrativo de Trabajadores de {empresa}",
            "EMPLEADOR": empresa, "ACTIVIDAD_ECONOMICA": activity,
            "UBIGEO": places[n].ubigeo, "SITUACION": situacion,
            "TRABAJADORES_COMPRENDIDOS": str(trabajadores),
            "HORAS_HOMBRE_PERDIDAS": str(trabajadores * 8 * rng.randint(1, 6) if stopped else 0),
            "FECHA_INICIO": _iso(report - datetime.timedelta(days=rng.randint(5, 200))),
            "RESUMEN": f"Conflicto de demostración ({tipo.lower()}): no corresponde a un "
                       "caso real.",
        })
    return rows


def tramites_fuente(today: datetime.date) -> list[dict[str, Any]]:
    """Procedures of the directorate's registry, presented over the last months."""
    rng = random.Random(f"tramites-{_month(today)}")
    oficinas = ["Sub Gerencia de Inspección del Trabajo", "Mesa de partes",
                "Dirección de Prevención y Solución de Conflictos",
                "Sub Gerencia de Promoción del Empleo"]
    rows = []
    for n in range(TRAMITES):
        presentado = today - datetime.timedelta(days=rng.randint(1, 240))
        etapa = mapping.ETAPAS_TRAMITE[n % len(mapping.ETAPAS_TRAMITE)]
        moved = presentado + datetime.timedelta(days=rng.randint(0, (today - presentado).days))
        rows.append({
            "NRO_EXPEDIENTE": f"MD-{presentado.year}-{n + 1:05d}",
            "PROCEDIMIENTO": mapping.PROCEDIMIENTOS[(n * 7) % len(mapping.PROCEDIMIENTOS)],
            "ESTADO": etapa, "FECHA_INGRESO": _iso(presentado),
            "FECHA_ULTIMO_MOVIMIENTO": _iso(moved), "OFICINA": oficinas[n % len(oficinas)],
            "OBSERVACION_PUBLICA": ("Expediente de demostración: no corresponde a un trámite "
                                    "real." if n % 4 == 0 else ""),
            "ADMINISTRADO": "no se copia", "DNI_RUC": "00000000",
        })
    return rows


# --- loading -----------------------------------------------------------------------------

def _parse(layout: mapping.Layout, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [record for record in map(layout.parse_row, rows) if record is not None]


def cargar(today: datetime.date | None = None) -> dict[str, int]:
    """Load this month's sample (nothing new if it is already there); returns how many
    rows each part added or refreshed."""
    today = today or ofertas.today()
    offers = _parse(mapping.SERVICIO_EMPLEO, ofertas_fuente(today))
    done = {
        "ofertas": ofertas.add(offers, origen="muestra"),
        "cursos": catalogos.merge_courses(_parse(mapping.CURSOS, cursos_fuente(today))),
        "conflictos": registros.merge_conflicts(
            _parse(mapping.CONFLICTOS, conflictos_fuente(today))),
        "tramites": catalogos.merge_procedures(
            _parse(mapping.TRAMITES, tramites_fuente(today))),
    }
    _mark()
    return done


def _mark() -> None:
    context = datastore.site_context()
    for name in DATASETS:
        package = tk.get_action("package_show")(dict(context), {"id": name})
        if package.get("muestra_demostrativa") != "true":
            tk.get_action("package_patch")(dict(context), {
                "id": package["id"], "muestra_demostrativa": "true"})


def pendiente(today: datetime.date | None = None) -> bool:
    """True while this month's batch is missing, once the labour authority's
    organization (which publishes the registries) exists, i.e. after the seed."""
    today = today or ofertas.today()
    if Oferta.query().filter(Oferta.codigo_oferta == f"OE-MD-{_month(today)}-001").count():
        return False
    try:
        tk.get_action("organization_show")(datastore.site_context(), {"id": datastore.OWNER_ORG})
    except tk.ObjectNotFound:
        return False
    return True


def mantener() -> str:
    """The periodic part: load the month's sample when :func:`pendiente`."""
    if not pendiente():
        return ""
    done = cargar()
    return (f"Muestra demostrativa cargada: {done['ofertas']} ofertas, {done['cursos']} "
            f"cursos, {done['conflictos']} conflictos, {done['tramites']} trámites")
