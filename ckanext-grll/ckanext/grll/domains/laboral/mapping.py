"""Labour sources -> records and datasets (pure functions).

Five source layouts: job offers from a job board (``ofertas``) and in the export
layout of the public employment service (``servicio_empleo``); the Ministry of
Labour's monthly labour-conflict reports (``conflictos``); the course lists of
training programmes (``cursos``); the regional labour directorate's procedure
registry (``tramites``). An offer names the job, the employer (RUC checked with
SUNAT's check digit), the district and the conditions. Contact persons, e-mails,
phones, the names and ID numbers of applicants and any other column outside a
layout are never copied: the open datasets hold no personal data.

The vocabulary of the commitment lives here too (occupations, contract types,
working hours, education levels, the RUC rule), so that the harvested rows and
the forms' schemas (``logic/schema.py``) check against the same lists.
"""
from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

import yaml

from ckanext.grll.catalog.data_freshness import month_end
from ckanext.grll.domains.laboral import diccionario
from ckanext.grll.domains.tables import ubigeos
from ckanext.grll.harvesting import dictionary as d
from ckanext.grll.harvesting import fields as f
from ckanext.grll.harvesting.base import Layout, RowError
from ckanext.grll.harvesting.dictionary import column

#: SUNAT's weights for the first ten digits of a RUC (module 11 check digit).
_RUC_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
#: 10: natural persons with business; 15, 16, 17: other natural-person cases; 20: companies.
_RUC_PREFIXES = ("10", "15", "16", "17", "20")
#: Remuneración mínima vital (S/ per month) and the day it took effect: DS 003-2022-TR,
#: DS 006-2024-TR. A full-time offer below the one in force on its publication is refused.
RMV = ((datetime.date(2022, 5, 1), 1025), (datetime.date(2025, 1, 1), 1130))

TIPOS_CONTRATO = {
    "plazo indeterminado": "Plazo indeterminado", "indeterminado": "Plazo indeterminado",
    "plazo fijo": "Plazo fijo", "sujeto a modalidad": "Plazo fijo",
    "temporal": "Plazo fijo", "intermitente": "Intermitente", "de temporada": "De temporada",
    "temporada": "De temporada", "tiempo parcial": "Tiempo parcial",
    "locacion de servicios": "Locación de servicios", "practicas": "Modalidad formativa",
    "modalidad formativa": "Modalidad formativa",
}
JORNADAS = {"tiempo completo": "Tiempo completo", "completa": "Tiempo completo",
            "medio tiempo": "Tiempo parcial", "tiempo parcial": "Tiempo parcial",
            "parcial": "Tiempo parcial", "por turnos": "Por turnos", "turnos": "Por turnos"}
NIVELES_EDUCATIVOS = {
    "sin estudios": "Sin estudios", "primaria": "Primaria completa",
    "primaria completa": "Primaria completa", "secundaria": "Secundaria completa",
    "secundaria completa": "Secundaria completa",
    "tecnico": "Técnica completa", "tecnica": "Técnica completa",
    "tecnica completa": "Técnica completa", "universitaria": "Universitaria completa",
    "universitaria completa": "Universitaria completa", "bachiller": "Universitaria completa",
    "titulado": "Universitaria completa", "posgrado": "Posgrado",
}


@functools.cache
def ocupaciones() -> tuple[str, ...]:
    """The portal's list of occupations (offers, profiles and courses choose from it)."""
    path = Path(__file__).with_name("ocupaciones.yaml")
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8")))


def choices(synonyms: dict[str, str]) -> list[str]:
    """The values a form offers for a choice table (its synonyms left out)."""
    return sorted(set(synonyms.values()))


def ruc_valido(ruc: str) -> bool:
    """SUNAT's rule: 11 digits, a known prefix and the module-11 check digit."""
    if len(ruc) != 11 or not ruc.isdigit() or not ruc.startswith(_RUC_PREFIXES):
        return False
    return int(ruc[10]) == digito_verificador(ruc[:10])


def digito_verificador(primeros: str) -> int:
    """SUNAT's module-11 check digit of the first ten digits of a RUC."""
    remainder = sum(int(d) * w for d, w in zip(primeros, _RUC_WEIGHTS, strict=True)) % 11
    return (11 - remainder) % 10


