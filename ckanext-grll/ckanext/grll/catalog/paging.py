"""The `page` parameter of every page of the portal, checked before any view runs.

CKAN core, ckanext-dcat, ckanext-harvest and our own listings each read `page`
their own way, and a number like 10^20 went on as a search or SQL offset that
failed with a server error. One request hook refuses, with a 400 and a message,
a `page` that is not a whole number from 1 to MAX_PAGE on every page; a page
past the last one within that range is simply empty. The action API and Open311
answer in their own formats and check their own parameters, and the citizen
reports' pages (`/reportes`) parse theirs in the feedback engine.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

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


def check_page() -> Any:
    """before_app_request: a 400 for a malformed `page` on any page of the portal."""
    request = tk.request
    if (request.method in ("GET", "HEAD") and "page" in request.args
            and not request.path.startswith(SELF_CHECKED_PREFIXES)):
        requested_page()
    return None
