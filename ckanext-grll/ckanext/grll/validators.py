"""Validators shared by the portal's dataset schemas."""
from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Validator


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
