"""Content negotiation for the DCAT endpoints.

ckanext-dcat only negotiates when `ckanext.dcat.enable_content_negotiation`
replaces CKAN's home and dataset views; instead, a request hook answers
`Accept: text/turtle` (and the other RDF types) on `/` and `/dataset/<id>`
and leaves HTML to CKAN. Unknown formats in `/dataset/<id>.<fmt>` and
`/catalog.<fmt>` get 406 with the supported list instead of an error 500, and
the catalog's query parameters are checked before ckanext-dcat reads them: a
date it cannot hold or a search filter the backend cannot parse is a 400 with
a message (`page` is checked for every page by request_checks.check_request).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.search import SearchError
from dateutil.parser import parse as parse_date
from flask import Response

from ckanext.dcat import utils as dcat_utils

DCAT_FORMAT_ENDPOINTS = ("dcat.read_dataset", "dcat.read_catalog", "dcat.read_dataset_series")
DCAT_JSON_ENDPOINT = "dcat_json_interface.dcat_json"
NEGOTIATED_ENDPOINTS = {"dataset.read": "dataset", "home.index": "catalog"}


def negotiated_kind(endpoint: str, view_args: dict[str, Any]) -> str | None:
    """"dataset" for the page of a dataset of any type (``dataset.read``,
    ``agua.read``...: each type has its blueprint), "catalog" for the home page."""
    if endpoint in NEGOTIATED_ENDPOINTS:
        return NEGOTIATED_ENDPOINTS[endpoint]
    if endpoint.endswith(".read") and "package_type" in view_args \
            and "resource_id" not in view_args:
        return "dataset"
    return None


def not_acceptable(requested: str) -> Response:
    supported = ", ".join(sorted(dcat_utils.CONTENT_TYPES))
    return Response(
        tk._("Formato no soportado: «{fmt}». Formatos disponibles: {supported}.").format(
            fmt=requested, supported=supported) + "\n",
        status=406, mimetype="text/plain")


def bad_request(message: str) -> Response:
    return Response(message + "\n", status=400, mimetype="text/plain")


def modified_since_problem(modified_since: Any) -> str | None:
    """Why ckanext-dcat cannot read `modified_since` as a date (dateutil overflows on
    huge years), or None."""
    try:
        if modified_since:
            parse_date(str(modified_since))
    except (ValueError, OverflowError):
        return tk._("«modified_since» debe ser una fecha ISO 8601, por ejemplo 2024-01-31.")
    return None


def catalog_page(rdf_format: str) -> Response:
    """ckanext-dcat's paged catalog, its query parameters checked first."""
    problem = modified_since_problem(tk.request.args.get("modified_since"))
    if problem:
        return bad_request(problem)
    try:
        return dcat_utils.read_catalog_page(rdf_format)
    except SearchError:
        return bad_request(tk._("La búsqueda («q» o «fq») no es válida; revise los "
                                "paréntesis, las comillas y los nombres de campo."))


def negotiate() -> Any:
    """before_app_request: an RDF response when the client asks for one, else None."""
    request = tk.request
    if request.method not in ("GET", "HEAD"):
        return None
    endpoint = request.endpoint or ""
    view_args = request.view_args or {}
    if endpoint == DCAT_JSON_ENDPOINT:
        problem = modified_since_problem(tk.request.args.get("modified_since"))
        return bad_request(problem) if problem else None
    if endpoint in DCAT_FORMAT_ENDPOINTS:
        requested = view_args.get("_format", "")
        if requested not in dcat_utils.CONTENT_TYPES:
            return not_acceptable(requested)
        return catalog_page(requested) if endpoint == "dcat.read_catalog" else None
    kind = negotiated_kind(endpoint, view_args)
    if kind is None or not request.headers.get("Accept"):
        return None
    rdf_format = dcat_utils.parse_accept_header(request.headers["Accept"])
    if rdf_format is None:
        return None
    if kind == "dataset":
        return dcat_utils.read_dataset_page(view_args.get("id"), rdf_format)
    return catalog_page(rdf_format)
