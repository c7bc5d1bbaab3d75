"""The inventory's operations in the portal's OpenAPI document (catalog/openapi.py adds
them while grll_apertura is enabled). Every example runs against a portal with the seed:
reads answer with data, writes name a candidate or Gerencia that does not exist and are
answered with the documented error."""
from __future__ import annotations

from typing import Any

from ckanext.grll.apertura import fases
from ckanext.grll.apertura.logic.schema import MAX_RESULTS

TAG = "Apertura de datos"
STRING = {"type": "string"}
COUNTS = {key: {"type": "integer", "minimum": 0} for key in (
    "identificados", "analizados", "priorizados", "publicados", "con_retraso")}
CANDIDATE = {"type": "object", "properties": {
    "id": STRING, "title": STRING, "description": STRING,
    "origin": {"type": "string", "enum": list(fases.ORIGINS)},
    "organization": {"type": "object", "nullable": True},
    "process": {"type": "object", "nullable": True},
    "data_request": {"type": "object", "nullable": True},
    "outcome": {"type": "string", "enum": list(fases.OUTCOMES), "nullable": True},
    "legal_basis": {"type": "array", "items": {"type": "string",
                                               "enum": list(fases.LEGAL_BASES)}},
    "target_date": {"type": "string", "format": "date", "nullable": True},
    "dataset": {"type": "object", "nullable": True},
    "phase": {"type": "string", "enum": list(fases.PHASES)},
    "published": {"type": "boolean"}, "late": {"type": "boolean"},
    "votos": {"type": "integer"}, "puntaje_funcionarios": {"type": "integer"},
    "puntaje_sociedad_civil": {"type": "integer"}, "puntaje_total": {"type": "integer"},
    "sample": {"type": "boolean"}}}
ID = {"type": "string", "maxLength": 100}
DATE = {"type": "string", "format": "date"}


def openapi_paths(read_action: Any, write_action: Any, query: Any) -> dict[str, Any]:
    """The paths of the ``grll_apertura_*`` actions, built with the document's own
    helpers (``_read_action``, ``_write_action``, ``_query`` of catalog/openapi.py)."""
    paths: dict[str, Any] = {}
    paths.update(read_action(
        "grll_apertura_progress_show", "Avance del inventario de apertura por Gerencia "
        "(identificados, analizados, priorizados, publicados, con retraso)", [],
        {"type": "object", "properties": {
            "gerencias": {"type": "array", "items": {"type": "object", "properties": {
                "organization": {"type": "object"}, **COUNTS}}},
            "total": {"type": "object", "properties": COUNTS},
            "updated": {"type": "string", "nullable": True}}}, TAG))
    paths.update(read_action(
        "grll_apertura_candidate_list", "Candidatos del inventario, con su fase, análisis "
        "legal, puntaje y publicación (calculados)",
        [query("organization", "Gerencia (nombre de la organización)",
               example="gerencia-regional-salud"),
         query("phase", "Fase", {"type": "string", "enum": list(fases.PHASES)}),
         query("outcome", "Resultado del análisis legal",
               {"type": "string", "enum": list(fases.OUTCOMES)}),
         query("origin", "Origen", {"type": "string", "enum": list(fases.ORIGINS)}),
         query("late", "Solo los que están con retraso", {"type": "boolean"}),
         query("limit", f"Cuántos (máximo {MAX_RESULTS})",
               {"type": "integer", "minimum": 1, "maximum": MAX_RESULTS}, 20),
         query("offset", "Desde cuál", {"type": "integer", "minimum": 0}, 0)],
        {"type": "object", "properties": {"count": {"type": "integer"},
                                          "results": {"type": "array", "items": CANDIDATE}}},
        TAG))
    paths.update(read_action(
        "grll_apertura_candidate_show", "Un candidato, con los votos del taller",
        [query("id", "Id del candidato", ID, "no-existe", required=True)], CANDIDATE, TAG))
    paths.update(read_action(
        "grll_apertura_process_list", "Procesos de las Gerencias",
        [query("organization", "Gerencia", example="gerencia-regional-salud")],
        {"type": "array", "items": {"type": "object"}}, TAG))
    paths.update(write_action(
        "grll_apertura_process_create", "Registrar un proceso de una Gerencia (sus editores)",
        {"organization": ID, "name": {"type": "string", "maxLength": 200},
         "description": {"type": "string", "maxLength": 2000}}, ["organization", "name"],
        {"organization": "no-existe", "name": "Emisión de licencias de conducir"},
        {"type": "object"}, TAG))
    paths.update(write_action(
        "grll_apertura_candidate_create", "Agregar información de un proceso al inventario "
        "(fase 1; editores de la Gerencia)",
        {"organization": ID, "process": {"type": "string", "maxLength": 200},
         "title": {"type": "string", "maxLength": 300},
         "description": {"type": "string", "maxLength": 4000}},
        ["organization", "process", "title"],
        {"organization": "no-existe", "process": "Emisión de licencias de conducir",
         "title": "Licencias de conducir emitidas por mes"}, CANDIDATE, TAG))
    paths.update(write_action(
        "grll_apertura_candidate_update", "Corregir un candidato, asignarle Gerencia o "
        "vincular el conjunto de datos que lo publica",
        {"id": ID, "organization": ID, "process": STRING, "title": STRING,
         "description": STRING, "dataset": STRING}, ["id"],
        {"id": "no-existe", "dataset": "vigilancia-calidad-agua-consumo-2024"},
        CANDIDATE, TAG))
    paths.update(write_action(
        "grll_apertura_candidate_analyse", "Registrar el análisis legal (fase 2; secretaría "
        "de Gobierno Abierto). Reservar o anonimizar exige base legal",
        {"id": ID, "outcome": {"type": "string", "enum": list(fases.OUTCOMES)},
         "legal_basis": {"type": "array", "items": {"type": "string",
                                                    "enum": list(fases.LEGAL_BASES)}},
         "legal_notes": {"type": "string", "maxLength": 4000}}, ["id", "outcome"],
        {"id": "no-existe", "outcome": "reservada", "legal_basis": ["ley27806_art17_3"]},
        CANDIDATE, TAG))
    paths.update(write_action(
        "grll_apertura_vote_create", "Registrar un voto del taller de priorización "
        "(fase 3; secretaría)",
        {"id": ID, "workshop": STRING, "held_on": DATE,
         "voter_kind": {"type": "string", "enum": list(fases.VOTER_KINDS)},
         "voter": STRING, "score": {"type": "integer", "minimum": 1, "maximum": 5}},
        ["id", "workshop", "held_on", "voter_kind", "voter", "score"],
        {"id": "no-existe", "workshop": "Taller de priorización 2026-II",
         "held_on": "2026-10-15", "voter_kind": "sociedad_civil", "voter": "CODESCILL",
         "score": 5}, CANDIDATE, TAG))
    paths.update(write_action(
        "grll_apertura_candidate_prioritise", "Priorizar un candidato votado con su fecha "
        "meta (fase 3; secretaría)", {"id": ID, "target_date": DATE}, ["id", "target_date"],
        {"id": "no-existe", "target_date": "2027-06-30"}, CANDIDATE, TAG))
    return paths
