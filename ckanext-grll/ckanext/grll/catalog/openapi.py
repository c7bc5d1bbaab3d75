"""The OpenAPI 3 document of the portal's own API: grll_catalog actions, the citizen
reports' grll_feedback actions, bulk downloads, DCAT endpoints and the Open311
GeoReport v2 endpoint.

CKAN's action API wraps every answer as ``{help, success, result}`` and maps
errors to 403 (not allowed), 404 (not found) and 409 (invalid: ``error`` names
each field). Side-effect-free actions are documented as GET with query
parameters, the others as POST with a JSON body and an API token. Every
``example`` here is executed by the test suite against a running portal.
"""
from __future__ import annotations

import functools
import json
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll.catalog import harvest_samples, request_checks
from ckanext.grll.catalog.logic import schema as limits
from ckanext.grll.feedback.shared import IGrllDomain

ROUTE = "/api/grll/openapi.json"
EXAMPLE_DATASET = "vigilancia-calidad-agua-consumo-2024"
EXAMPLE_ORGANIZATION = "gerencia-regional-salud"

STRING = {"type": "string"}
INTEGER = {"type": "integer", "minimum": 0}
#: grll_catalog's listings refuse a larger offset (see logic/schema.py).
OFFSET = {"type": "integer", "minimum": 0, "maximum": limits.MAX_OFFSET}


def _text(max_chars: int) -> dict[str, Any]:
    return {"type": "string", "maxLength": max_chars}


ID = _text(limits.ID_CHARS)
ERROR = {"type": "object", "properties": {
    "success": {"type": "boolean"},
    "error": {"type": "object", "additionalProperties": True}}}


def _envelope(result: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["success", "result"], "properties": {
        "help": STRING, "success": {"type": "boolean"}, "result": result}}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


ACTION_ERRORS = {
    # CKAN answers a body that is not a JSON object with a JSON string, and one it
    # cannot turn into data (an empty key, a list of non-objects) with the error object
    # (Integrity Error); the web server answers an unreadable Authorization header with
    # an HTML page.
    "400": {"description": "Petición mal formada: un cuerpo que no es un objeto JSON o "
            "que CKAN no puede leer, o una cabecera Authorization ilegible",
            "content": {"application/json": {"schema": {"oneOf": [STRING, ERROR]}},
                        "text/html": {"schema": STRING}}},
    "403": {"description": "No autorizado", **_json(ERROR)},
    "404": {"description": "No encontrado", **_json(ERROR)},
    "409": {"description": "Datos no válidos: `error` indica cada campo y el motivo",
            **_json(ERROR)},
}

REUSE = {"type": "object", "properties": {
    "id": STRING, "title": STRING, "description": STRING,
    "type": {"type": "string", "enum": ["app", "visualizacion", "articulo", "api"]},
    "url": {"type": "string", "format": "uri"}, "authors": STRING,
    "image_url": {"type": "string", "nullable": True}, "state": STRING,
    "datasets": {"type": "array", "items": {"type": "object"}}}}
REUSE_FIELDS = {
    "title": _text(limits.TITLE_CHARS), "description": _text(limits.DESCRIPTION_CHARS),
    "type": REUSE["properties"]["type"],
    "url": {"type": "string", "format": "uri", "maxLength": limits.URL_CHARS},
    "datasets": {"type": "array", "items": ID, "maxItems": limits.MAX_DATASETS},
    "authors": _text(limits.NOTE_CHARS)}
DATA_REQUEST = {"type": "object", "properties": {
    "id": STRING, "title": STRING, "description": STRING,
    "status": {"type": "string", "enum": ["abierta", "atendida", "rechazada"]},
    "organization": {"type": "object", "nullable": True},
    "dataset": {"type": "object", "nullable": True},
    "followers": INTEGER}}
LISTING = {"type": "object", "properties": {
    "count": INTEGER, "results": {"type": "array", "items": {"type": "object"}},
    "facets": {"type": "object"}}}


