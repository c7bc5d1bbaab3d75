"""gzip for the portal's pages, styles, scripts and API answers.

Citizens mostly use phones on weak signal: CKAN's pages bring about 1.5 MB of
styles and scripts that shrink to a quarter with gzip, and neither CKAN's server
nor gunicorn compresses. Answers are compressed when the client accepts gzip,
the type is text-like, and the size is known and between MIN_BYTES and MAX_BYTES.
Streamed answers (CSV exports, the catalog dump, DataStore dumps) are left as
they are: they stream in constant memory. A strong ETag becomes weak, as the
compressed bytes differ from the original ones (conditional requests still match).
"""
from __future__ import annotations

import gzip

from flask import Response, request

MIN_BYTES = 1024
#: Bigger files (e.g. uploaded resources) are sent as they are, without reading them.
MAX_BYTES = 4 * 1024 * 1024
COMPRESSIBLE = frozenset({
    "text/html", "text/css", "text/plain", "text/csv", "text/xml", "text/javascript",
    "text/turtle", "application/javascript", "application/json", "application/ld+json",
    "application/geo+json", "application/manifest+json", "application/xml",
    "application/rdf+xml", "image/svg+xml",
})


def _worth_compressing(response: Response) -> bool:
    if "gzip" not in request.headers.get("Accept-Encoding", "").lower():
        return False
    if response.status_code != 200 or "Content-Encoding" in response.headers:
        return False
    if response.mimetype not in COMPRESSIBLE:
        return False
    # A generator without a known length is a stream; files served by send_file
    # (direct passthrough) have their length and are read once here.
    if response.is_streamed and not response.direct_passthrough:
        return False
    length = response.content_length
    return length is not None and MIN_BYTES <= length <= MAX_BYTES


def gzip_response(response: Response) -> Response:
    """Flask after_request: compress the answer when it is worth it (see module doc)."""
    response.vary.add("Accept-Encoding")
    if not _worth_compressing(response):
        return response
    response.direct_passthrough = False
    response.set_data(gzip.compress(response.get_data(), compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)
    return response
