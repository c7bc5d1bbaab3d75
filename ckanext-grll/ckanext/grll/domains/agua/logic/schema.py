"""Validation schemas of the ``grll_agua_*`` actions and of the water pages' forms.

Applied with :func:`ckanext.grll.validators.validated`: each mistake is reported under
its field, in Spanish. The validators here keep the messages citizens and API clients
have always read (the shared ones word some of them differently).
"""
from __future__ import annotations

import datetime
import math
import re
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.logic.schema import validator_args
from ckan.plugins.toolkit import _
from ckan.types import (
    Context,
    FlattenDataDict,
    FlattenErrorDict,
    FlattenKey,
    Schema,
    Validator,
)

from ckanext.grll import numbers, reference
from ckanext.grll.domains.agua import registry
from ckanext.grll.domains.agua.model import ASPECTOS, Ultima
from ckanext.grll.feedback.shared import district_at
from ckanext.grll.validators import required

#: Most rows one call of ``grll_agua_compliance`` returns.
MAX_RESULTS = 500
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_PROVIDER_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


# --- validators ---------------------------------------------------------------------
def as_text(value: Any) -> str:
    """The value as stripped text; absent, None, 0 and "" are all empty text."""
    if value is tk.missing or not value:
        return ""
    return str(value).strip()


def district(value: str) -> str:
    """The ubigeo of a district of La Libertad."""
    if value not in reference.distritos():
        raise tk.Invalid(_("No es un distrito de La Libertad (ubigeo INEI de 6 dígitos)"))
    return value


def known_prestador(value: str) -> str:
    """The id of a provider of the registry."""
    if not value:
        raise tk.Invalid(_("Falta el prestador"))
    if registry.by_id(value) is None:
        raise tk.Invalid(_("Prestador desconocido: no está en el registro de prestadores"))
    return value


def first_day_of_month(value: str) -> datetime.date:
    """An ``AAAA-MM`` month, as its first day."""
    if not _MONTH.fullmatch(value):
        raise tk.Invalid(_("Mes no válido: use AAAA-MM"))
    return datetime.date(int(value[:4]), int(value[5:]), 1)


def result_limit(value: Any) -> int:
    """How many rows to return: 1 to :data:`MAX_RESULTS`, 100 when 0."""
    try:
        limit = int(value or 100)
    except (TypeError, ValueError):
        raise tk.Invalid(_("Debe ser un número")) from None
    if not 1 <= limit <= MAX_RESULTS:
        raise tk.Invalid(_("Entre 1 y 500"))
    return limit


def score(value: Any) -> int:
    """A rating: a whole number 1 to 5 (also as the text a form sends)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise tk.Invalid(_("Califique de 1 a 5"))
    return value


def provider_id(value: str) -> str:
    if not _PROVIDER_ID.fullmatch(value):
        raise tk.Invalid(_("Use minúsculas, números y guiones (por ejemplo jass-de-salpo)"))
    return value


def name_not_taken(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                   context: Context) -> None:
    """A provider's name is unique in the registry: samples and indicators carry it."""
    own_id = as_text(data.get(("id",)))
    if any(p.nombre == data[key] and p.id != own_id
           for p in registry.prestadores().values()):
        errors[key].append(_("Ya hay otro prestador con ese nombre"))


def peer_group(value: str) -> str:
    if value not in registry.GRUPOS:
        raise tk.Invalid(_("Elija eps, municipal o jass"))
    return value


def _items(value: Any) -> list[str]:
    """A list, or text with one item per line or between ``;``."""
    if value is tk.missing:
        return []
    items = value if isinstance(value, list) else str(value or "").replace("\n", ";").split(";")
    return [str(item).strip() for item in items if str(item).strip()]


def district_list(value: Any) -> str:
    """One or more districts of La Libertad, kept ``;``-separated."""
    ubigeos = _items(value)
    if not ubigeos or any(u not in reference.distritos() for u in ubigeos):
        raise tk.Invalid(_("Indique uno o más ubigeos de La Libertad (6 dígitos)"))
    return ";".join(ubigeos)


