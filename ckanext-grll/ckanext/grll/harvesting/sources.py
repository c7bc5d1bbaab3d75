"""Reading a harvest source: a CSV or JSON table behind an http(s) or file URL."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import requests

from ckanext.grll.reference import DATASETS_DIR

MAX_SOURCE_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 60
#: file:// sources may only point inside these folders (the seed catalog's samples).
FILE_ROOTS = (DATASETS_DIR,)


class SourceError(Exception):
    """The source cannot be read; the message says why, in Spanish, for the harvest log."""


def fetch_bytes(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
        if not any(root.resolve() in path.parents for root in FILE_ROOTS):
            raise SourceError(f"Archivo fuera de las carpetas permitidas: {path}")
        if not path.is_file():
            raise SourceError(f"No existe el archivo {path}")
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise SourceError(f"El archivo supera {MAX_SOURCE_BYTES // 2**20} MB")
        return path.read_bytes()
    if parsed.scheme not in ("http", "https"):
        raise SourceError(f"URL no admitida (use http, https o file): {url}")
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
