"""Checks shared by the domain layouts: each returns a clean value or raises RowError."""
from __future__ import annotations

import datetime
import decimal
from typing import Any

from ckanext.grll import reference
from ckanext.grll.harvesting.base import RowError


def text(row: dict[str, Any], column: str, key: str | None = None) -> str:
    value = str(row.get(column) or "").strip()
    if not value:
        raise RowError(f"falta '{column}'", key)
    return value


def integer(row: dict[str, Any], column: str, key: str | None = None,
            minimum: int = 0, maximum: int | None = None) -> int:
    raw = str(row.get(column) or "").strip()
    try:
        value = int(decimal.Decimal(raw.replace(",", "")))
    except (decimal.InvalidOperation, ValueError):
        raise RowError(f"'{column}' no es un número entero: {raw!r}", key) from None
    if value < minimum or (maximum is not None and value > maximum):
        raise RowError(f"'{column}' fuera de rango: {value}", key)
    return value


def number(row: dict[str, Any], column: str, key: str | None = None,
           minimum: float | None = None, maximum: float | None = None) -> float | None:
    """A decimal number (dot or comma decimal); empty is None."""
    raw = str(row.get(column) or "").strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise RowError(f"'{column}' no es un número: {raw!r}", key) from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise RowError(f"'{column}' fuera de rango: {value}", key)
    return value


def date(row: dict[str, Any], column: str, key: str | None = None) -> str:
    raw = str(row.get(column) or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"):
        try:
            return datetime.datetime.strptime(raw, pattern).date().isoformat()
        except ValueError:
            continue
    raise RowError(f"'{column}' no es una fecha (AAAA-MM-DD o DD/MM/AAAA): {raw!r}", key)


def district(row: dict[str, Any], column: str, key: str | None = None) -> reference.Distrito:
    """A La Libertad district by its INEI ubigeo."""
    raw = str(row.get(column) or "").strip().zfill(6)
    found = reference.distritos().get(raw)
    if found is None:
        raise RowError(f"ubigeo '{raw}' no es un distrito de La Libertad", key)
    return found


def in_la_libertad(row: dict[str, Any], column: str) -> bool:
    """Rows of other departments are skipped, not errors (national files hold all 25)."""
    return str(row.get(column) or "").strip().zfill(6).startswith(reference.REGION_UBIGEO)
