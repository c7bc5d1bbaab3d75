"""Validation schemas of the grll_agro actions and of the app's farm-gate report form.

Products and markets are checked against the summary tables: a slug without prices
is as unknown to a farmer as a misspelt one. Numbers are read as farmers type them,
with a decimal comma or point (see :func:`ckanext.grll.numbers.leer_decimal`). The
messages are the app's own: a farmer reads them beside the field.
"""
from __future__ import annotations

import datetime
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.plugins.toolkit import _
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Schema, Validator

from ckanext.grll import numbers
from ckanext.grll.domains.agro import alertas, chacra, consultas, envios
from ckanext.grll.domains.agro.mapping import MAX_PRECIO_KG
from ckanext.grll.validators import district_ubigeo, month, one_of, required, validated  # noqa: F401 (actions and views import validated from here)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# --- validators of this commitment ------------------------------------------------------

def reworded(validator: Validator, message: str) -> Validator:
    """``validator`` (a shared one), its refusal said in ``message``: the app's words."""
    def checked(value: Any) -> Any:
        try:
            return validator(value)
        except tk.Invalid:
            raise tk.Invalid(message) from None
    return checked


def unknown_district() -> str:
    return _("Distrito desconocido: use el ubigeo INEI de 6 dígitos de un distrito de "
             "La Libertad")


def district() -> Validator:
    return reworded(district_ubigeo, unknown_district())


def products(value: Any) -> list[str]:
    """Up to ``consultas.MAX_PRODUCTOS`` products with prices, as a list or as
    comma-separated text (``papa,palta``)."""
    items = value if isinstance(value, list) else str(value).split(",")
    asked = [str(item).strip() for item in items if str(item).strip()]
    if len(asked) > consultas.MAX_PRODUCTOS:
        raise tk.Invalid(_("Pida como máximo {n} productos").format(n=consultas.MAX_PRODUCTOS))
    unknown = consultas.sin_precios(asked)
    if unknown:
        raise tk.Invalid(_("Producto sin precios en el portal: {p}").format(
            p=", ".join(unknown)))
    return asked


def product(value: Any) -> str:
    """One product with prices."""
    return products([str(value).strip()])[0]


def market(value: Any) -> str | None:
    """A market with prices."""
    slug = str(value).strip()
    if not slug:
        return None
    if not consultas.tiene_precios(slug):
        raise tk.Invalid(_("Mercado sin precios en el portal: {m}").format(m=slug))
    return slug


def calendar_date(value: Any) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise tk.Invalid(_("Fecha no válida: use el formato AAAA-MM-DD")) from None


def crop(value: Any) -> str | None:
    """A crop of the report form, by its key or its SIEA slug; the SIEA slug."""
    key = str(value).strip()
    if not key:
        return None
    known = chacra.cultivos()
    if key not in known and key not in known.values():
        raise tk.Invalid(_("Cultivo desconocido: {c}").format(c=key))
    return chacra.cultivo_siea(key)


def typed_number(value: Any) -> float | None:
    """A number as typed, with a decimal comma or point ("0,80" is 0.80)."""
    try:
        number = numbers.leer_decimal(None if value is tk.missing else value)
    except numbers.NumeroNoEntendido as error:
        raise tk.Invalid(str(error)) from None
    return None if number is None else float(number)


def price_per_kg(value: Any) -> float:
    """A threshold in S/ per kg: more than 0 and up to ``MAX_PRECIO_KG``."""
    number = typed_number(value)
    if number is None or not 0 < number <= MAX_PRECIO_KG:
        raise tk.Invalid(_("Escriba un precio en S/ por kg, mayor que 0 y hasta {n}").format(
            n=int(MAX_PRECIO_KG)))
    return number


def alert_email(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                context: Context) -> None:
    """Without an account, the address the notices go to (required); with one, the
    account's own address is used instead."""
    value = data.get(key)
    email = "" if value is tk.missing or value is None else str(value).strip().lower()
    data[key] = email or None
    if alertas.titular(context) is None and not EMAIL.match(email):
        errors[key].append(_("Escriba su correo electrónico para recibir los avisos"))