def rmv(fecha: str) -> int:
    day = datetime.date.fromisoformat(fecha)
    return next((amount for since, amount in reversed(RMV) if day >= since), RMV[0][1])


def _choice(row: dict[str, Any], column_name: str, choices: dict[str, str],
            key: str) -> str:
    raw = f.text(row, column_name, key)
    plain = raw.lower().translate(str.maketrans("áéíóú", "aeiou")).strip()
    if plain not in choices:
        allowed = ", ".join(sorted(set(choices.values())))
        raise RowError(f"'{column_name}' desconocido: {raw!r} (use: {allowed})", key)
    return choices[plain]


# --- ofertas: codigo_oferta, puesto, ocupacion, ruc, empresa, ubigeo, vacantes,
#     remuneracion, tipo_contrato, jornada, nivel_educativo, experiencia_meses,
#     fecha_publicacion, fecha_cierre -------------------------------------------------------

def oferta_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not f.in_la_libertad(row, "ubigeo"):
        return None
    publicada = f.date(row, "fecha_publicacion")
    key = oferta_key({"fecha_publicacion": publicada})
    ruc = str(row.get("ruc") or "").strip()
    if not ruc_valido(ruc):
        raise RowError(f"'ruc' no es un RUC válido (11 dígitos y dígito verificador de "
                       f"SUNAT): {ruc!r}", key)
    distrito = f.district(row, "ubigeo", key)
    cierre = f.date(row, "fecha_cierre", key)
    if cierre < publicada:
        raise RowError(f"'fecha_cierre' ({cierre}) es anterior a la publicación ({publicada})",
                       key)
    jornada = _choice(row, "jornada", JORNADAS, key)
    remuneracion = f.number(row, "remuneracion", key, minimum=0, maximum=100000)
    if remuneracion is not None and jornada == "Tiempo completo" \
            and remuneracion < rmv(publicada):
        raise RowError(f"'remuneracion' S/ {remuneracion:g} menor que la remuneración mínima "
                       f"vital (S/ {rmv(publicada)}) para tiempo completo", key)
    return {"codigo_oferta": f.text(row, "codigo_oferta", key),
            "puesto": f.text(row, "puesto", key), "ocupacion": f.text(row, "ocupacion", key),
            "ruc": ruc, "empresa": f.text(row, "empresa", key),
            "ubigeo": distrito.ubigeo, "provincia": distrito.provincia,
            "distrito": distrito.nombre,
            "vacantes": f.integer(row, "vacantes", key, minimum=1, maximum=10000),
            "remuneracion": remuneracion,
            "tipo_contrato": _choice(row, "tipo_contrato", TIPOS_CONTRATO, key),
            "jornada": jornada,
            "nivel_educativo": _choice(row, "nivel_educativo", NIVELES_EDUCATIVOS, key),
            "experiencia_meses": f.integer(row, "experiencia_meses", key, maximum=600),
            "fecha_publicacion": publicada, "fecha_cierre": cierre}


def oferta_key(record: dict[str, Any]) -> str:
    return f"ofertas-empleo-{record['fecha_publicacion'][:4]}-cosecha"


def oferta_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    anio = records[0]["fecha_publicacion"][:4]
    return {
        "name": key,
        "type": "laboral-registros",
        "title": f"Ofertas de empleo en La Libertad publicadas en {anio}",
        "notes": ("Ofertas de empleo del sector privado en La Libertad: puesto, ocupación, "
                  "empresa (RUC), distrito, vacantes, remuneración mensual en soles, tipo de "
                  "contrato, jornada, nivel educativo, experiencia y fecha de cierre. Las "
                  "ofertas cuya fecha de cierre ya pasó se conservan como vencidas. No "
                  "contiene datos personales: los contactos de las fuentes no se copian. "
                  "Cosechado automáticamente de la fuente configurada."),
        "entidad": "Gobierno Regional La Libertad - Gerencia Regional de Trabajo y "
                   "Promoción del Empleo",
        "fuente": "Bolsa de trabajo (fuente de ofertas configurada en la cosecha)",
        "tipo_registro": "ofertas-empleo",
        "origen_registro": "cosecha",
        "datos_personales": "excluidos",
        "ubigeos": ubigeos(records),
        "resolucion_temporal": "evento",
        "license_id": "odc-by",
        "frecuencia": "DAILY",
        "cobertura_espacial": "13",
        "cobertura_temporal_inicio": min(r["fecha_publicacion"] for r in records),
        "cobertura_temporal_fin": max(r["fecha_cierre"] for r in records),
        "maintainer": "Observatorio Socio Económico Laboral (OSEL) La Libertad",
        "maintainer_email": "osel@regionlalibertad.gob.pe",
        "tags": [{"name": "empleo"}, {"name": "ofertas de trabajo"}],
        "groups": [{"name": "informacion-laboral"}],
    }