def _query(name: str, description: str, schema: dict[str, Any] | None = None,
           example: Any = None, required: bool = False) -> dict[str, Any]:
    parameter: dict[str, Any] = {"name": name, "in": "query", "required": required,
                                 "description": description, "schema": schema or STRING}
    if example is not None:
        parameter["example"] = example
    return parameter


def _read_action(name: str, summary: str, parameters: list[dict[str, Any]],
                 result: dict[str, Any], tag: str) -> dict[str, Any]:
    return {f"/api/3/action/{name}": {"get": {
        "operationId": name, "summary": summary, "tags": [tag], "parameters": parameters,
        "responses": {"200": {"description": "Correcto", **_json(_envelope(result))},
                      **ACTION_ERRORS}}}}


def _write_action(name: str, summary: str, properties: dict[str, Any],
                  required: list[str], example: dict[str, Any], result: dict[str, Any],
                  tag: str) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        body["required"] = required
    return {f"/api/3/action/{name}": {"post": {
        "operationId": name, "summary": summary, "tags": [tag],
        "security": [{"apiToken": []}],
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": body, "example": example}}},
        "responses": {"200": {"description": "Correcto", **_json(_envelope(result))},
                      **ACTION_ERRORS}}}}


def _download(path: str, summary: str, media_type: str | tuple[str, ...], tag: str,
              parameters: list[dict[str, Any]] | None = None,
              errors: dict[str, str] | None = None) -> dict[str, Any]:
    media_types = (media_type,) if isinstance(media_type, str) else media_type
    responses: dict[str, Any] = {"200": {"description": "Correcto", "content": {
        media: {"schema": _body_schema(media)} for media in media_types}}}
    for code, description in (errors or {}).items():
        responses[code] = {"description": description}
    return {path: {"get": {"operationId": path.strip("/").replace("/", "_").replace(
        "{", "").replace("}", "").replace(".", "_"), "summary": summary, "tags": [tag],
        "parameters": parameters or [], "responses": responses}}}


def _body_schema(media_type: str) -> dict[str, Any]:
    """A download's body: text, except JSON-LD, whose top level is an object or a list
    depending on the graph (any JSON, then)."""
    return {} if media_type == "application/ld+json" else STRING


def _path(name: str, description: str, schema: dict[str, Any], example: Any) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": schema, "example": example}


RDF_FORMAT = {"type": "string", "enum": ["ttl", "rdf", "xml", "jsonld", "n3"]}
#: What ckanext-dcat answers for each serialization (`{format}` picks one).
#: JSON-LD first: a validator reading one schema for every JSON answer reads its own.
RDF_MEDIA_TYPES = ("application/ld+json", "text/turtle", "application/rdf+xml", "text/n3")
OPEN311_FORMAT = {"type": "string", "enum": ["json", "xml"]}
OPEN311_ERRORS = {"400": "Solicitud no válida", "403": "Clave no válida",
                  "404": "No encontrado (también un formato que no es json ni xml)",
                  "429": "Demasiadas solicitudes"}

# GeoReport v2's answers (http://wiki.open311.org/GeoReport_v2). `{format}` picks JSON or
# XML; the XML holds the same fields as elements, each list under its plural root.
NULLABLE_STRING = {"type": "string", "nullable": True}
NULLABLE_NUMBER = {"type": "number", "nullable": True}
OPEN311_ERROR = {"type": "array", "xml": {"name": "errors", "wrapped": True},
                 "items": {"type": "object", "xml": {"name": "error"},
                           "required": ["code", "description"], "properties": {
                               "code": {"type": "integer"}, "description": STRING}}}
OPEN311_DISCOVERY = {"type": "object", "xml": {"name": "discovery"}, "properties": {
    "changeset": STRING, "contact": STRING, "key_service": STRING,
    "endpoints": {"type": "array", "xml": {"wrapped": True}, "items": {
        "type": "object", "xml": {"name": "endpoint"}, "properties": {
            "specification": STRING, "url": STRING, "changeset": STRING, "type": STRING,
            "formats": {"type": "array", "xml": {"wrapped": True},
                        "items": {"type": "string", "xml": {"name": "format"}}}}}}}}