def alert_possible(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                   context: Context) -> None:
    """Once every field is right: the market has prices of the product (else nothing
    could be compared), and the account or address has room for one more alert."""
    if any(errors.values()):
        return
    if alertas.precio_actual(data[("producto",)], data[("mercado",)]) is None:
        errors[("mercado",)].append(_("Ese mercado no tiene precios de ese producto"))
        return
    account = alertas.titular(context)
    if alertas.cuantas(account.id if account else None,
                       data[("email",)]) >= alertas.MAX_ALERTAS:
        errors[("producto",)].append(_("Ya tiene {n} alertas: borre alguna antes").format(
            n=alertas.MAX_ALERTAS))


def products_or_market(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                       context: Context) -> None:
    if not data.get(("productos",)) and not errors[("productos",)] \
            and data.get(("mercado",)) in (None, tk.missing):
        errors[("productos",)].append(_("Indique los productos (hasta {n}) o un mercado")
                                      .format(n=consultas.MAX_PRODUCTOS))


def shipment_key(value: Any) -> str:
    """The key the app gives a report kept on the phone (see :mod:`..envios`)."""
    if not envios.CLAVE.match(str(value)):
        raise tk.Invalid(_("Clave de envío no válida"))
    return str(value)


# --- schemas ----------------------------------------------------------------------------

@validator_args
def latest_prices(ignore_empty: Validator, default: Validator) -> Schema:
    return {
        "productos": [default([]), products],
        "mercado": [ignore_empty, market],
        "ubigeo": [ignore_empty, district()],
        "__after": [products_or_market],
    }


@validator_args
def price_history(ignore_empty: Validator) -> Schema:
    return {
        "producto": [required(_("Falta el producto")), product],
        "mercado": [ignore_empty, market],
        "desde": [ignore_empty, calendar_date],
        "hasta": [ignore_empty, calendar_date],
    }


def district_place() -> Schema:
    """The weather and planting of a district."""
    return {"ubigeo": [required(unknown_district()), district()]}


@validator_args
def planting(ignore_empty: Validator, unicode_safe: Validator,
             strip_value: Validator) -> Schema:
    return {**district_place(), "cultivo": [ignore_empty, unicode_safe, strip_value]}


@validator_args
def farmgate_medians(ignore_empty: Validator) -> Schema:
    mes = reworded(month, _("Mes no válido: use el formato AAAA-MM"))
    return {
        "cultivo": [ignore_empty, crop],
        "ubigeo": [ignore_empty, district()],
        "desde": [ignore_empty, mes],
        "hasta": [ignore_empty, mes],
    }


@validator_args
def alert_create(ignore_missing: Validator) -> Schema:
    return {
        "producto": [required(_("Falta el producto")), product],
        "mercado": [required(_("Falta el mercado")), market],
        "sentido": [reworded(one_of(alertas.SENTIDOS),
                             _("Elija si quiere saber cuándo el precio sube o baja"))],
        "umbral": [price_per_kg],
        "email": [alert_email],
        "por_correo": [ignore_missing],
        "__after": [alert_possible],
    }


@validator_args
def alert_key(ignore_missing: Validator, unicode_safe: Validator) -> Schema:
    """An alert: by its secret ``token``, or by ``id`` among the caller's own."""
    return {"token": [ignore_missing, unicode_safe], "id": [ignore_missing, unicode_safe]}


def farmgate_report(questions: dict[str, Any]) -> Schema:
    """The light report form: its answers, keyed ``answers.<question>`` as the feedback
    engine names them in its errors, and the phone's ``envio`` key."""
    unicode_safe = tk.get_validator("unicode_safe")
    ignore_missing = tk.get_validator("ignore_missing")
    return {
        "envio": [ignore_missing, shipment_key],
        **{f"answers.{code}": [ignore_missing,
                               typed_number if question.datatype == "number" else unicode_safe]
           for code, question in questions.items()},
    }