OFERTAS = Layout(
    name="ofertas",
    fields=(column("codigo_oferta", "text", "Código de la oferta",
                   "Código con el que la fuente identifica la oferta de empleo.",
                   label_en="Job offer code"),
            column("puesto", "text", "Puesto", "Nombre del puesto ofrecido.", label_en="Position"),
            column("ocupacion", "text", "Ocupación",
                   "Ocupación del puesto según la fuente.", label_en="Occupation"),
            column("ruc", "text", "RUC de la empresa",
                   "Registro Único de Contribuyentes del empleador (11 dígitos).",
                   label_en="Employer's RUC"),
            column("empresa", "text", "Empresa", "Razón social del empleador.", label_en="Company"),
            d.ubigeo(), d.PROVINCIA, d.DISTRITO,
            column("vacantes", "int", "Vacantes", "Número de puestos ofrecidos.",
                   "puestos", label_en="Vacancies"),
            column("remuneracion", "numeric", "Remuneración mensual (S/)",
                   "Remuneración bruta mensual ofrecida, en soles; vacía si la oferta no "
                   "la indica.", "S/ por mes", label_en="Monthly pay (S/)"),
            column("tipo_contrato", "text", "Tipo de contrato",
                   "Modalidad de contratación (plazo indeterminado, plazo fijo, etc.).",
                   label_en="Contract type"),
            column("jornada", "text", "Jornada", "Jornada de trabajo (completa o parcial).",
                   label_en="Working time"),
            column("nivel_educativo", "text", "Nivel educativo mínimo",
                   "Nivel educativo mínimo que pide la oferta.",
                   label_en="Minimum education level"),
            column("experiencia_meses", "int", "Experiencia requerida (meses)",
                   "Experiencia laboral mínima requerida, en meses.", "meses",
                   label_en="Experience required (months)"),
            column("fecha_publicacion", "date", "Fecha de publicación",
                   "Día en que se publicó la oferta.", label_en="Publication date"),
            column("fecha_cierre", "date", "Fecha de cierre",
                   "Último día para postular.", label_en="Closing date")),
    primary_key=(),
    parse_row=oferta_row, dataset_key=oferta_key, dataset_metadata=oferta_dataset,
    resource_name="Ofertas de empleo")



# --- servicio_empleo: the public employment service's export of its job board -------------
#     CODIGO_OFERTA, TITULO_PUESTO, OCUPACION, RUC_EMPRESA, RAZON_SOCIAL, UBIGEO_PUESTO,
#     NUM_VACANTES, REMUNERACION_MENSUAL, MODALIDAD_CONTRATO, JORNADA_LABORAL,
#     GRADO_INSTRUCCION, EXPERIENCIA_MESES, FECHA_PUBLICACION (DD/MM/AAAA),
#     FECHA_VENCIMIENTO; its contact columns (CORREO_CONTACTO, TELEFONO_CONTACTO) are
#     never read. National files: rows of other departments are skipped.

SERVICIO_EMPLEO_COLUMNS = {
    "CODIGO_OFERTA": "codigo_oferta", "TITULO_PUESTO": "puesto", "OCUPACION": "ocupacion",
    "RUC_EMPRESA": "ruc", "RAZON_SOCIAL": "empresa", "UBIGEO_PUESTO": "ubigeo",
    "NUM_VACANTES": "vacantes", "REMUNERACION_MENSUAL": "remuneracion",
    "MODALIDAD_CONTRATO": "tipo_contrato", "JORNADA_LABORAL": "jornada",
    "GRADO_INSTRUCCION": "nivel_educativo", "EXPERIENCIA_MESES": "experiencia_meses",
    "FECHA_PUBLICACION": "fecha_publicacion", "FECHA_VENCIMIENTO": "fecha_cierre",
}