OPEN311_SERVICES = {"type": "array", "xml": {"name": "services", "wrapped": True},
                    "items": {"type": "object", "xml": {"name": "service"},
                              "required": ["service_code", "service_name", "metadata",
                                           "type"],
                              "properties": {
                                  "service_code": STRING, "service_name": STRING,
                                  "description": STRING, "metadata": {"type": "boolean"},
                                  "type": {"type": "string",
                                           "enum": ["realtime", "batch", "blackbox"]},
                                  "keywords": STRING, "group": STRING}}}
OPEN311_DEFINITION = {"type": "object", "xml": {"name": "service_definition"},
                      "required": ["service_code", "attributes"], "properties": {
    "service_code": STRING,
    "attributes": {"type": "array", "xml": {"wrapped": True}, "items": {
        "type": "object", "xml": {"name": "attribute"}, "properties": {
            "variable": {"type": "boolean"}, "code": STRING,
            "datatype": {"type": "string", "enum": [
                "string", "number", "datetime", "text", "singlevaluelist",
                "multivaluelist"]},
            "required": {"type": "boolean"}, "datatype_description": NULLABLE_STRING,
            "order": {"type": "integer"}, "description": STRING,
            "values": {"type": "array", "xml": {"wrapped": True}, "items": {
                "type": "object", "xml": {"name": "value"},
                "properties": {"key": STRING, "name": STRING}}}}}}}}
OPEN311_REQUESTS = {"type": "array", "xml": {"name": "service_requests", "wrapped": True},
                    "items": {"type": "object", "xml": {"name": "request"},
                              "required": ["service_request_id", "status"], "properties": {
    "service_request_id": STRING, "status": {"type": "string", "enum": ["open", "closed"]},
    "status_notes": NULLABLE_STRING, "service_name": STRING, "service_code": STRING,
    "description": NULLABLE_STRING, "agency_responsible": NULLABLE_STRING,
    "service_notice": NULLABLE_STRING, "requested_datetime": NULLABLE_STRING,
    "updated_datetime": NULLABLE_STRING, "expected_datetime": NULLABLE_STRING,
    "address": NULLABLE_STRING, "address_id": NULLABLE_STRING, "zipcode": NULLABLE_STRING,
    "lat": NULLABLE_NUMBER, "long": NULLABLE_NUMBER, "media_url": NULLABLE_STRING,
    "detailed_status": STRING, "detailed_status_name": STRING,
    "detailed_stage": NULLABLE_STRING}}}
OPEN311_CREATED = {"type": "array", "xml": {"name": "service_requests", "wrapped": True},
                   "items": {"type": "object", "xml": {"name": "request"},
                             "required": ["service_request_id"], "properties": {
                                 "service_request_id": STRING, "service_notice": STRING,
                                 "account_id": NULLABLE_STRING}}}


def _open311_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema},
                        "text/xml": {"schema": schema}}}


def _open311_responses(ok: str, schema: dict[str, Any],
                       errors: tuple[str, ...]) -> dict[str, Any]:
    responses = {ok: {"description": "Correcto" if ok == "200" else "Creado",
                      **_open311_content(schema)}}
    for code in errors:
        responses[code] = {"description": OPEN311_ERRORS.get(code, "Error"),
                           **_open311_content(OPEN311_ERROR)}
    return responses


