"""Personal data typed into free text: e-mail addresses, Peruvian phone numbers,
DNI and RUC numbers, vehicle plates and self-introductions ("me llamo …").

Citizens write their contact into descriptions and answers although the form asks
for it elsewhere; the public outputs show those texts through :func:`mask`. The
patterns are written for Peruvian usage and keep clear of the numbers reports are
full of: dates, years, amounts (``S/ 2.50``), quantities with units and ubigeo
codes (6 digits). A number is only taken for a DNI or a phone when nothing around
it says it is a date or an amount.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

EMAIL = "correo"
PHONE = "telefono"
DNI = "dni"
RUC = "ruc"
PLATE = "placa"
NAME = "nombre"

# The masks are part of the published text (the same in every output and
# language, like the text around them), so they are not translated.
MASKS = {
    EMAIL: "[correo oculto]",
    PHONE: "[teléfono oculto]",
    DNI: "[DNI oculto]",
    RUC: "[RUC oculto]",
    PLATE: "[placa oculta]",
    NAME: "[nombre oculto]",
}
#: How moderators read each kind (staff view).
LABELS = {EMAIL: "correo", PHONE: "teléfono", DNI: "DNI", RUC: "RUC", PLATE: "placa",
          NAME: "nombre"}

# No digit, letter or number punctuation right before / after a number.
_START = r"(?<![\w@/.,:+-])"
_END = r"(?![\w/@]|[.,:-]\d)"
_SEP = r"[ .-]?"
_COUNTRY = r"(?:(?:\+|00)[ ]?51[ .-]?)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (EMAIL, re.compile(
        r"[\w.%+-]+(?:@|\s*\(\s*(?:arroba|at)\s*\)\s*)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}",
        re.IGNORECASE)),
    # Labelled numbers first: "DNI 1234 5678", "RUC: 20-12345678-9".
    (DNI, re.compile(r"\bD\.?\s?N\.?\s?I\.?\s*(?:N[°º.o]?\s*)?[:#]?\s*\d{2}[ .]?\d{3}[ .]?\d{3}"
                     r"(?!\d)", re.IGNORECASE)),
    (RUC, re.compile(r"\bR\.?\s?U\.?\s?C\.?\s*(?:N[°º.o]?\s*)?[:#]?\s*\d{2}[ .-]?\d{8}[ .-]?\d"
                     r"(?!\d)", re.IGNORECASE)),
    (RUC, re.compile(_START + r"(?:10|15|17|20)\d{9}" + _END)),
    # Mobiles: nine digits from 9, in any grouping, with or without +51 / 0051.
    (PHONE, re.compile(_START + _COUNTRY + r"?(?:\(9\d{2}\)" + _SEP + r"\d{3}" + _SEP
                       + r"\d{3}|9(?:" + _SEP + r"\d){8})" + _END)),
    # Landlines: Lima (01) + 7 digits, provinces (0XX) + 6 digits; the area code in
    # brackets, with a leading 0 or after +51, so that a bare 6-digit ubigeo is not one.
    (PHONE, re.compile(
        _START + r"(?:"
        + _COUNTRY + r"\(?0?1\)?" + _SEP + r"\d{3}" + _SEP + r"\d{4}"
        + r"|" + _COUNTRY + r"\(?0?[4-8]\d\)?" + _SEP + r"\d{3}" + _SEP + r"\d{3}"
        + r"|\(0?1\)" + _SEP + r"\d{3}" + _SEP + r"\d{4}"
        + r"|\(0?[4-8]\d\)" + _SEP + r"\d{3}" + _SEP + r"\d{3}"
        + r"|01[ .-]\d{3}" + _SEP + r"\d{4}|01\d{7}"
        + r"|0[4-8]\d[ .-]\d{3}" + _SEP + r"\d{3}|0[4-8]\d{7}"
        + r")" + _END)),
    (DNI, re.compile(_START + r"\d{8}" + _END)),
    # Plates: ABC-123 and A1B-234 (since 2010), AB-1234 (older), motorcycles 1234-AB.
    (PLATE, re.compile(r"(?<![\w-])(?:[A-Z][A-Z0-9]{2}-?\d{3}|[a-z][a-z0-9]{2}-\d{3}"
                       r"|[A-Z]{2}-\d{4}|\d{4}-[A-Z]{2})(?![\w-])")),
    # A name after the words that introduce one; those words stay visible.
    (NAME, re.compile(
        r"\b(?P<lead>(?i:me llamo|mi nombre es|atentamente,?|atte\.?,?|sr\.|sra\.|srta\.|"
        r"señora?|señorita|don|doña)\s+)"
        r"(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:\s+(?:de\s+(?:la\s+)?)?|$)){1,4}")),
]

# What makes a number an amount, a quantity or a date rather than an identifier.
_CURRENCY_BEFORE = re.compile(r"(?:S/\.?|US\$|\$|soles|precio|monto|pag[oóa]|cobr[oóa])"
                              r"\s*(?:de\s*)?$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"^\s*(?:kg|kilos?|g|gr|t|tn|toneladas?|ha|hect[aá]reas?|m2|m3|m|"
                         r"km|l|lt|litros?|soles|nuevos soles|%|por ciento|unidades|sacos|"
                         r"cajas|habitantes|personas|hogares)\b", re.IGNORECASE)
_DATE_WORDS = re.compile(r"(?:fecha|el d[ií]a|desde|hasta|del|al)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    kind: str
    start: int
    end: int


def _plausible_date(digits: str) -> bool:
    """8 digits that read as YYYYMMDD or DDMMYYYY of the years a report may mention."""
    for layout in ("%Y%m%d", "%d%m%Y"):
        try:
            moment = datetime.datetime.strptime(digits, layout)
        except ValueError:
            continue
        if 1900 <= moment.year <= 2100:
            return True
    return False


def _is_amount_or_date(text: str, found: Found) -> bool:
    before = text[max(0, found.start - 20):found.start]
    after = text[found.end:found.end + 20]
    if _CURRENCY_BEFORE.search(before) or _UNIT_AFTER.match(after):
        return True
    digits = re.sub(r"\D", "", text[found.start:found.end])
    return (found.kind == DNI and len(digits) == 8 and _plausible_date(digits)
            and not re.match(r"(?i)d\.?\s?n\.?\s?i", text[found.start:found.end])) \
        or (found.kind == DNI and bool(_DATE_WORDS.search(before)) and _plausible_date(digits))


def find(text: str | None) -> list[Found]:
    """The personal data in ``text``, left to right, without overlaps."""
    if not text:
        return []
    taken: list[Found] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            lead = match.groupdict().get("lead") or ""
            found = Found(kind, match.start() + len(lead), match.end())
            while found.end > found.start and text[found.end - 1].isspace():
                found = Found(kind, found.start, found.end - 1)
            if kind in (DNI, PHONE, RUC) and _is_amount_or_date(text, found):
                continue
            if any(f.start < found.end and found.start < f.end for f in taken):
                continue
            taken.append(found)
    return sorted(taken, key=lambda f: f.start)


def kinds(text: str | None) -> set[str]:
    return {found.kind for found in find(text)}


def mask(text: str | None) -> str | None:
    """``text`` with every piece of personal data replaced by its mask."""
    if not text:
        return text
    pieces = []
    position = 0
    for found in find(text):
        pieces.append(text[position:found.start])
        pieces.append(MASKS[found.kind])
        position = found.end
    pieces.append(text[position:])
    return "".join(pieces)

