"""Reading a harvest source: a CSV or JSON table behind an http(s) URL."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import requests

MAX_SOURCE_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 60


class SourceError(Exception):
    """The source cannot be read; the message says why, in Spanish, for the harvest log."""


def fetch_bytes(url: str) -> bytes:
    # Only http(s): a file:// source would read the server's disk and print its paths
    # in public outputs (the seed's samples are served by the portal over HTTP).
    if urlparse(url).scheme not in ("http", "https"):
        raise SourceError(f"URL no admitida (use http o https): {url}")
    try:
        with requests.get(url, timeout=TIMEOUT_SECONDS, stream=True) as response:
            response.raise_for_status()
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body.extend(chunk)
                if len(body) > MAX_SOURCE_BYTES:
                    raise SourceError(f"La fuente supera {MAX_SOURCE_BYTES // 2**20} MB")
            return bytes(body)
    except requests.RequestException as error:
        raise SourceError(f"No se pudo descargar {url}: {error}") from error


def _decode(body: bytes) -> str:
    # Peruvian open-data files come in UTF-8 (with or without BOM) or Latin-1.
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("latin-1")


def read_rows(body: bytes) -> Iterator[dict[str, Any]]:
    """Rows as dicts from JSON (a list, or an object with `records`/`data`) or CSV (, ; or tab)."""
    text = _decode(body).strip()
    if not text:
        raise SourceError("La fuente está vacía")
    if text[0] in "[{":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise SourceError(f"JSON no válido: {error}") from error
        if isinstance(data, dict):
            data = data.get("records", data.get("data"))
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise SourceError("El JSON debe ser una lista de objetos (o tener 'records')")
        yield from data
        return
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error as error:
        raise SourceError("No se reconoce el separador del CSV") from error
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or len(reader.fieldnames) < 2:
        raise SourceError("El CSV no tiene una fila de encabezados")
    for row in reader:
        yield {key.strip(): (value or "").strip() for key, value in row.items() if key}