def servicio_empleo_row(row: dict[str, Any]) -> dict[str, Any] | None:
    return oferta_row({ours: row.get(theirs) for theirs, ours
                       in SERVICIO_EMPLEO_COLUMNS.items()})


SERVICIO_EMPLEO = Layout(
    name="servicio_empleo", fields=OFERTAS.fields, primary_key=(),
    parse_row=servicio_empleo_row, dataset_key=oferta_key, dataset_metadata=oferta_dataset,
    resource_name=OFERTAS.resource_name)


def _plain(text: str) -> str:
    return text.lower().translate(str.maketrans("áéíóúñ", "aeioun")).strip()


def _vocabulary(words: list[str], synonyms: dict[str, str]) -> dict[str, str]:
    """A choice table: each word of the list by its plain form, plus the synonyms."""
    return {**{_plain(word): word for word in words}, **synonyms}


# --- conflictos: the Ministry of Labour's (MTPE) monthly labour-conflict report ------------
#     ANIO, MES, CODIGO_CONFLICTO, TIPO, ORGANIZACION_SINDICAL, EMPLEADOR,
#     ACTIVIDAD_ECONOMICA, UBIGEO, SITUACION, TRABAJADORES_COMPRENDIDOS,
#     HORAS_HOMBRE_PERDIDAS, FECHA_INICIO, RESUMEN. A conflict appears in every monthly
#     report while it lasts: the registry keeps its latest month.

TIPOS_CONFLICTO = ["Huelga", "Paralización", "Reclamo colectivo", "Despidos colectivos",
                   "Incumplimiento de convenio", "Otro"]
ESTADOS_CONFLICTO = ["activo", "latente", "resuelto"]
SITUACIONES = _vocabulary(ESTADOS_CONFLICTO, {
    "en curso": "activo", "vigente": "activo", "en tramite": "activo",
    "sin medida de fuerza": "latente", "solucionado": "resuelto", "concluido": "resuelto",
    "resuelto por convenio": "resuelto"})
TIPOS = _vocabulary(TIPOS_CONFLICTO, {"paralizacion de labores": "Paralización",
                                      "cese colectivo": "Despidos colectivos"})


def conflicto_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not f.in_la_libertad(row, "UBIGEO"):
        return None
    anio = f.integer(row, "ANIO", minimum=2000, maximum=2100)
    mes = f.integer(row, "MES", minimum=1, maximum=12)
    key = conflicto_key({"anio": anio})
    distrito = f.district(row, "UBIGEO", key)
    inicio = f.date(row, "FECHA_INICIO", key)
    informe = month_end(anio, mes).isoformat()
    if inicio > informe:
        raise RowError(f"'FECHA_INICIO' ({inicio}) es posterior al mes del reporte "
                       f"({anio}-{mes:02d})", key)
    return {"anio": anio, "mes": mes, "codigo": f.text(row, "CODIGO_CONFLICTO", key),
            "tipo": _choice(row, "TIPO", TIPOS, key),
            "partes": f"{f.text(row, 'ORGANIZACION_SINDICAL', key)} — "
                      f"{f.text(row, 'EMPLEADOR', key)}",
            "actividad_economica": f.text(row, "ACTIVIDAD_ECONOMICA", key),
            "ubigeo": distrito.ubigeo, "provincia": distrito.provincia,
            "distrito": distrito.nombre,
            "estado": _choice(row, "SITUACION", SITUACIONES, key),
            "trabajadores_involucrados": f.integer(row, "TRABAJADORES_COMPRENDIDOS", key,
                                                   maximum=1000000),
            "horas_hombre_perdidas": f.integer(row, "HORAS_HOMBRE_PERDIDAS", key,
                                               maximum=100000000),
            "fecha_inicio": inicio, "fecha_actualizacion": informe,
            "descripcion": str(row.get("RESUMEN") or "").strip() or None}


def conflicto_key(record: dict[str, Any]) -> str:
    return f"conflictos-laborales-mtpe-{record['anio']}-cosecha"


