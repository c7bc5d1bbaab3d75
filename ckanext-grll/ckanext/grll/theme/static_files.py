"""Static files that a phone downloads once: fingerprinted URLs, cached for a year.

A citizen on a slow link should pay for the portal's styles and scripts on her
first page only. Flask sends static files with ``no-cache`` (every later page
revalidates each of them, one round trip apiece: about 2 s on a 400 ms link).

- ``grll_static('/grll/agua/agua.css')`` gives the file's URL with a content
  fingerprint (``?v=<12 hex of its SHA-256>``): a changed file gets a new URL.
- ``cache_headers`` (Flask after_request) marks an answer ``public, max-age=1 year,
  immutable`` when its URL carries the file's current fingerprint, and CKAN's
  webassets, whose names start with their own fingerprint (``51d427fe_main.css``).
  Any other static URL keeps Flask's revalidation, so an old fingerprint or a
  plain URL never pins a stale file in a browser.
"""
from __future__ import annotations

import hashlib
import os
import re

import ckan.plugins.toolkit as tk
from flask import Flask, Response, current_app, request

IMMUTABLE = "public, max-age=31536000, immutable"
#: CKAN's webassets are written as <8 hex of their content>_<name>.
WEBASSET_NAME = re.compile(r"(^|/)[0-9a-f]{8}_[^/]+$")

#: path -> (mtime, size, fingerprint); a file edited in place gets a new one.
_fingerprints: dict[str, tuple[float, int, str]] = {}


def _find(path: str) -> str | None:
    """The file a static URL path is served from, as MultiStaticFlask looks it up
    (first folder that has it)."""
    relative = path.lstrip("/")
    if not relative or ".." in relative.split("/"):
        return None
    for folder in current_app.static_folder or ():
        candidate = os.path.join(folder, relative)
        if os.path.isfile(candidate):
            return candidate
    return None


def fingerprint(path: str) -> str | None:
    """12 hex characters of the SHA-256 of the static file at URL path `path`."""
    found = _find(path)
    if found is None:
        return None
    stat = os.stat(found)
    known = _fingerprints.get(found)
    if known and known[0] == stat.st_mtime and known[1] == stat.st_size:
        return known[2]
    with open(found, "rb") as file:
        digest = hashlib.sha256(file.read()).hexdigest()[:12]
    _fingerprints[found] = (stat.st_mtime, stat.st_size, digest)
    return digest


def grll_static(path: str) -> str:
    """The URL of one of the portal's static files, with its content fingerprint."""
    url = tk.h.url_for_static(path)
    digest = fingerprint(path)
    return f"{url}?v={digest}" if digest else url


def cache_headers(response: Response) -> Response:
    """Flask after_request: a year in the cache for fingerprinted static files."""
    if response.status_code not in (200, 304):
        return response
    if request.endpoint == "static":
        wanted = request.args.get("v")
        if wanted and wanted == fingerprint(request.path):
            response.headers["Cache-Control"] = IMMUTABLE
    elif request.endpoint == "webassets.index" and WEBASSET_NAME.search(request.path):
        response.headers["Cache-Control"] = IMMUTABLE
    return response


def install(app: Flask) -> None:
    """Run `cache_headers` after every other after_request function: CKAN's own
    (registered before the plugins) rewrites Cache-Control to ``max-age=0,
    must-revalidate`` on every answer, and Flask runs these functions last-added first."""
    app.after_request_funcs.setdefault(None, []).insert(0, cache_headers)
