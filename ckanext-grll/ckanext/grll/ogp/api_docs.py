"""The action plan's operations in the portal's OpenAPI document (catalog/openapi.py adds
them while grll_ogp is enabled). Reads answer with the seed's plan; the write example
names a milestone that does not exist and is answered with the documented error."""
from __future__ import annotations

from typing import Any

from ckanext.grll.ogp import estado

TAG = "Gobierno Abierto"
STRING = {"type": "string"}
OBJECT = {"type": "object", "additionalProperties": True}
NUMERO = {"type": "integer", "minimum": 1, "maximum": 99}


def openapi_paths(read_action: Any, write_action: Any, query: Any) -> dict[str, Any]:
    """The paths of the ``grll_ogp_*`` reads and of the milestone update, built with the
    document's own helpers (``_read_action``, ``_write_action``, ``_query``)."""
    numero = query("numero", "Número del compromiso", NUMERO, 2, True)
    paths: dict[str, Any] = {}
    paths.update(read_action(
        "grll_ogp_plan_show", "El plan de acción: cada compromiso con su avance y retrasos",
        [], {"type": "object", "properties": {
            "compromisos": {"type": "array", "items": OBJECT},
            "actualizado": {"type": "string", "nullable": True}}}, TAG))
    paths.update(read_action(
        "grll_ogp_commitment_show", "Un compromiso: los campos de la plantilla de OGP, "
        "hitos (con retraso calculado de las fechas), evidencias, evaluaciones e "
        "indicadores", [numero], OBJECT, TAG))
    paths.update(read_action(
        "grll_ogp_indicator_list", "Los indicadores de un compromiso, hoy y en el tiempo",
        [numero], {"type": "object", "properties": {
            "actuales": {"type": "array", "items": OBJECT},
            "historia": {"type": "array", "items": OBJECT}}}, TAG))
    paths.update(read_action(
        "grll_ogp_committee_show", "El Comité de Gobierno Abierto: miembros, sesiones y "
        "acuerdos", [], OBJECT, TAG))
    paths.update(read_action(
        "grll_ogp_comment_list", "Comentarios publicados de la ciudadanía",
        [query("numero", "Número del compromiso", NUMERO, 2)],
        {"type": "object", "properties": {"results": {"type": "array", "items": OBJECT}}},
        TAG))
    paths.update(write_action(
        "grll_ogp_milestone_update", "Actualizar un hito (la entidad que lidera el "
        "compromiso)",
        {"id": STRING, "avance": {"type": "string", "enum": list(estado.AVANCES)},
         "fecha_inicio": {"type": "string", "format": "date"},
         "fecha_fin": {"type": "string", "format": "date"},
         "responsable": {"type": "string", "maxLength": 300}},
        ["id"], {"id": "ID-DEL-HITO", "avance": "completado"}, OBJECT, TAG))
    return paths
