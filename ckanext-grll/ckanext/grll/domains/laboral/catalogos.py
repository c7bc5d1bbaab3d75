"""Training courses and administrative procedures: registries kept by stewards.

Both are DataStore resources of open datasets created on the first record
(``laboral-capacitacion``, ``laboral-tramites``). The procedures registry holds
no personal data: a file number, the procedure, its stage and dates only.
"""
from __future__ import annotations

import datetime
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _

from ckanext.grll.domains.laboral import datastore, diccionario, validation
from ckanext.grll.domains.laboral.mapping import ETAPAS_TRAMITE, MODALIDADES, PROCEDIMIENTOS
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



def _date(data: dict[str, Any], field: str, errors: validation.Errors) -> str | None:
    try:
        return datetime.date.fromisoformat(str(data.get(field) or "").strip()).isoformat()
    except ValueError:
        errors.add(field, _("Fecha no válida (use AAAA-MM-DD)"))
        return None


# --- training --------------------------------------------------------------------------

def create_course(data: dict[str, Any]) -> dict[str, Any]:
    errors = validation.Errors()
    record: dict[str, Any] = {
        "entidad": validation.text(data, "entidad", errors),
        "curso": validation.text(data, "curso", errors),
        "ocupacion": validation.choice(data, "ocupacion", validation.ocupaciones(), errors,
                                       _("Ocupación desconocida: elija una de la lista")),
        "modalidad": validation.choice(data, "modalidad", MODALIDADES, errors,
                                       _("Modalidad desconocida")),
        "fecha_inicio": _date(data, "fecha_inicio", errors),
        "fecha_fin": _date(data, "fecha_fin", errors),
        "horas": validation.integer(data, "horas", errors, 1, 5000),
        "vacantes": validation.integer(data, "vacantes", errors, 1, 100000),
        "requisitos": validation.text(data, "requisitos", errors, required=False) or None,
        "inscripcion": validation.text(data, "inscripcion", errors),
    }
    district = validation.distrito(data, errors)
    if district:
        record.update(ubigeo=district.ubigeo, provincia=district.provincia,
                      distrito=district.nombre)
    if record["fecha_inicio"] and record["fecha_fin"] and \
            record["fecha_fin"] < record["fecha_inicio"]:
        errors.add("fecha_fin", _("Termina antes de empezar"))
    if errors:
        raise tk.ValidationError(dict(errors))
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


def save_procedure(data: dict[str, Any]) -> dict[str, Any]:
    """Create or update a procedure's stage (by expediente)."""
    errors = validation.Errors()
    expediente = normalize_expediente(str(data.get("expediente") or ""))
    if not EXPEDIENTE.match(expediente):
        errors.add("expediente", _("Número de expediente no válido"))
    record: dict[str, Any] = {
        "expediente": expediente,
        "procedimiento": validation.choice(data, "procedimiento", PROCEDIMIENTOS, errors,
                                           _("Procedimiento desconocido")),
        "etapa": validation.choice(data, "etapa", ETAPAS_TRAMITE, errors,
                                   _("Etapa desconocida")),
        "fecha_presentacion": _date(data, "fecha_presentacion", errors),
        "fecha_actualizacion": _date(data, "fecha_actualizacion", errors),
        "dependencia": validation.text(data, "dependencia", errors),
        "nota": validation.text(data, "nota", errors, required=False) or None,
    }
    if errors:
        raise tk.ValidationError(dict(errors))
    rid = datastore.resource_id(TRAMITES.dataset, METADATA[TRAMITES.dataset],
                                TRAMITE_RESOURCE, TRAMITE_FIELDS, ["expediente"])
    tk.get_action("datastore_upsert")(datastore.site_context(), {
        "resource_id": rid, "records": [record], "method": "upsert", "force": True})
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
