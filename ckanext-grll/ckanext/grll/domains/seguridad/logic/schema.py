"""Validation schemas of the ``grll_seguridad_*`` actions (and so of the pages that
call them): which figures, of which source, where and when.

All mistakes are reported at once, each under its field, in Spanish (see
:func:`ckanext.grll.validators.validated`).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.plugins.toolkit import _
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Schema, Validator

from ckanext.grll.domains.seguridad import estadisticas
from ckanext.grll.domains.seguridad.categorias import categorias, source_codes
from ckanext.grll.validators import district_ubigeo, month, validated  # noqa: F401 (actions import validated from here)

LAYERS = ("distritos", "puntos")


def source(value: Any) -> str:
    code = str(value).strip()
    if code not in source_codes():
        raise tk.Invalid(_("Fuente desconocida: use {fuentes}").format(
            fuentes=", ".join(source_codes())))
    return code


def category(value: Any) -> str | None:
    """A category code; ``total`` (all categories) is no filter."""
    code = str(value).strip()
    if code in ("", estadisticas.TOTAL):
        return None
    if code not in categorias():
        raise tk.Invalid(_("Categoría desconocida: vea la lista en /seguridad"))
    return code


def layer(value: Any) -> str:
    name = str(value).strip()
    if name not in LAYERS:
        raise tk.Invalid(_("Capa desconocida: use distritos o puntos"))
    return name


def district_given(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                   context: Context) -> None:
    if data.get(key) in (tk.missing, None, ""):
        errors[key].append(_("Indique el ubigeo del distrito"))
        raise tk.StopOnError


def period_in_order(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                    context: Context) -> None:
    desde, hasta = data.get(("desde",)), data.get(("hasta",))
    if desde and hasta and not errors[("desde",)] and not errors[("hasta",)] \
            and desde > hasta:
        errors[("hasta",)].append(_("El fin del periodo es anterior a su inicio"))


def no_sensitive_points(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                        context: Context) -> None:
    """A sensitive category is counted per district, never drawn as points."""
    code = data.get(("categoria",))
    if any(errors.values()) or data.get(("capa",)) != "puntos" or not code:
        return
    if categorias()[code].sensitive:
        errors[("categoria",)].append(_(
            "Las categorías sensibles no se muestran como puntos: solo como conteos por "
            "distrito"))


@validator_args
def statistics(ignore_empty: Validator, default: Validator) -> Schema:
    """Which figures: ``fuente``, ``categoria``, ``distrito``, ``capa`` and the months
    ``desde``..``hasta`` (``AAAA-MM``); the actions fill in the period's defaults."""
    return {
        "fuente": [default("policial"), source],
        "categoria": [ignore_empty, category],
        "distrito": [ignore_empty, district_ubigeo],
        "capa": [default("distritos"), layer],
        "desde": [ignore_empty, month],
        "hasta": [ignore_empty, month],
        "__after": [period_in_order],
    }


def comparison() -> Schema:
    """The figures of one district (required)."""
    return {**statistics(), "distrito": [district_given, district_ubigeo]}


def map_layer() -> Schema:
    schema = statistics()
    return {**schema, "__after": [*schema["__after"], no_sensitive_points]}