def text_list(value: Any) -> str:
    return ";".join(_items(value))


def population(value: str) -> int | None:
    """A whole number of people, as a person types it (``12 500``)."""
    try:
        number = numbers.leer_entero(value)
    except numbers.NumeroNoEntendido as error:
        raise tk.Invalid(str(error)) from None
    if number is not None and number < 0:
        raise tk.Invalid(_("Debe ser un número entero"))
    return number


def local_path(value: str) -> str:
    """A path of this portal (never another site's address)."""
    if not value.startswith("/") or value.startswith("//") or any(
            c in value for c in "\\?#"):
        raise tk.Invalid(_("Debe ser una dirección de este portal"))
    return value


def _empty(value: Any) -> bool:
    return value is tk.missing or value in (None, "")


def _coordinate(value: Any) -> float | None:
    """The number, None when absent or not a finite number."""
    if _empty(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def place(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
          context: Context) -> None:
    """Which district a lookup is about: the ubigeo given, else the district of the
    locality's samples, else the district at the point (lat, lon); stored as ``ubigeo``."""
    if any(errors[(field,)] for field in ("ubigeo", "localidad")):
        return
    if data.get(("ubigeo",)):
        return
    name = data.get(("localidad",))
    lat, lon = data.get(("lat",), tk.missing), data.get(("lon",), tk.missing)
    if name:
        row = model.Session.query(Ultima.ubigeo).filter(
            sa.func.lower(Ultima.localidad) == name.lower()).first()
        if row is None:
            errors[("localidad",)].append(_("No hay muestras de esa localidad; elija su "
                                            "distrito"))
            return
        found = row.ubigeo
    elif not (_empty(lat) and _empty(lon)):
        point = {"lat": _coordinate(lat), "lon": _coordinate(lon)}
        for field, number in point.items():
            if number is None:
                errors[(field,)].append(_("Debe ser un número"))
        if None in point.values():
            return
        found = district_at(point["lat"], point["lon"])
        if found is None:
            errors[("lat",)].append(_("La ubicación está fuera de La Libertad"))
            return
    else:
        errors[("ubigeo",)].append(_("Indique un distrito, una localidad o una ubicación "
                                     "(lat y lon)"))
        return
    try:
        data[("ubigeo",)] = district(found)
    except tk.Invalid as error:
        errors[("ubigeo",)].append(error.error)


# --- schemas ------------------------------------------------------------------------
@validator_args
def locality_lookup(ignore_empty: Validator, ignore_missing: Validator) -> Schema:
    return {"ubigeo": [as_text, ignore_empty, district],
            "localidad": [as_text, ignore_empty],
            "lat": [ignore_missing], "lon": [ignore_missing],
            "__after": [place]}


@validator_args
def compliance(ignore_empty: Validator, default: Validator) -> Schema:
    return {"ubigeo": [as_text, ignore_empty, district],
            "localidad": [as_text, ignore_empty],
            "prestador_id": [as_text, ignore_empty, known_prestador],
            "desde": [as_text, ignore_empty, first_day_of_month],
            "hasta": [as_text, ignore_empty, first_day_of_month],
            "limit": [default(100), result_limit]}


def scorecard() -> Schema:
    return {"id": [as_text, known_prestador]}


def rate() -> Schema:
    return {"prestador_id": [as_text, known_prestador],
            **{aspect: [score] for aspect in ASPECTOS}}


@validator_args
def provider_save(ignore_empty: Validator) -> Schema:
    return {"id": [as_text, provider_id],
            "nombre": [as_text, required(_("Falta el nombre")), name_not_taken],
            "grupo": [as_text, peer_group],
            "ubigeos": [district_list],
            "localidades": [text_list],
            "supervision": [as_text, required(_("Indique quién supervisa al prestador"))],
            "poblacion_servida_estimada": [as_text, ignore_empty, population]}


@validator_args
def rating_return(ignore_empty: Validator) -> Schema:
    """The rating form's ``volver``: where to go back after rating."""
    return {"volver": [as_text, ignore_empty, local_path]}
