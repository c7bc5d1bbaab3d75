"""Content negotiation for the DCAT endpoints.

ckanext-dcat only negotiates when `ckanext.dcat.enable_content_negotiation`
replaces CKAN's home and dataset views; instead, a request hook answers
`Accept: text/turtle` (and the other RDF types) on `/` and `/dataset/<id>`
and leaves HTML to CKAN. Unknown formats in `/dataset/<id>.<fmt>` and
`/catalog.<fmt>` get 406 with the supported list instead of an error 500.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Response

from ckanext.dcat import utils as dcat_utils

DCAT_FORMAT_ENDPOINTS = ("dcat.read_dataset", "dcat.read_catalog", "dcat.read_dataset_series")
NEGOTIATED_ENDPOINTS = {"dataset.read": "dataset", "home.index": "catalog"}


def not_acceptable(requested: str) -> Response:
    supported = ", ".join(sorted(dcat_utils.CONTENT_TYPES))
    return Response(
        tk._("Formato no soportado: «{fmt}». Formatos disponibles: {supported}.").format(
            fmt=requested, supported=supported) + "\n",
        status=406, mimetype="text/plain")


def negotiate() -> Any:
    """before_app_request: an RDF response when the client asks for one, else None."""
    request = tk.request
    if request.method not in ("GET", "HEAD"):
        return None
    endpoint = request.endpoint or ""
    view_args = request.view_args or {}
    if endpoint in DCAT_FORMAT_ENDPOINTS:
        requested = view_args.get("_format", "")
        if requested not in dcat_utils.CONTENT_TYPES:
            return not_acceptable(requested)
        return None
    kind = NEGOTIATED_ENDPOINTS.get(endpoint)
    if kind is None or not request.headers.get("Accept"):
        return None
    rdf_format = dcat_utils.parse_accept_header(request.headers["Accept"])
    if rdf_format is None:
        return None
    if kind == "dataset":
        return dcat_utils.read_dataset_page(view_args.get("id"), rdf_format)
    return dcat_utils.read_catalog_page(rdf_format)
