"""Validators shared by the portal: the dataset schemas' (registered with CKAN) and
the navl validators of every commitment's ``logic/schema.py``.

A commitment validates an action's input with :func:`validated` and a schema built
from these (and CKAN's ``ignore_missing``/``not_empty``); each mistake is reported
under its field, in Spanish, all at once.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import (
    Context,
    DataDict,
    FlattenDataDict,
    FlattenErrorDict,
    FlattenKey,
    Validator,
)

from ckanext.grll import numbers, reference


def validated(schema: Callable[[], dict[str, Any]], data_dict: DataDict,
              context: Context) -> DataDict:
    """``data_dict`` checked against ``schema()``: the converted values, or a
    ValidationError that names each wrong field."""
    data, errors = tk.navl_validate(data_dict, schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def required(message: str) -> Validator:
    """A value that is there and not blank; else ``message`` (the form's own words),
    and the field's other checks are skipped."""
    def validator(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                  context: Context) -> None:
        value = data.get(key)
        if value is tk.missing or value is None or not str(value).strip():
            errors[key].append(message)
            raise tk.StopOnError
    return validator


def text(max_chars: int) -> Validator:
    """A string of at most ``max_chars`` characters without NUL, stripped: a list, a
    number or an object is refused rather than stored as its Python repr."""
    def validator(value: Any) -> str:
        if not isinstance(value, str):
            raise tk.Invalid(tk._("Debe ser un texto"))
        if "\x00" in value:
            raise tk.Invalid(tk._("No puede contener caracteres nulos"))
        value = value.strip()
        if len(value) > max_chars:
            raise tk.Invalid(tk._("Máximo {n} caracteres").format(n=max_chars))
        return value
    return validator


def one_of(choices: Iterable[str]) -> Validator:
    """One of ``choices`` (a list, or a function giving it when called); the message
    lists them."""
    def validator(value: Any) -> str:
        allowed = list(choices() if callable(choices) else choices)
        if not isinstance(value, str) or value.strip() not in allowed:
            raise tk.Invalid(tk._("Valor no válido: use uno de {valores}").format(
                valores=", ".join(allowed)))
        return value.strip()
    return validator


def int_between(minimum: int, maximum: int) -> Validator:
    """A whole number from ``minimum`` to ``maximum``, also as typed text
    (``"1 200"``); ``12,5``, ``1e3``, booleans and lists are refused."""
    def validator(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise tk.Invalid(tk._("Debe ser un número entero"))
        try:
            number = value if isinstance(value, int) else numbers.leer_entero(value)
        except numbers.NumeroNoEntendido as error:
            raise tk.Invalid(str(error)) from None
        if number is None or not minimum <= number <= maximum:
            raise tk.Invalid(tk._("Debe ser un número entero entre {a} y {b}").format(
                a=minimum, b=maximum))
        return number
    return validator


def decimal_between(minimum: float, maximum: float) -> Validator:
    """A number from ``minimum`` to ``maximum``, typed with a decimal comma or point
    (see :func:`numbers.leer_decimal`); returned as a float."""
    def validator(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
            raise tk.Invalid(tk._("Debe ser un número"))
        try:
            number = (numbers.leer_decimal(value) if isinstance(value, str)
                      else Decimal(str(value)))
        except numbers.NumeroNoEntendido as error:
            raise tk.Invalid(str(error)) from None
        if number is None or not number.is_finite() or not minimum <= number <= maximum:
            raise tk.Invalid(tk._("Debe ser un número entre {a} y {b}").format(
                a=numbers.numero(minimum, 2), b=numbers.numero(maximum, 2)))
        return float(number)
    return validator


_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def month(value: Any) -> str:
    """A month as AAAA-MM."""
    if not isinstance(value, str) or not _MONTH.fullmatch(value.strip()):
        raise tk.Invalid(tk._("Use el formato AAAA-MM (por ejemplo 2024-01)"))
    return value.strip()


def district_ubigeo(value: Any) -> str:
    """The INEI ubigeo of a district of La Libertad (six digits, 13xxxx)."""
    code = value.strip() if isinstance(value, str) else value
    if not isinstance(code, str) or code not in reference.distritos():
        raise tk.Invalid(tk._("Distrito desconocido: use un ubigeo INEI de La Libertad "
                              "(6 dígitos, 13xxxx)"))
    return code


def grll_iso_date(value: Any, context: Context) -> Any:
    """Accept a calendar date as YYYY-MM-DD and store it in that form."""
    if value in (None, ""):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError as error:
        raise tk.Invalid(tk._("Fecha no válida: use el formato AAAA-MM-DD")) from error


def grll_fecha_no_anterior(other_field: str) -> Validator:
    """The field's date must not be earlier than the date in `other_field`."""

    def validator(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                  context: Context) -> None:
        end, start = data.get(key), data.get(key[:-1] + (other_field,))
        if end and start and str(end) < str(start):
            errors[key].append(tk._("La fecha final es anterior a la fecha inicial"))

    return validator


def get_validators() -> dict[str, Any]:
    return {"grll_iso_date": grll_iso_date, "grll_fecha_no_anterior": grll_fecha_no_anterior}