def _open311_paths() -> dict[str, Any]:
    fmt = _path("format", "json o xml", OPEN311_FORMAT, "json")
    paths: dict[str, Any] = {}
    for path, summary, extra, schema, errors in (
            ("/open311/v2/discovery.{format}", "Descubrimiento GeoReport v2", [],
             OPEN311_DISCOVERY, ("404",)),
            ("/open311/v2/services.{format}", "Servicios: categorías de reporte de los cuatro "
             "compromisos", [], OPEN311_SERVICES, ("404",)),
            ("/open311/v2/requests.{format}", "Reportes ciudadanos públicos (anonimizados)",
             [_query("service_request_id", "Códigos de seguimiento separados por comas"),
              _query("service_code", "Códigos de servicio separados por comas"),
              _query("status", "open, closed o ambos separados por comas (open,closed)",
                     {"type": "string", "pattern": r"^(open|closed)(,(open|closed))*$"},
                     "open,closed"),
              _query("start_date", "Desde (ISO 8601; se redondea al mes)",
                     example="2024-01-01T00:00:00-05:00"),
              _query("end_date", "Hasta (ISO 8601; se redondea al mes)"),
              _query("updated_after", "Cambiados desde (ISO 8601; se redondea al mes)"),
              _query("page", "Página", {"type": "integer", "minimum": 1}, 1),
              _query("page_size", "Cuántos por página (máximo 200)",
                     {"type": "integer", "minimum": 1}, 5)],
             OPEN311_REQUESTS, ("400", "404")),
            ("/open311/v2/requests/{service_request_id}.{format}", "Un reporte público",
             [_path("service_request_id", "Código del reporte", STRING, "NO-EXISTE")],
             OPEN311_REQUESTS, ("404",)),
            ("/open311/v2/services/{service_code}.{format}", "Definición de un servicio",
             [_path("service_code", "Código de servicio", STRING, "no-existe")],
             OPEN311_DEFINITION, ("404",)),
    ):
        paths[path] = {"get": {
            "operationId": path.strip("/").replace("/", "_").replace("{", "").replace(
                "}", "").replace(".", "_"),
            "summary": summary, "tags": ["Open311"], "parameters": [fmt, *extra],
            "responses": _open311_responses("200", schema, errors)}}
    paths["/open311/v2/requests.{format}"]["post"] = {
        "operationId": "open311_requests_create", "tags": ["Open311"],
        "summary": "Crear un reporte ciudadano (GeoReport v2)",
        "description": (
            "Las respuestas a las preguntas del servicio van como `attribute[código]`. "
            "La foto se adjunta como archivo en `media` (multipart/form-data); un enlace "
            "en `media_url` se rechaza con 400: el portal no descarga imágenes de otros "
            "servidores ni publica enlaces que no puede revisar ni limpiar de metadatos."),
        "parameters": [fmt],
        "requestBody": {"required": True, "content": {
            "application/x-www-form-urlencoded": {"schema": {
                "type": "object", "required": ["service_code"], "properties": {
                    "service_code": STRING, "api_key": STRING, "description": STRING,
                    "lat": {"type": "number"}, "long": {"type": "number"},
                    "address_string": STRING, "address_id": STRING, "email": STRING,
                    "first_name": STRING, "last_name": STRING}}}}},
        "responses": _open311_responses("201", OPEN311_CREATED,
                                        ("400", "403", "404", "429"))}
    return paths


def _domain() -> dict[str, Any]:
    """The commitments whose plugins are enabled. Any other value, or a domain whose
    plugin is off, is refused with a 409 (as a filter of a listing too: feedback
    validators.grll_feedback_domain names the enabled ones)."""
    return {"type": "string", "enum": [
        plugin.grll_domain_name() for plugin in p.PluginImplementations(IGrllDomain)]}


REPORT = {"type": "object", "properties": {
    "codigo": STRING, "dominio": STRING, "categoria": STRING, "estado": STRING,
    "ubigeo": STRING, "mes": STRING}}
EXAMPLE_REPORT = {
    "domain": "agua", "category": "baja-presion", "ubigeo": "130101",
    "description": "Desde el lunes el agua llega sin presión al segundo piso.",
    "answers": {"horario": "manana"}, "identity": "anonimo"}


def _open_government_paths() -> dict[str, Any]:
    """The action plan's (grll_ogp) and the inventory's (grll_apertura) operations, each
    described in its own room's api_docs.py, while its plugin is enabled."""
    paths: dict[str, Any] = {}
    if p.plugin_loaded("grll_ogp"):
        from ckanext.grll.ogp.api_docs import openapi_paths as ogp_paths

        paths.update(ogp_paths(_read_action, _write_action, _query))
    if p.plugin_loaded("grll_apertura"):
        from ckanext.grll.apertura.api_docs import openapi_paths as apertura_paths

        paths.update(apertura_paths(_read_action, _write_action, _query))
    return paths


