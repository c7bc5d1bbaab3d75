"""How a person reads a number on the portal: one convention on every page and chart.

Peru's legal units system (SLUMP, Ley N.° 23560, kept by INACAL) follows the
International System: the decimal sign is a comma, and long numbers are grouped in
threes with a space, never with a point or a comma, so that "1.800" and "1,800" cannot
be misread. Peruvian commerce often writes "S/ 1,800.00" (CLDR's es-PE), and other
Spanish-speaking countries write "1.800,00": the legal rule is the one nobody misreads.
The SI allows a four-digit number without its space, which keeps years and codes
("2024", "1301") and amounts like "S/ 1800" as people write them; five digits and more
are grouped ("12 500"). The space is a no-break space, so a number never splits across
lines. The percent sign and the currency sign are separated by a space ("12,5 %",
"S/ 1025,00"), as INACAL and SUNAT write them.

Only what a person reads goes through here: downloads, the API and data attributes
keep machine formats (a point, no grouping).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

NBSP = "\u00a0"
#: Shown where a figure is missing.
MISSING = "—"


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _group(digits: str) -> str:
    if len(digits) < 5:
        return digits
    head = len(digits) % 3 or 3
    return NBSP.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def numero(value: Any, decimales: int = 0) -> str:
    """``12500.5`` -> ``"12 500,5"`` with ``decimales=1``; ``None`` -> ``"—"``."""
    number = _decimal(value)
    if number is None:
        return MISSING
    quantum = Decimal(1).scaleb(-decimales)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _point, fraction = f"{abs(rounded):f}".partition(".")
    return sign + _group(whole) + ("," + fraction if fraction else "")


def soles(value: Any, decimales: int = 2) -> str:
    """``1800`` -> ``"S/ 1800,00"``; whole soles with ``decimales=0``."""
    text = numero(value, decimales)
    return text if text == MISSING else f"S/{NBSP}{text}"


def porcentaje(value: Any, decimales: int = 1, *, fraccion: bool = False) -> str:
    """``12.46`` -> ``"12,5 %"``; a share in 0..1 with ``fraccion=True``."""
    number = _decimal(value)
    if number is None:
        return MISSING
    return f"{numero(number * 100 if fraccion else number, decimales)}{NBSP}%"


def get_helpers() -> dict[str, object]:
    return {"grll_numero": numero, "grll_soles": soles, "grll_porcentaje": porcentaje}
