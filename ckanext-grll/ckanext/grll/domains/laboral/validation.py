"""Checks of what employers and seekers type: errors per field, in Spanish.

Each ``clean_*`` function returns the cleaned record or raises
``tk.ValidationError({field: [reason]})`` listing every bad field at once, so a
form can show them all and nothing is stored half-valid.
"""
from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import yaml
from ckan.plugins.toolkit import _

from ckanext.grll import numbers, reference
from ckanext.grll.domains.laboral import config
from ckanext.grll.domains.laboral.mapping import (
    JORNADAS,
    NIVELES_EDUCATIVOS,
    TIPOS_CONTRATO,
    ruc_valido,
)

TEXT_LIMITS = {"puesto": 150, "empresa": 200, "descripcion": 4000, "como_postular": 500,
               "nombre": 150, "email": 200, "telefono": 30, "mensaje": 1000}


@functools.cache
def ocupaciones() -> tuple[str, ...]:
    path = Path(__file__).with_name("ocupaciones.yaml")
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8")))


def choices(mapping: dict[str, str]) -> list[str]:
    return sorted(set(mapping.values()))


class Errors(dict):
    def add(self, field: str, reason: str) -> None:
        self.setdefault(field, []).append(reason)


def text(data: dict[str, Any], field: str, errors: Errors, required: bool = True) -> str:
    value = str(data.get(field) or "").strip()
    if required and not value:
        errors.add(field, _("Falta este dato"))
    elif len(value) > TEXT_LIMITS.get(field, 200):
        errors.add(field, _("Demasiado largo (máximo {n} caracteres)").format(
            n=TEXT_LIMITS.get(field, 200)))
    return value


def integer(data: dict[str, Any], field: str, errors: Errors, minimum: int,
             maximum: int, default: int | None = None) -> int | None:
    raw = str(data.get(field) if data.get(field) is not None else "").strip()
    if not raw and default is not None:
        return default
    try:
        value = numbers.leer_entero(raw)
    except numbers.NumeroNoEntendido as error:
        errors.add(field, str(error))
        return None
    if value is None:
        errors.add(field, _("Debe ser un número entero"))
        return None
    if not minimum <= value <= maximum:
        errors.add(field, _("Debe estar entre {a} y {b}").format(a=minimum, b=maximum))
        return None
    return value


def choice(data: dict[str, Any], field: str, allowed: list[str] | tuple[str, ...],
            errors: Errors, message: str) -> str:
    value = str(data.get(field) or "").strip()
    if value not in allowed:
        errors.add(field, message)
    return value


def distrito(data: dict[str, Any], errors: Errors) -> reference.Distrito | None:
    district = reference.distritos().get(str(data.get("ubigeo") or "").strip())
    if district is None:
        errors.add("ubigeo", _("Distrito desconocido: elija un distrito de La Libertad"))
    return district


def experiencia(data: dict[str, Any], errors: Errors) -> int | None:
    return integer(data, "experiencia_meses", errors, 0, 600, default=0)


def clean_offer(data: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """A job offer as the portal stores it (the employer's form or the API)."""
    errors = Errors()
    record: dict[str, Any] = {
        "puesto": text(data, "puesto", errors),
        "ocupacion": choice(data, "ocupacion", ocupaciones(), errors,
                             _("Ocupación desconocida: elija una de la lista")),
        "empresa": text(data, "empresa", errors),
        "descripcion": text(data, "descripcion", errors, required=False) or None,
        "como_postular": text(data, "como_postular", errors),
        "tipo_contrato": choice(data, "tipo_contrato", choices(TIPOS_CONTRATO), errors,
                                 _("Tipo de contrato desconocido")),
        "jornada": choice(data, "jornada", choices(JORNADAS), errors,
                           _("Jornada desconocida")),
        "nivel_educativo": choice(data, "nivel_educativo", choices(NIVELES_EDUCATIVOS),
                                   errors, _("Nivel educativo desconocido")),
        "vacantes": integer(data, "vacantes", errors, 1, 10000),
        "experiencia_meses": experiencia(data, errors),
    }
    ruc = str(data.get("ruc") or "").strip()
    if not ruc_valido(ruc):
        errors.add("ruc", _("RUC no válido: deben ser 11 dígitos con el dígito "
                            "verificador de SUNAT"))
    record["ruc"] = ruc
    district = distrito(data, errors)
    if district:
        record.update(ubigeo=district.ubigeo, provincia=district.provincia,
                      distrito=district.nombre)
    try:
        cierre = datetime.date.fromisoformat(str(data.get("fecha_cierre") or "").strip())
    except ValueError:
        errors.add("fecha_cierre", _("Fecha no válida (use AAAA-MM-DD)"))
    else:
        if cierre < today:
            errors.add("fecha_cierre", _("La fecha de cierre ya pasó"))
        elif cierre > today + datetime.timedelta(days=180):
            errors.add("fecha_cierre", _("La oferta puede estar abierta 180 días como máximo"))
        record["fecha_cierre"] = cierre
    record["remuneracion"] = _salary(data, record["jornada"], errors)
    if errors:
        raise tk.ValidationError(dict(errors))
    record["fecha_publicacion"] = today
    return record


def _salary(data: dict[str, Any], jornada: str, errors: Errors) -> float | None:
    try:
        amount = numbers.leer_decimal(data.get("remuneracion"))
    except numbers.NumeroNoEntendido as error:
        errors.add("remuneracion", str(error))
        return None
    if amount is None:
        errors.add("remuneracion", _("Indique la remuneración mensual en soles"))
        return None
    value = float(amount)
    if jornada == "Tiempo completo" and value < config.rmv():
        errors.add("remuneracion", _(
            "Menor que la remuneración mínima vital (S/ {rmv}) para tiempo completo"
        ).format(rmv=numbers.numero(config.rmv())))
    elif not 0 < value <= 100000:
        errors.add("remuneracion", _("Debe estar entre S/ 1 y S/ 100 000"))
    return value


def search_filters(data: dict[str, Any]) -> dict[str, Any]:
    """Filters of an offer or profile search; unknown values are errors, not empty pages."""
    errors = Errors()
    filters: dict[str, Any] = {"q": str(data.get("q") or "").strip()[:100]}
    if data.get("ocupacion"):
        filters["ocupacion"] = choice(data, "ocupacion", ocupaciones(), errors,
                                       _("Ocupación desconocida"))
    if data.get("ubigeo"):
        district = distrito(data, errors)
        filters["ubigeo"] = district.ubigeo if district else None
    if data.get("remuneracion_min") not in (None, ""):
        filters["remuneracion_min"] = integer(data, "remuneracion_min", errors, 0, 100000)
    filters["page"] = integer(data, "page", errors, 1, 10000, default=1)
    if errors:
        raise tk.ValidationError(dict(errors))
    return filters
