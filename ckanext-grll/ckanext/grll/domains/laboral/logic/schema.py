"""Validation schemas of the ``grll_laboral_*`` actions (applied with ``validated``).

Every wrong field is reported at once, under its name, with the messages the forms
of /empleo show (in Spanish). The lists the choices come from are the commitment's
vocabulary in ``mapping``, which the harvest layouts check against too.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.plugins.toolkit import _
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Schema, Validator

from ckanext.grll import numbers, reference
from ckanext.grll.domains.laboral import catalogos, config, ofertas, registros
from ckanext.grll.domains.laboral.mapping import (
    ESTADOS_CONFLICTO,
    ETAPAS_TRAMITE,
    JORNADAS,
    MODALIDADES,
    NIVELES_EDUCATIVOS,
    PROCEDIMIENTOS,
    TIPOS_CONFLICTO,
    TIPOS_CONTRATO,
    choices,
    ocupaciones,
    ruc_valido,
)
from ckanext.grll.domains.laboral.perfiles import EMAIL

#: Longest text a field takes unless it says otherwise.
TEXT_CHARS = 200
#: Longest search text; longer is cut, not refused.
QUERY_CHARS = 100
#: How long an offer may stay open.
OFFER_DAYS = 180


# --- validators ------------------------------------------------------------------------

def _typed(value: Any) -> str:
    """What was typed, stripped ("" when nothing was)."""
    return "" if value is tk.missing or value is None else str(value).strip()


def required(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
             context: Context) -> None:
    if not _typed(data.get(key)):
        errors[key].append(_("Falta este dato"))
        raise tk.StopOnError


def optional(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
             context: Context) -> None:
    """Nothing typed: the field is stored empty (None)."""
    if not _typed(data.get(key)):
        data[key] = None
        raise tk.StopOnError


def text(max_chars: int = TEXT_CHARS) -> Validator:
    def validator(value: Any) -> str:
        value = _typed(value)
        if len(value) > max_chars:
            raise tk.Invalid(_("Demasiado largo (máximo {n} caracteres)").format(n=max_chars))
        return value
    return validator


def query_text(value: Any) -> str:
    return _typed(value)[:QUERY_CHARS]


def one_of(allowed: Iterable[str], message: str) -> Validator:
    """One of ``allowed``; anything else is refused with ``message``."""
    def validator(value: Any) -> str:
        value = _typed(value)
        if value not in allowed:
            raise tk.Invalid(message)
        return value
    return validator


def whole_number(minimum: int, maximum: int) -> Validator:
    """A whole number as people type it (``1 200``), from ``minimum`` to ``maximum``."""
    def validator(value: Any) -> int:
        try:
            number = numbers.leer_entero(_typed(value))
        except numbers.NumeroNoEntendido as error:
            raise tk.Invalid(str(error)) from None
        if number is None:
            raise tk.Invalid(_("Debe ser un número entero"))
        if not minimum <= number <= maximum:
            raise tk.Invalid(_("Debe estar entre {a} y {b}").format(a=minimum, b=maximum))
        return number
    return validator


def district(value: Any) -> str:
    """The ubigeo of a district of La Libertad."""
    ubigeo = _typed(value)
    if ubigeo not in reference.distritos():
        raise tk.Invalid(_("Distrito desconocido: elija un distrito de La Libertad"))
    return ubigeo


def district_names(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                   context: Context) -> None:
    """Beside a valid ubigeo, its province and district (records store the three)."""
    if errors.get(("ubigeo",)):
        return
    found = reference.distritos()[data[("ubigeo",)]]
    data[("provincia",)] = found.provincia
    data[("distrito",)] = found.nombre


def date(value: Any) -> datetime.date:
    try:
        return datetime.date.fromisoformat(_typed(value))
    except ValueError:
        raise tk.Invalid(_("Fecha no válida (use AAAA-MM-DD)")) from None


def not_future(value: Any) -> Any:
    if isinstance(value, datetime.date) and value > datetime.date.today():
        raise tk.Invalid(_("La fecha no puede ser futura"))
    return value


def iso_date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def offer_closing(value: Any) -> Any:
    """A closing date from today to :data:`OFFER_DAYS` days on."""
    today = ofertas.today()
    if isinstance(value, datetime.date):
        if value < today:
            raise tk.Invalid(_("La fecha de cierre ya pasó"))
        if value > today + datetime.timedelta(days=OFFER_DAYS):
            raise tk.Invalid(_("La oferta puede estar abierta 180 días como máximo"))
    return value


def ruc(message: str) -> Validator:
    """A RUC that passes SUNAT's check digit; ``message`` otherwise."""
    def validator(value: Any) -> str:
        value = _typed(value)
        if not ruc_valido(value):
            raise tk.Invalid(message)
        return value
    return validator


def without_spaces(value: Any) -> str:
    return "".join(_typed(value).split())


def email(value: Any) -> Any:
    if not EMAIL.match(_typed(value)):
        raise tk.Invalid(_("Correo electrónico no válido"))
    return value