def conflicto_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    anio = records[0]["anio"]
    return _harvested_dataset(
        key, records, "conflictos-laborales",
        f"Conflictos laborales en La Libertad según los reportes mensuales del MTPE, {anio}",
        "Conflictos laborales del sector privado en La Libertad tal como los informa cada "
        "mes el Ministerio de Trabajo y Promoción del Empleo: tipo, partes, actividad, "
        "distrito, situación (activo, latente o resuelto), trabajadores comprendidos y "
        "horas-hombre perdidas. Una fila por conflicto y mes de reporte. Cosechado "
        "automáticamente de la fuente configurada.",
        "Ministerio de Trabajo y Promoción del Empleo (reportes mensuales de conflictos "
        "laborales)", "fecha_inicio", "fecha_actualizacion", "MONTHLY",
        [{"name": "conflictos laborales"}, {"name": "huelga"}])


CONFLICTOS = Layout(
    name="conflictos",
    fields=(d.anio("Año del reporte mensual."),
            d.mes("Mes del reporte mensual (1 = enero, 12 = diciembre)."),
            *diccionario.CONFLICT_FIELDS),
    primary_key=(), parse_row=conflicto_row, dataset_key=conflicto_key,
    dataset_metadata=conflicto_dataset, resource_name="Conflictos laborales por mes")


# --- cursos: a training programme's course list ----------------------------------------
#     codigo_curso, programa, curso, ocupacion, modalidad, ubigeo, fecha_inicio,
#     fecha_fin, horas, vacantes, requisitos, inscripcion

MODALIDADES = ["Presencial", "Virtual", "Semipresencial"]


def curso_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not f.in_la_libertad(row, "ubigeo"):
        return None
    inicio = f.date(row, "fecha_inicio")
    key = curso_key({"fecha_inicio": inicio})
    distrito = f.district(row, "ubigeo", key)
    fin = f.date(row, "fecha_fin", key)
    if fin < inicio:
        raise RowError(f"'fecha_fin' ({fin}) es anterior al inicio ({inicio})", key)
    ocupacion = f.text(row, "ocupacion", key)
    if ocupacion not in ocupaciones():
        raise RowError(f"'ocupacion' no está en la lista del portal: {ocupacion!r}", key)
    return {"codigo": f.text(row, "codigo_curso", key), "entidad": f.text(row, "programa", key),
            "curso": f.text(row, "curso", key), "ocupacion": ocupacion,
            "modalidad": _choice(row, "modalidad", _vocabulary(MODALIDADES, {}), key),
            "ubigeo": distrito.ubigeo, "provincia": distrito.provincia,
            "distrito": distrito.nombre, "fecha_inicio": inicio, "fecha_fin": fin,
            "horas": f.integer(row, "horas", key, minimum=1, maximum=5000),
            "vacantes": f.integer(row, "vacantes", key, minimum=1, maximum=100000),
            "requisitos": str(row.get("requisitos") or "").strip() or None,
            "inscripcion": f.text(row, "inscripcion", key)}


def curso_key(record: dict[str, Any]) -> str:
    return f"cursos-capacitacion-{record['fecha_inicio'][:4]}-cosecha"


def curso_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    anio = records[0]["fecha_inicio"][:4]
    return _harvested_dataset(
        key, records, "capacitacion",
        f"Cursos de capacitación laboral en La Libertad que empiezan en {anio}",
        "Cursos y programas de capacitación laboral publicados por los programas de "
        "capacitación: entidad, curso, ocupación, modalidad, distrito, fechas, horas, "
        "vacantes, requisitos y cómo inscribirse. Cosechado automáticamente de la fuente "
        "configurada.", "Listas de cursos de los programas de capacitación laboral",
        "fecha_inicio", "fecha_fin", "MONTHLY", [{"name": "capacitación laboral"}])


CURSOS = Layout(
    name="cursos", fields=tuple(diccionario.CURSO_FIELDS), primary_key=(),
    parse_row=curso_row, dataset_key=curso_key, dataset_metadata=curso_dataset,
    resource_name="Cursos y programas de capacitación")


# --- tramites: the regional labour directorate's procedure registry --------------------
#     NRO_EXPEDIENTE, PROCEDIMIENTO, ESTADO, FECHA_INGRESO, FECHA_ULTIMO_MOVIMIENTO,
#     OFICINA, OBSERVACION_PUBLICA; the applicant's name and ID number (ADMINISTRADO,
#     DNI_RUC) are never read.

