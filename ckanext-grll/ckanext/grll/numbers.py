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

import re
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


class NumeroNoEntendido(ValueError):
    """A typed number the portal cannot read, or could read two ways; the message says why."""


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
#: "1 234,500": thousands grouped with spaces, so the comma can only be decimal.
_SPACED = re.compile(r"\d[\s\u00a0\u202f\u2009]+\d")
_GROUPED_WHOLE = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+|[+-]?[0-9]{1,3}(?:,[0-9]{3})+")
_TYPED = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")


def _ungroup(whole: str, separator: str, typed: str) -> str:
    """``"1.234.567"`` with ``"."`` -> ``"1234567"``; refuses groups that are not of three."""
    groups = whole.split(separator)
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise NumeroNoEntendido(
            f"«{typed}» no es un número: separe los miles en grupos de tres cifras "
            "o no los separe.")
    return "".join(groups)


def leer_decimal(text: Any) -> Decimal | None:
    """What a person typed -> its value; a decimal comma or point are both understood.

    ``"0,80"`` and ``"0.80"`` -> ``0.80``; ``"1.234,5"``, ``"1,234.5"`` and
    ``"1 234,5"`` -> ``1234.5``. A single separator followed by exactly three digits
    (``"1.250"``, ``"1,250"``) could be a thousand or a decimal, so it is refused with a
    message that offers both readings, unless thousands are grouped with spaces
    (``"1 234,500"``). An empty text is ``None``.
    """
    if text is None:
        return None
    typed = str(text).strip()
    compact = _SPACES.sub("", typed)
    if not compact:
        return None
    if len(compact) > 40 or not _TYPED.fullmatch(compact):
        raise NumeroNoEntendido(f"«{typed[:40]}» no es un número: use solo cifras y una coma "
                                "o un punto para los decimales.")
    sign = "-" if compact[0] == "-" else ""
    body = compact.lstrip("+-")
    last = max(body.rfind(","), body.rfind("."))
    if last < 0:
        digits = body
    else:
        mark = body[last]
        other = "." if mark == "," else ","
        whole, fraction = body[:last], body[last + 1:]
        if not fraction or mark in whole and other in whole:
            raise NumeroNoEntendido(f"«{typed}» no es un número: revise los separadores.")
        if mark in whole:
            # "1.234.567": the same sign repeated only groups thousands.
            digits = _ungroup(body, mark, typed)
            fraction = ""
        elif other in whole:
            digits = _ungroup(whole, other, typed)
        elif len(fraction) == 3 and whole not in ("", "0") and not _SPACED.search(typed):
            # Offer a decimal reading that is not ambiguous itself: "1,25", or "1,2340".
            short = fraction.rstrip("0")
            as_decimal = sign + whole + (
                "" if not short else "," + (short if len(short) < 3 else short + "0"))
            as_whole = f"{sign}{whole}{fraction}"
            raise NumeroNoEntendido(
                f"«{typed}» puede leerse como {as_decimal} o como {as_whole}: "
                f"escriba {as_decimal} o {as_whole}, sin separador de miles.")
        else:
            digits = whole or "0"
        if fraction:
            digits = f"{digits}.{fraction}"
    try:
        return Decimal(sign + digits)
    except InvalidOperation as error:  # pragma: no cover - the pattern above rules it out
        raise NumeroNoEntendido(f"«{typed}» no es un número.") from error


def leer_entero(text: Any) -> int | None:
    """What a person typed as a whole number: ``"1 200"``, ``"1.200"``, ``"1,200"`` and
    ``"1200"`` -> ``1200`` (a whole number cannot be 1,2); ``"12,5"`` is refused."""
    compact = _SPACES.sub("", str(text if text is not None else "").strip())
    if _GROUPED_WHOLE.fullmatch(compact):
        return int(re.sub(r"[.,]", "", compact))
    refusal = NumeroNoEntendido(
        f"«{str(text).strip()[:40]}» debe ser un número entero, escrito solo con cifras "
        "(los miles, si los separa, en grupos de tres).")
    try:
        value = leer_decimal(text)
    except NumeroNoEntendido:
        raise refusal from None
    if value is None:
        return None
    if value != value.to_integral_value():
        raise refusal
    return int(value)


def get_helpers() -> dict[str, object]:
    return {"grll_numero": numero, "grll_soles": soles, "grll_porcentaje": porcentaje}