def monthly_pay(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                context: Context) -> None:
    """Soles per month; at least the RMV in force (``config.rmv``) for full time."""
    try:
        amount = numbers.leer_decimal(_typed(data.get(key)))
    except numbers.NumeroNoEntendido as error:
        errors[key].append(str(error))
        return
    if amount is None:
        errors[key].append(_("Indique la remuneración mensual en soles"))
        return
    value = float(amount)
    if data.get(("jornada",)) == "Tiempo completo" and value < config.rmv():
        errors[key].append(_(
            "Menor que la remuneración mínima vital (S/ {rmv}) para tiempo completo"
        ).format(rmv=numbers.numero(config.rmv())))
    elif not 0 < value <= 100000:
        errors[key].append(_("Debe estar entre S/ 1 y S/ 100 000"))
    data[key] = value


def existing_offer(value: Any) -> str:
    code = _typed(value)
    if ofertas.get(code) is None:
        raise tk.Invalid(_("No existe una oferta con ese código"))
    return code


def expediente(value: Any) -> str:
    number = catalogos.normalize_expediente(_typed(value))
    if not catalogos.EXPEDIENTE.match(number):
        raise tk.Invalid(_("Número de expediente no válido"))
    return number


def _valid(key: str, data: FlattenDataDict, errors: FlattenErrorDict) -> Any:
    """The converted value of a field, None when it is empty or was refused."""
    return None if errors.get((key,)) else data.get((key,))


# --- job offers, profiles and contact --------------------------------------------------

def _known_occupation() -> Validator:
    return one_of(ocupaciones(), _("Ocupación desconocida: elija una de la lista"))


def _education() -> Validator:
    return one_of(choices(NIVELES_EDUCATIVOS), _("Nivel educativo desconocido"))


@validator_args
def offer_create(default: Callable[[Any], Validator]) -> Schema:
    return {
        "puesto": [required, text(150)],
        "ocupacion": [_known_occupation()],
        "empresa": [required, text()],
        "ruc": [ruc(_("RUC no válido: deben ser 11 dígitos con el dígito verificador de "
                      "SUNAT"))],
        "ubigeo": [district],
        "descripcion": [optional, text(4000)],
        "como_postular": [required, text(500)],
        "tipo_contrato": [one_of(choices(TIPOS_CONTRATO), _("Tipo de contrato desconocido"))],
        "jornada": [one_of(choices(JORNADAS), _("Jornada desconocida"))],
        "nivel_educativo": [_education()],
        "vacantes": [whole_number(1, 10000)],
        "experiencia_meses": [default(0), whole_number(0, 600)],
        "fecha_cierre": [date, offer_closing],
        "remuneracion": [monthly_pay],
        "__after": [district_names],
    }


@validator_args
def search(default: Callable[[Any], Validator], ignore_empty: Validator) -> Schema:
    """Filters of an offer, profile or course search: an unknown value is an error, not
    an empty page."""
    return {
        "q": [query_text],
        "ocupacion": [ignore_empty, one_of(ocupaciones(), _("Ocupación desconocida"))],
        "ubigeo": [ignore_empty, district],
        "remuneracion_min": [ignore_empty, whole_number(0, 100000)],
        "page": [default(1), whole_number(1, 10000)],
    }


@validator_args
def profile_create(default: Callable[[Any], Validator]) -> Schema:
    return {
        "ocupacion": [_known_occupation()],
        "nivel_educativo": [_education()],
        "experiencia_meses": [default(0), whole_number(0, 600)],
        "nombre": [required, text(150)],
        "email": [required, text(), email],
        "telefono": [optional, text(30)],
        "ubigeo": [district],
        "__after": [district_names],
    }


def contact_request() -> Schema:
    return {"mensaje": [required, text(1000)],
            "codigo_oferta": [optional, existing_offer]}


def contact_respond() -> Schema:
    return {"respuesta": [one_of(("aceptar", "rechazar"),
                                 _("Responda «aceptar» o «rechazar»"))]}


# --- registries ------------------------------------------------------------------------

def registry_search(filters: Iterable[str]) -> Callable[[], Schema]:
    """A registry listing: text, a page and exact ``filters``."""
    @validator_args
    def schema(default: Callable[[Any], Validator], ignore_empty: Validator,
               unicode_safe: Validator) -> Schema:
        return {"q": [query_text], "page": [default(1), whole_number(1, 10000)],
                **{name: [ignore_empty, unicode_safe] for name in filters}}
    return schema


def union_pairs(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                context: Context) -> None:
    """An employer goes with its RUC, and a board's term with the day it began."""
    if not errors[("ruc_empleador",)]:
        if data.get(("empleador",)) and not data.get(("ruc_empleador",)):
            errors[("ruc_empleador",)].append(_("Indique el RUC del empleador"))
        elif data.get(("ruc_empleador",)) and not data.get(("empleador",)):
            errors[("empleador",)].append(_("Indique el empleador del RUC"))
    inicio = _valid("junta_directiva_inicio", data, errors)
    anios = ("junta_directiva_mandato_anios",)
    if inicio and data.get(anios) is None and not errors[anios]:
        errors[anios].append(_("Debe ser un número entero"))
    if _valid("junta_directiva_mandato_anios", data, errors) and not inicio \
            and not errors[("junta_directiva_inicio",)]:
        errors[("junta_directiva_inicio",)].append(_("Indique cuándo empezó el mandato"))
    if not inicio:
        data[anios] = None