PROCEDIMIENTOS = [
    "Registro de contratos de trabajo", "Inscripción en el registro sindical",
    "Negociación colectiva", "Terminación colectiva de contratos",
    "Suspensión perfecta de labores", "Autorización de trabajo de adolescentes",
    "Conciliación administrativa", "Registro de empresas y trabajadores (RENEEIL)",
]
ETAPAS_TRAMITE = ["Recibido", "En evaluación", "Observado", "Diligencia o inspección",
                  "Resuelto", "Archivado"]
ESTADOS_TRAMITE = _vocabulary(ETAPAS_TRAMITE, {
    "ingresado": "Recibido", "en tramite": "En evaluación", "en calificacion": "En evaluación",
    "con observaciones": "Observado", "inspeccion": "Diligencia o inspección",
    "concluido": "Resuelto", "atendido": "Resuelto"})


def tramite_row(row: dict[str, Any]) -> dict[str, Any] | None:
    presentado = f.date(row, "FECHA_INGRESO")
    key = tramite_key({"fecha_presentacion": presentado})
    expediente = "".join(f.text(row, "NRO_EXPEDIENTE", key).split()).upper()
    movido = f.date(row, "FECHA_ULTIMO_MOVIMIENTO", key)
    if movido < presentado:
        raise RowError(f"'FECHA_ULTIMO_MOVIMIENTO' ({movido}) es anterior al ingreso "
                       f"({presentado})", key)
    return {"expediente": expediente,
            "procedimiento": _choice(row, "PROCEDIMIENTO",
                                     _vocabulary(PROCEDIMIENTOS, {}), key),
            "etapa": _choice(row, "ESTADO", ESTADOS_TRAMITE, key),
            "fecha_presentacion": presentado, "fecha_actualizacion": movido,
            "dependencia": f.text(row, "OFICINA", key),
            "nota": str(row.get("OBSERVACION_PUBLICA") or "").strip() or None}


def tramite_key(record: dict[str, Any]) -> str:
    return f"tramites-laborales-{record['fecha_presentacion'][:4]}-cosecha"


def tramite_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    anio = records[0]["fecha_presentacion"][:4]
    return _harvested_dataset(
        key, records, "tramites",
        f"Trámites administrativos de trabajo presentados en {anio}: etapa y fechas",
        "Etapa y fechas de los expedientes de la Gerencia Regional de Trabajo y Promoción "
        "del Empleo, según su registro de trámites. No contiene nombres ni documentos de "
        "las personas o empresas que los presentan. Cosechado automáticamente de la "
        "fuente configurada.", "Registro de trámites de la Gerencia Regional de Trabajo",
        "fecha_presentacion", "fecha_actualizacion", "DAILY", [{"name": "trámites"}])


TRAMITES = Layout(
    name="tramites", fields=tuple(diccionario.TRAMITE_FIELDS), primary_key=(),
    parse_row=tramite_row, dataset_key=tramite_key, dataset_metadata=tramite_dataset,
    resource_name="Trámites administrativos y su etapa")


def _harvested_dataset(key: str, records: list[dict[str, Any]], tipo_registro: str,
                       title: str, notes: str, fuente: str, first: str, last: str,
                       frecuencia: str, tags: list[dict[str, str]]) -> dict[str, Any]:
    """What every harvested laboral registry says about itself."""
    return {
        "name": key, "type": "laboral-registros", "title": title, "notes": notes,
        "entidad": "Gobierno Regional La Libertad - Gerencia Regional de Trabajo y "
                   "Promoción del Empleo",
        "fuente": fuente, "tipo_registro": tipo_registro, "origen_registro": "cosecha",
        "datos_personales": "excluidos",
        "ubigeos": ubigeos(records) if "ubigeo" in records[0] else [],
        "resolucion_temporal": "evento", "license_id": "odc-by", "frecuencia": frecuencia,
        "cobertura_espacial": "13",
        "cobertura_temporal_inicio": min(str(r[first]) for r in records),
        "cobertura_temporal_fin": max(str(r[last]) for r in records),
        "maintainer": "Gerencia Regional de Trabajo y Promoción del Empleo",
        "maintainer_email": "trabajo@regionlalibertad.gob.pe",
        "tags": tags, "groups": [{"name": "informacion-laboral"}],
    }


LAYOUTS = {layout.name: layout for layout in (OFERTAS, SERVICIO_EMPLEO, CONFLICTOS, CURSOS,
                                              TRAMITES)}