def _feedback_paths() -> dict[str, Any]:
    """The citizen reports' actions (see ckanext.grll.feedback.logic.action)."""
    tag = "Reportes ciudadanos"
    domain = _domain()
    paths: dict[str, Any] = {}
    paths.update(_read_action(
        "grll_feedback_services", "Categorías que se pueden reportar, con sus preguntas",
        [_query("domain", "Solo las de este compromiso", domain, "agua")],
        {"type": "array", "items": {"type": "object"}}, tag))
    paths.update(_read_action(
        "grll_feedback_list", "Reportes publicados (moderados y anonimizados)",
        [_query("domain", "Compromiso", domain, "agua"),
         _query("category", "Código de categoría"),
         _query("ubigeo", "Distrito (ubigeo INEI)", example="130101"),
         _query("month_from", "Desde el mes AAAA-MM", example="2024-01"),
         _query("limit", "Cuántos (máximo 500)", INTEGER, 5),
         _query("offset", "Desde cuál", INTEGER, 0)],
        {"type": "object", "properties": {"count": INTEGER, "results": {
            "type": "array", "items": REPORT}}}, tag))
    paths.update(_read_action(
        "grll_feedback_stats", "Cifras por categoría, distrito (tasa por 100 000 "
        "habitantes) y organización responsable",
        [_query("domain", "Compromiso", domain, "seguridad", required=True)],
        {"type": "object"}, tag))
    paths.update(_read_action(
        "grll_feedback_show", "Línea de tiempo pública de un reporte",
        [_query("code", "Código de seguimiento", example="NO-EXISTE", required=True)],
        REPORT, tag))
    create = _write_action(
        "grll_feedback_create", "Enviar un reporte (sin cuenta donde el compromiso lo "
        "permite)",
        {"domain": domain, "category": STRING, "description": STRING,
         "lat": {"type": "number"}, "lon": {"type": "number"}, "ubigeo": STRING,
         "address": STRING, "answers": {"type": "object"},
         "identity": {"type": "string", "enum": ["publico", "oculto", "anonimo"]},
         "name": STRING, "email": STRING},
        ["domain", "category", "description"], EXAMPLE_REPORT, REPORT, tag)
    operation = create["/api/3/action/grll_feedback_create"]["post"]
    # The token is optional (anonymous reports where the category allows them): an
    # operation without `security` is the truthful description of that.
    del operation["security"]
    operation["description"] = (
        "Sin token donde la categoría admite reportes anónimos; con un token de API "
        "(cabecera Authorization) el reporte queda asociado a su cuenta.")
    operation["responses"]["429"] = {"description": "Demasiados reportes seguidos",
                                     **_json(ERROR)}
    paths.update(create)
    return paths


