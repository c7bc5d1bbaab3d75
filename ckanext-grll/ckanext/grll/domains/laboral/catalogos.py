"""Training courses and administrative procedures: registries kept by stewards.

Both are DataStore resources of open datasets created on the first record
(``laboral-capacitacion``, ``laboral-tramites``). The procedures registry holds
no personal data: a file number, the procedure, its stage and dates only.
"""
from __future__ import annotations

import datetime
import re
from typing import Any

from ckanext.grll import datastore_tables
from ckanext.grll.domains.laboral import datastore, diccionario
from ckanext.grll.domains.laboral.mapping import ETAPAS_TRAMITE
from ckanext.grll.domains.laboral.registros import Registro

CURSOS = Registro("curso", "laboral-capacitacion", "codigo", "curso")
TRAMITES = Registro("tramite", "laboral-tramites", "expediente", "procedimiento")
CURSO_RESOURCE = "Cursos y programas de capacitación"
TRAMITE_RESOURCE = "Trámites administrativos y su etapa"
EXPEDIENTE = re.compile(r"^[A-Z0-9][A-Z0-9\-/.]{3,40}$")

CURSO_FIELDS = diccionario.CURSO_FIELDS
TRAMITE_FIELDS = diccionario.TRAMITE_FIELDS
_COMMON = {
    "origen_registro": "formulario",
    "fuente": "Gerencia Regional de Trabajo y Promoción del Empleo",
}
METADATA = {
    CURSOS.dataset: {**_COMMON, "name": CURSOS.dataset, "tipo_registro": "capacitacion",
                     "title": "Cursos y programas de capacitación laboral en La Libertad",
                     "notes": "Oferta de capacitación laboral: entidad, curso, ocupación, "
                              "distrito, fechas, horas, vacantes, requisitos e inscripción.",
                     "tags": [{"name": "capacitación laboral"}]},
    TRAMITES.dataset: {**_COMMON, "name": TRAMITES.dataset, "tipo_registro": "tramites",
                       "title": "Trámites administrativos de trabajo: etapa y fechas",
                       "notes": "Etapa y fechas de los expedientes de los procedimientos "
                                "administrativos de la Gerencia Regional de Trabajo. No "
                                "contiene nombres ni datos de las personas que los presentan.",
                       "tags": [{"name": "trámites"}]},
}



# --- training --------------------------------------------------------------------------

def create_course(record: dict[str, Any]) -> dict[str, Any]:
    """Add a course checked by ``schema.course_create``, numbered in its year."""
    rid = datastore.resource_id(CURSOS.dataset, METADATA[CURSOS.dataset], CURSO_RESOURCE,
                                CURSO_FIELDS, ["codigo"])
    count = datastore.search(rid, limit=0).get("total", 0)
    record["codigo"] = f"CAP-{datetime.date.today().year}-{count + 1:04d}"
    datastore.insert(rid, [record])
    return record


def search_courses(filters: dict[str, Any], today: datetime.date) -> list[dict[str, Any]]:
    """Courses not yet finished, soonest first, by occupation and district."""
    rid = datastore.find_resource(CURSOS.dataset)
    if rid is None:
        return []
    exact = {k: filters[k] for k in ("ocupacion", "ubigeo") if filters.get(k)}
    found = datastore.search(rid, filters=exact, limit=1000, sort="fecha_inicio")["records"]
    return [c for c in found if str(c["fecha_fin"])[:10] >= today.isoformat()]


# --- procedures ------------------------------------------------------------------------

def normalize_expediente(raw: str) -> str:
    return re.sub(r"\s+", "", raw or "").upper()


def save_procedure(record: dict[str, Any]) -> dict[str, Any]:
    """Create or update a procedure's stage (by expediente), checked by
    ``schema.procedure_update``."""
    rid = datastore.resource_id(TRAMITES.dataset, METADATA[TRAMITES.dataset],
                                TRAMITE_RESOURCE, TRAMITE_FIELDS, ["expediente"])
    datastore_tables.write(rid, [record])
    return record


def find_procedure(expediente: str) -> dict[str, Any] | None:
    rid = datastore.find_resource(TRAMITES.dataset)
    if rid is None:
        return None
    found = datastore.search(rid, filters={"expediente": normalize_expediente(expediente)},
                             limit=1)["records"]
    return found[0] if found else None


def procedure_summary() -> dict[str, Any]:
    """Procedures per stage, the latest update and a few file numbers to try."""
    rid = datastore.find_resource(TRAMITES.dataset)
    if rid is None:
        return {"total": 0, "por_etapa": [], "hasta": None, "ejemplos": []}
    counts = [(etapa, datastore.search(rid, filters={"etapa": etapa}, limit=0)["total"])
              for etapa in ETAPAS_TRAMITE]
    latest = datastore.search(rid, limit=3, sort="fecha_actualizacion desc")["records"]
    return {"total": sum(n for _etapa, n in counts), "por_etapa": counts,
            "hasta": str(latest[0]["fecha_actualizacion"])[:10] if latest else None,
            "ejemplos": [row["expediente"] for row in latest]}


# --- harvested rows --------------------------------------------------------------------

def merge_courses(records: list[dict[str, Any]]) -> int:
    """Add or refresh courses read by a harvest layout, by their code."""
    datastore.upsert(CURSOS.dataset, METADATA[CURSOS.dataset], CURSO_RESOURCE, CURSO_FIELDS,
                     ["codigo"], records)
    return len(records)


def merge_procedures(records: list[dict[str, Any]]) -> int:
    """Add or refresh procedures read by a harvest layout, by their file number."""
    datastore.upsert(TRAMITES.dataset, METADATA[TRAMITES.dataset], TRAMITE_RESOURCE,
                     TRAMITE_FIELDS, ["expediente"], records)
    return len(records)