def union_update() -> Schema:
    return {
        "empleador": [optional, text()],
        "ruc_empleador": [without_spaces, optional, ruc(_(
            "RUC del empleador no válido: deben ser 11 dígitos con el dígito verificador "
            "de SUNAT"))],
        "federacion": [optional, text()],
        "afiliados": [whole_number(0, 1000000)],
        "estado": [one_of(registros.ESTADOS_SINDICATO,
                          _("Estado desconocido (Vigente o Cancelado)"))],
        "junta_directiva_inicio": [optional, date, not_future, iso_date],
        "junta_directiva_mandato_anios": [optional, whole_number(1, 5)],
        "__after": [union_pairs],
    }


def stage_change(current: registros.Etapa, since: str | None) -> Callable[[], Schema]:
    """A bargaining process's next stage: one the law allows after ``current``, on a
    day not before the current stage's (``since``)."""
    def next_stage(value: Any) -> str:
        code = _typed(value)
        if code not in registros.SIGUIENTES[current.code]:
            allowed = ", ".join(registros.ETAPA[c].name
                                for c in registros.SIGUIENTES[current.code]) or _("ninguna")
            raise tk.Invalid(_("Desde «{actual}» solo puede pasar a: {allowed}").format(
                actual=current.name, allowed=allowed))
        return code

    def not_before(value: Any) -> Any:
        if since and isinstance(value, datetime.date) and value.isoformat() < since:
            raise tk.Invalid(_("Es anterior a la etapa actual ({fecha})").format(
                fecha=since))
        return value

    def schema() -> Schema:
        return {"etapa": [next_stage], "fecha": [date, not_future, not_before, iso_date],
                "nota": [optional, text()], "incremento": [pay_rise]}
    return schema


def pay_rise(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
             context: Context) -> None:
    """S/ per day, read only when the process ends in a convenio or a laudo."""
    value = data.get(key)
    data[key] = None
    if data.get(("etapa",)) in ("convenio", "laudo") and value:
        try:
            amount = numbers.leer_decimal(value)
        except numbers.NumeroNoEntendido as error:
            errors[key].append(str(error))
            return
        data[key] = float(amount) if amount is not None else None


@validator_args
def conflict_update(default: Callable[[Any], Validator]) -> Schema:
    return {
        "estado": [one_of(ESTADOS_CONFLICTO,
                          _("Estado desconocido (activo, latente o resuelto)"))],
        "trabajadores_involucrados": [whole_number(0, 1000000)],
        "horas_hombre_perdidas": [default(0), whole_number(0, 100000000)],
        "descripcion": [optional, text(4000)],
    }


def conflict_create() -> Schema:
    return {
        **conflict_update(),
        "tipo": [one_of(TIPOS_CONFLICTO, _("Tipo de conflicto desconocido"))],
        "partes": [required, text()],
        "actividad_economica": [required, text()],
        "fecha_inicio": [date, not_future, iso_date],
        "ubigeo": [district],
        "__after": [district_names],
    }


def course_dates(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                 context: Context) -> None:
    inicio, fin = _valid("fecha_inicio", data, errors), _valid("fecha_fin", data, errors)
    if inicio and fin and fin < inicio:
        errors[("fecha_fin",)].append(_("Termina antes de empezar"))


def course_create() -> Schema:
    return {
        "entidad": [required, text()],
        "curso": [required, text()],
        "ocupacion": [_known_occupation()],
        "modalidad": [one_of(MODALIDADES, _("Modalidad desconocida"))],
        "ubigeo": [district],
        "fecha_inicio": [date, iso_date],
        "fecha_fin": [date, iso_date],
        "horas": [whole_number(1, 5000)],
        "vacantes": [whole_number(1, 100000)],
        "requisitos": [optional, text()],
        "inscripcion": [required, text()],
        "__after": [district_names, course_dates],
    }


def procedure_update() -> Schema:
    return {
        "expediente": [expediente],
        "procedimiento": [one_of(PROCEDIMIENTOS, _("Procedimiento desconocido"))],
        "etapa": [one_of(ETAPAS_TRAMITE, _("Etapa desconocida"))],
        "fecha_presentacion": [date, iso_date],
        "fecha_actualizacion": [date, iso_date],
        "dependencia": [required, text()],
        "nota": [optional, text()],
    }


@validator_args
def follow(default: Callable[[Any], Validator], unicode_safe: Validator) -> Schema:
    return {
        "tipo": [one_of(registros.REGISTROS, _("Solo se siguen sindicatos, negociaciones "
                                               "o conflictos"))],
        "clave": [default(""), unicode_safe],
    }
