"""DataStore downloads (/datastore/dump/<id>) with their real media type and one line
ending.

CKAN's dump view builds the right Content-Type but then passes
``mimetype='application/octet-stream'`` as well, which wins, so browsers and clients
cannot tell a CSV from a binary file. And its CSV is stitched from two writers: the
header comes from Python's csv module (CRLF) and the rows from PostgreSQL's COPY (LF).
An after-request hook on that one endpoint sets the media type and turns every record
ending into CRLF, the line ending of RFC 4180 (and of our own exports), while line
breaks inside quoted values are left as they are. The body stays streamed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ckan.plugins.toolkit as tk
from flask import Response

ENDPOINT = "datastore.dump"

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
#: The formats whose values PostgreSQL quotes as CSV does (COPY ... csv).
DELIMITED = ("csv", "tsv")

_LINE_END = re.compile(rb"\r?\n")


def crlf_records(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The same CSV text with every record ending as CRLF.

    A quote toggles "inside a value" (a doubled quote toggles twice, so the state is
    right either way); only line ends outside values are record ends. A chunk ending
    in a lone CR keeps it back until the next chunk tells whether an LF follows.
    Works on bytes: in UTF-8 a quote or a line end is never part of another character.
    """
    quoted = False
    pending = b""
    for chunk in chunks:
        text = pending + (chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
        pending = b""
        if text.endswith(b"\r"):
            text, pending = text[:-1], b"\r"
        parts = text.split(b'"')
        for index, part in enumerate(parts):
            if index:
                quoted = not quoted
            if not quoted:
                parts[index] = _LINE_END.sub(b"\r\n", part)
        if text:
            yield b'"'.join(parts)
    if pending:
        yield pending


def fix_datastore_dump(response: Response) -> Response:
    """after_app_request hook: media type and line endings of DataStore dumps."""
    if tk.request.endpoint != ENDPOINT or response.status_code != 200:
        return response
    fmt = tk.request.args.get("format", "csv").lower()
    if fmt not in MEDIA_TYPES:
        return response
    response.headers["Content-Type"] = MEDIA_TYPES[fmt]
    if fmt in DELIMITED and not response.is_sequence:
        response.response = crlf_records(response.response)
    elif fmt in DELIMITED:
        response.set_data(b"".join(crlf_records([response.get_data()])))
    return response
