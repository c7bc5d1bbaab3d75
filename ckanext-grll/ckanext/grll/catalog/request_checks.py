"""Checks every page request passes before any view runs: NUL characters and `page`.

CKAN core, ckanext-dcat, ckanext-harvest and our own listings each read `page`
their own way, and a number like 10^20 went on as a search or SQL offset that
failed with a server error; likewise a NUL character in a path or a query
(`/dataset/%00`) reached PostgreSQL, which cannot hold one. One request hook
answers both with a 400 and a message: a NUL anywhere in the address, or a
`page` that is not a whole number from 1 to MAX_PAGE (a page past the last one
within that range is simply empty). The action API and Open311 answer in their
own formats and check their own parameters, and the citizen reports' pages
(`/reportes`) parse theirs in the feedback engine.

One more check guards the action API's JSON bodies: `NaN` and `Infinity` are not
JSON (RFC 8259), but Python's parser takes them, and CKAN then failed with a
server error when it echoed such a value back in its answer to a malformed call.
They are refused with a 400 in the API's own format before any action runs.
"""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Response

#: 10,000 pages of 20 datasets cover 200,000 datasets, twice the benchmark catalog.
MAX_PAGE = 10_000
SELF_CHECKED_PREFIXES = ("/api/", "/open311/", "/reportes")


def page_error() -> str:
    return tk._("El parámetro «page» debe ser un número entero entre 1 y {max}.").format(
        max=MAX_PAGE)


def parse_page(raw: str | None) -> int:
    """The page number in `raw` (1 when empty); ValueError when it is not one."""
    text = (raw or "").strip()
    if not text:
        return 1
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_PAGE:
        raise ValueError(text)
    return int(text)


def requested_page() -> int:
    """The request's page number, or a 400 that says which values are allowed."""
    try:
        pages = [parse_page(raw) for raw in tk.request.args.getlist("page")]
    except ValueError:
        return tk.abort(400, page_error())
    return pages[0] if pages else 1


def _has_nul(request: Any) -> bool:
    return "\x00" in request.path or any(
        "\x00" in key or "\x00" in value for key, value in request.args.items(multi=True))


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def non_json_number(request: Any) -> str | None:
    """`NaN`, `Infinity` or `-Infinity` when an API call's JSON body holds one."""
    if request.method != "POST" or not request.path.startswith("/api/") or not request.is_json:
        return None
    try:
        json.loads(request.get_data(cache=True) or b"null", parse_constant=_refuse_constant)
    except ValueError as error:
        name = str(error)
        return name if name in ("NaN", "Infinity", "-Infinity") else None
    return None


def _api_refusal(message: str) -> Any:
    body = {"success": False, "help": tk.request.url,
            "error": {"__type": "Validation Error", "message": message}}
    return Response(json.dumps(body), status=400, content_type="application/json;charset=utf-8")


def check_request() -> Any:
    """before_app_request: a 400 for a NUL character, a malformed `page` or a
    number that JSON does not have in an API call."""
    request = tk.request
    constant = non_json_number(request)
    if constant:
        return _api_refusal(tk._("El cuerpo JSON contiene «{value}», que no es un número "
                                 "JSON válido; envíe un número finito.").format(value=constant))
    if request.path.startswith(SELF_CHECKED_PREFIXES):
        return None
    if _has_nul(request):
        return tk.abort(400, tk._("La dirección contiene un carácter nulo (%00), que no "
                                  "es válido."))
    if request.method in ("GET", "HEAD") and "page" in request.args:
        requested_page()
    return None
