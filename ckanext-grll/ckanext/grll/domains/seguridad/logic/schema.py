"""Checking the parameters of the ``grll_seguridad_*`` actions and pages.

All mistakes are reported at once, each under its field, in Spanish.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _

from ckanext.grll import reference
from ckanext.grll.domains.seguridad import estadisticas
from ckanext.grll.domains.seguridad.categorias import categorias, source_codes

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
LAYERS = ("distritos", "puntos")


@dataclass(frozen=True)
class Consulta:
    fuente: str
    categoria: str | None
    periodo: estadisticas.Periodo
    distrito: str | None
    capa: str


def _text(data_dict: dict[str, Any], key: str) -> str:
    value = data_dict.get(key)
    return "" if value is None else str(value).strip()


def _month(value: str) -> int | None:
    match = MONTH.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return int(match.group(1)) * 100 + int(match.group(2))


def consulta(data_dict: dict[str, Any], distrito_required: bool = False) -> Consulta:
    """The checked query, or :class:`tk.ValidationError` naming every wrong field."""
    errors: dict[str, list[str]] = {}
    fuente = _text(data_dict, "fuente") or "policial"
    if fuente not in source_codes():
        errors["fuente"] = [_("Fuente desconocida: use {fuentes}").format(
            fuentes=", ".join(source_codes()))]
    categoria = _text(data_dict, "categoria")
    if categoria in ("", estadisticas.TOTAL):
        categoria = ""
    elif categoria not in categorias():
        errors["categoria"] = [_("Categoría desconocida: vea la lista en /seguridad")]
    distrito = _text(data_dict, "distrito")
    if distrito and distrito not in reference.distritos():
        errors["distrito"] = [_("Distrito desconocido: use un ubigeo INEI de La Libertad "
                                "(6 dígitos, 13xxxx)")]
    elif distrito_required and not distrito:
        errors["distrito"] = [_("Indique el ubigeo del distrito")]
    capa = _text(data_dict, "capa") or "distritos"
    if capa not in LAYERS:
        errors["capa"] = [_("Capa desconocida: use distritos o puntos")]
    months = {}
    for key in ("desde", "hasta"):
        value = _text(data_dict, key)
        months[key] = _month(value) if value else None
        if value and months[key] is None:
            errors[key] = [_("Use el formato AAAA-MM (por ejemplo 2024-01)")]
    if months["desde"] and months["hasta"] and months["desde"] > months["hasta"]:
        errors["hasta"] = [_("El fin del periodo es anterior a su inicio")]
    if errors:
        raise tk.ValidationError(errors)
    default = estadisticas.default_period(fuente)
    desde = months["desde"] or (months["hasta"] // 100 * 100 + 1 if months["hasta"]
                                else default.desde)
    hasta = months["hasta"] or (desde // 100 * 100 + 12 if months["desde"] else default.hasta)
    return Consulta(fuente=fuente, categoria=categoria or None,
                    periodo=estadisticas.Periodo(desde, hasta), distrito=distrito or None,
                    capa=capa)