def build_document() -> dict[str, Any]:
    """The OpenAPI 3.0 document, with the configured site as its server."""
    site_url = tk.config.get("ckan.site_url").rstrip("/")
    paths: dict[str, Any] = {}
    reuse_tag, request_tag, catalog_tag = ("Aplicaciones", "Solicitudes de datos",
                                           "Catálogo")
    paths.update(_read_action(
        "grll_catalog_dataset_quality_show",
        "Puntaje de calidad de metadatos (0-100) de un conjunto y qué mejorar",
        [_query("id", "Nombre o id del conjunto de datos", example=EXAMPLE_DATASET,
                required=True)],
        {"type": "object", "properties": {"score": INTEGER, "level": STRING,
                                          "criteria": {"type": "array"}}}, catalog_tag))
    paths.update(_read_action(
        "grll_catalog_reuse_list", "Aplicaciones y reutilizaciones aprobadas",
        [_query("type", "Tipo", REUSE["properties"]["type"], "app"),
         _query("dataset", "Solo las que usan este conjunto", example=EXAMPLE_DATASET),
         _query("organization", "Solo las que usan datos de esta organización",
                example=EXAMPLE_ORGANIZATION),
         _query("limit", "Cuántas (máximo 1000)", INTEGER, 10),
         _query("offset", "Desde cuál", OFFSET, 0)], LISTING, reuse_tag))
    paths.update(_read_action(
        "grll_catalog_reuse_show", "Una reutilización aprobada",
        [_query("id", "Id de la reutilización", example="no-existe", required=True)],
        REUSE, reuse_tag))
    paths.update(_write_action(
        "grll_catalog_reuse_create", "Registrar una reutilización (queda pendiente de "
        "aprobación)",
        REUSE_FIELDS,
        ["title", "description", "type", "url", "datasets"],
        {"title": "Mapa de la calidad del agua", "description": "Visualización por distrito.",
         "type": "visualizacion", "url": "https://example.org/mapa-agua",
         "datasets": [EXAMPLE_DATASET], "authors": "Equipo Hackatón"}, REUSE, reuse_tag))
    paths.update(_write_action(
        "grll_catalog_reuse_update", "Modificar una reutilización (su autor; vuelve a "
        "revisión)",
        {"id": ID, **REUSE_FIELDS},
        ["id", "title", "description", "type", "url", "datasets"],
        {"id": "no-existe", "title": "Mapa de la calidad del agua",
         "description": "Visualización por distrito.", "type": "visualizacion",
         "url": "https://example.org/mapa-agua", "datasets": [EXAMPLE_DATASET]},
        REUSE, reuse_tag))
    paths.update(_write_action(
        "grll_catalog_reuse_delete", "Eliminar una reutilización (su autor)",
        {"id": STRING}, ["id"], {"id": "no-existe"}, {"type": "object", "nullable": True},
        reuse_tag))
    paths.update(_write_action(
        "grll_catalog_reuse_review", "Aprobar o rechazar una reutilización",
        {"id": STRING, "decision": {"type": "string", "enum": ["aprobada", "rechazada"]},
         "reason": STRING}, ["id", "decision"],
        {"id": "no-existe", "decision": "aprobada"}, REUSE, reuse_tag))
    paths.update(_read_action(
        "grll_catalog_data_request_list", "Solicitudes de datos con su estado",
        [_query("status", "Estado", DATA_REQUEST["properties"]["status"], "abierta"),
         _query("organization", "Organización sugerida", example=EXAMPLE_ORGANIZATION),
         _query("limit", "Cuántas (máximo 1000)", INTEGER, 10),
         _query("offset", "Desde cuál", OFFSET, 0)], LISTING, request_tag))
    paths.update(_read_action(
        "grll_catalog_data_request_show", "Una solicitud de datos",
        [_query("id", "Id de la solicitud", example="no-existe", required=True)],
        DATA_REQUEST, request_tag))
    paths.update(_write_action(
        "grll_catalog_data_request_create", "Solicitar un conjunto de datos",
        {"title": _text(limits.TITLE_CHARS), "description": _text(limits.DESCRIPTION_CHARS),
         "organization": ID},
        ["title", "description"],
        {"title": "Cloro residual por centro poblado",
         "description": "Mediciones mensuales por centro poblado.",
         "organization": EXAMPLE_ORGANIZATION}, DATA_REQUEST, request_tag))
    paths.update(_write_action(
        "grll_catalog_data_request_close", "Cerrar una solicitud (atendida o rechazada)",
        {"id": STRING, "status": {"type": "string", "enum": ["atendida", "rechazada"]},
         "dataset": STRING, "reason": STRING}, ["id", "status"],
        {"id": "no-existe", "status": "rechazada", "reason": "Ya se publica"},
        DATA_REQUEST, request_tag))
    for verb, summary in (("follow", "Seguir una solicitud (aviso por correo al cerrarse)"),
                          ("unfollow", "Dejar de seguir una solicitud")):
        paths.update(_write_action(
            f"grll_catalog_data_request_{verb}", summary, {"id": STRING}, ["id"],
            {"id": "no-existe"}, DATA_REQUEST, request_tag))
    paths.update(_write_action(
        "grll_catalog_dump_refresh", "Regenerar el volcado completo del catálogo "
        "(administradores)", {"background": {"type": "boolean"}}, [],
        {"background": True}, {"type": "object"}, catalog_tag))
    paths.update(_download(
        "/catalogo/{export}.csv", "Exportación masiva en CSV (en flujo)", "text/csv",
        catalog_tag, [_path("export", "Qué exportar", {"type": "string", "enum": [
            "datasets", "recursos", "organizaciones"]}, "datasets")], {"404": "No existe"}))
    paths.update(_download(
        "/catalogo/catalogo.jsonl", "Catálogo completo: un conjunto por línea "
        "(package_show)", "application/jsonl", catalog_tag, errors={"404": "Aún no generado"}))
    paths.update(_download("/aplicaciones.csv", "Aplicaciones aprobadas en CSV", "text/csv",
                           reuse_tag))
    paths.update(_download("/sitemap.xml", "Mapa del sitio", "application/xml", catalog_tag))
    paths.update(_download("/robots.txt", "Reglas para rastreadores, con la dirección del "
                           "mapa del sitio", "text/plain", catalog_tag))
    paths.update(_download(
        f"{harvest_samples.SAMPLES_ROUTE}/{{name}}", "Muestras de las fuentes de cosecha "
        "de demostración (las registra el catálogo semilla)", "text/csv", "Cosecha",
        [_path("name", "Archivo de muestra", {"type": "string", "enum": sorted(harvest_samples.samples())},
              "sidpol_2023.csv")],
        {"404": "No existe esa muestra"}))
    paths.update(_download(
        "/catalog.{format}", "Catálogo DCAT-AP (paginado)", RDF_MEDIA_TYPES, "DCAT",
        [_path("format", "Serialización RDF", RDF_FORMAT, "ttl"),
         _query("page", "Página (100 conjuntos por página)", {
             "type": "integer", "minimum": 1, "maximum": request_checks.MAX_PAGE}, 1),
         _query("modified_since", "Solo los modificados desde (ISO 8601)",
                example="2024-01-01")],
        {"400": "Página, fecha o búsqueda no válida", "406": "Formato no soportado",
         "409": "No válido"}))
    paths.update(_download(
        "/dataset/{id}.{format}", "Un conjunto en DCAT-AP", RDF_MEDIA_TYPES, "DCAT",
        [_path("id", "Nombre o id del conjunto", STRING, EXAMPLE_DATASET),
         _path("format", "Serialización RDF", RDF_FORMAT, "jsonld")],
        {"404": "No encontrado", "406": "Formato no soportado"}))
    paths.update(_feedback_paths())
    paths.update(_open_government_paths())
    paths.update(_open311_paths())
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "API del Portal de Datos Abiertos La Libertad",
            "version": "1.0",
            "description": (
                "Acciones propias del portal (calidad de metadatos, aplicaciones, solicitudes "
                "de datos, volcado del catálogo, reportes ciudadanos), descargas masivas, "
                "DCAT y Open311 "
                "GeoReport v2. El resto de la API de CKAN y de la DataStore se documenta en "
                "https://docs.ckan.org/en/2.12/api/."),
            "license": {"name": "ODC-By",
                        "url": "https://opendatacommons.org/licenses/by/1-0/"},
        },
        "servers": [{"url": site_url}],
        "components": {"securitySchemes": {"apiToken": {
            "type": "apiKey", "in": "header", "name": "Authorization",
            "description": "Token de API de CKAN (perfil de usuario > Tokens de API)"}}},
        "paths": paths,
    }


@functools.cache
def _cached(site_url: str) -> str:
    return json.dumps(build_document(), ensure_ascii=False, indent=2)


def document_json() -> str:
    return _cached(tk.config.get("ckan.site_url"))
