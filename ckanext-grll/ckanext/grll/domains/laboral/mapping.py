"""Job offers feed -> records and datasets (pure functions).

An offer names the job, the employer (RUC checked with SUNAT's check digit), the
district and the conditions. Contact persons, e-mails, phones and any other column
outside the layout are never copied: the open dataset holds no personal data.
"""
from __future__ import annotations

import datetime
from typing import Any

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


def ruc_valido(ruc: str) -> bool:
    """SUNAT's rule: 11 digits, a known prefix and the module-11 check digit."""
    if len(ruc) != 11 or not ruc.isdigit() or not ruc.startswith(_RUC_PREFIXES):
        return False
    remainder = sum(int(d) * w for d, w in zip(ruc[:10], _RUC_WEIGHTS, strict=True)) % 11
    return int(ruc[10]) == (11 - remainder) % 10


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
                   "Código con el que la fuente identifica la oferta de empleo."),
            column("puesto", "text", "Puesto", "Nombre del puesto ofrecido."),
            column("ocupacion", "text", "Ocupación",
                   "Ocupación del puesto según la fuente."),
            column("ruc", "text", "RUC de la empresa",
                   "Registro Único de Contribuyentes del empleador (11 dígitos)."),
            column("empresa", "text", "Empresa", "Razón social del empleador."),
            d.ubigeo(), d.PROVINCIA, d.DISTRITO,
            column("vacantes", "int", "Vacantes", "Número de puestos ofrecidos.",
                   "puestos"),
            column("remuneracion", "numeric", "Remuneración mensual (S/)",
                   "Remuneración bruta mensual ofrecida, en soles; vacía si la oferta no "
                   "la indica.", "S/ por mes"),
            column("tipo_contrato", "text", "Tipo de contrato",
                   "Modalidad de contratación (plazo indeterminado, plazo fijo, etc.)."),
            column("jornada", "text", "Jornada", "Jornada de trabajo (completa o parcial)."),
            column("nivel_educativo", "text", "Nivel educativo mínimo",
                   "Nivel educativo mínimo que pide la oferta."),
            column("experiencia_meses", "int", "Experiencia requerida (meses)",
                   "Experiencia laboral mínima requerida, en meses.", "meses"),
            column("fecha_publicacion", "date", "Fecha de publicación",
                   "Día en que se publicó la oferta."),
            column("fecha_cierre", "date", "Fecha de cierre",
                   "Último día para postular.")),
    primary_key=(),
    parse_row=oferta_row, dataset_key=oferta_key, dataset_metadata=oferta_dataset,
    resource_name="Ofertas de empleo")

LAYOUTS = {OFERTAS.name: OFERTAS}
