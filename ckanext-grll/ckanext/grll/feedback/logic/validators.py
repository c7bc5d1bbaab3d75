"""Validators of the feedback engine, and the checks that need a domain's YAML.

Error messages are Spanish msgids (translated by the ``ckanext-grll`` catalog)
and are keyed by the field they are about, so that the API answers 409 with
``{"field": ["reason"]}`` and the form shows them beside the field.
"""
from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.navl.dictization_functions import StopOnError
from ckan.plugins.toolkit import _
from ckan.types import Context, Validator

from ckanext.grll import numbers, reference
from ckanext.grll.feedback import config, geo
from ckanext.grll.feedback.domains import Category, Domain, Question, enabled_domains
from ckanext.grll.feedback.model import Report, utcnow

STRING_MAX = 300
TEXT_MAX = 2000
MIN_DESCRIPTION = 10
#: RFC 5321's longest forward path.
EMAIL_MAX = 254
#: The answers as one JSON text (a form or Open311 sends them so).
ANSWERS_JSON_MAX = 20_000
#: Paging stops here: deeper pages are a scan of the whole table, never a reader's.
OFFSET_MAX = 1_000_000
#: Years a report or a filter may speak of; beyond them dates overflow.
YEAR_MIN, YEAR_MAX = 1900, 2100
# Tracking codes: unambiguous characters (no 0/O, 1/I/L), 31**10 ≈ 8·10**14 codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
TRACKING_CODE = re.compile(f"[{CODE_ALPHABET}]{{5}}-[{CODE_ALPHABET}]{{5}}")
# C0 control characters but tab and line breaks (PostgreSQL refuses NUL in text),
# and lone surrogates, which no UTF-8 text can hold.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
#: The answer key that keeps, for staff only, the district the polygons give the point
#: when the citizen chose another one (no question code starts with "_", and public
#: outputs show only the answers of public questions).
POINT_DISTRICT_KEY = "_distrito_del_punto"


def find_report(code: Any) -> Report | None:
    """The report of a tracking code; what cannot be one is not even looked up."""
    text = code.strip().upper() if isinstance(code, str) else ""
    return Report.by_code(text) if TRACKING_CODE.fullmatch(text) else None


def plain_text(value: Any, max_length: int) -> str:
    """``value`` as one line of text or refused: never a list's or a dict's repr."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise tk.Invalid(_("Debe ser un texto, no una lista ni un objeto"))
    text = str(value)
    if CONTROL.search(text):
        raise tk.Invalid(_("Contiene caracteres de control no permitidos"))
    text = text.strip()
    if len(text) > max_length:
        raise tk.Invalid(_("Escriba como máximo {n} caracteres").format(n=max_length))
    return text


def final(check: Callable[[Any], Any]) -> Validator:
    """A validator whose refusal ends the field's checks, so that the validators after
    it (CKAN's ``email_validator``, ``one_of``) never see a list or a NUL byte."""
    def validator(key: Any, data: dict[Any, Any], errors: dict[Any, list[str]],
                  context: Context) -> None:
        try:
            data[key] = check(data.get(key))
        except tk.Invalid as error:
            errors[key].append(error.error)
            raise StopOnError from error

    return validator


def grll_feedback_string(max_length: int) -> Validator:
    """A text field: a string (or a number) without control characters, bounded."""
    def check(value: Any) -> Any:
        if value is tk.missing or value is None:
            return value
        return plain_text(value, max_length)

    return final(check)


def grll_feedback_int(minimum: int, maximum: int) -> Validator:
    """A whole number within bounds; ``1e3``, ``abc`` and lists are refused."""
    def check(value: Any) -> Any:
        if isinstance(value, bool):
            raise tk.Invalid(_("Debe ser un número entero"))
        if isinstance(value, int):
            number = value
        else:
            text = plain_text(value, 20) if not isinstance(value, float) else str(value)
            if not re.fullmatch(r"[+-]?\d+", text):
                raise tk.Invalid(_("Debe ser un número entero"))
            number = int(text)
        if not minimum <= number <= maximum:
            raise tk.Invalid(_("Debe estar entre {a} y {b}").format(a=minimum, b=maximum))
        return number

    return final(check)


@final
def grll_feedback_boolean(value: Any) -> Any:
    """true/false, 1/0, yes/no, sí/no; anything else is refused (not read as false)."""
    if value is tk.missing or value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    text = plain_text(value, 10).lower() if not isinstance(value, list) else None
    if text in ("true", "1", "t", "y", "yes", "si", "sí", "on"):
        return True
    if text in ("false", "0", "f", "n", "no", "off"):
        return False
    raise tk.Invalid(_("Debe ser verdadero o falso (true/false)"))


def parse_moment(value: Any) -> datetime.datetime:
    """An ISO 8601 date or date-time, as naive UTC; refused when it cannot be one."""
    text = plain_text(value, 40)
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if not YEAR_MIN <= moment.year <= YEAR_MAX:
            raise ValueError(text)
        if moment.tzinfo is not None:
            moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError) as error:
        raise tk.Invalid(_("Fecha no válida: use ISO 8601 (AAAA-MM-DD o AAAA-MM-DDThh:mm) "
                           "entre los años {a} y {b}").format(a=YEAR_MIN, b=YEAR_MAX)) \
            from error
    return moment


grll_feedback_moment = final(parse_moment)


@final
def grll_feedback_code(value: Any) -> Any:
    """A tracking code is looked up as text: one that cannot exist is "not found" (404),
    whatever it holds, so only other types are refused here."""
    if not isinstance(value, str):
        raise tk.Invalid(_("Debe ser un texto, no una lista ni un objeto"))
    return value


@final
def grll_feedback_uploads(value: Any) -> Any:
    """Uploaded files (one or a list), never text standing in for them."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if item in (None, ""):
            continue
        if not (hasattr(item, "filename") and hasattr(item, "stream")):
            raise tk.Invalid(_("Adjunte las fotos como archivos (multipart/form-data)"))
    return value


def grll_feedback_float(value: Any, context: Context) -> Any:
    if value in (None, ""):
        return None
    try:
        number = float(str(value).replace(",", ".").strip())
    except ValueError as error:
        raise tk.Invalid(_("Debe ser un número")) from error
    if number != number or number in (float("inf"), float("-inf")):
        raise tk.Invalid(_("Debe ser un número"))
    return number


def grll_feedback_max_length(length: int) -> Validator:
    def validator(value: Any, context: Context) -> Any:
        if value and len(str(value)) > length:
            raise tk.Invalid(_("Escriba como máximo {n} caracteres").format(n=length))
        return value

    return validator


@final
def grll_feedback_description(value: Any) -> Any:
    text = plain_text("" if value is None else value, config.max_description_chars())
    if len(text) < MIN_DESCRIPTION:
        raise tk.Invalid(_("Describa el problema con al menos {n} caracteres").format(
            n=MIN_DESCRIPTION))
    if len(text) > config.max_description_chars():
        raise tk.Invalid(_("Escriba como máximo {n} caracteres").format(
            n=config.max_description_chars()))
    return text


def grll_feedback_honeypot(value: Any, context: Context) -> Any:
    if value not in (None, "", tk.missing):
        raise tk.Invalid(_("Solicitud rechazada: este campo debe quedar vacío"))
    return None


@final
def grll_feedback_month(value: Any) -> Any:
    text = plain_text(value, 10)
    try:
        month = datetime.datetime.strptime(text[:7], "%Y-%m")
    except ValueError as error:
        raise tk.Invalid(_("Mes no válido: use el formato AAAA-MM")) from error
    if not YEAR_MIN <= month.year <= YEAR_MAX:
        raise tk.Invalid(_("Mes fuera de rango: entre {a} y {b}").format(a=YEAR_MIN, b=YEAR_MAX))
    return month.strftime("%Y-%m")


@final
def grll_feedback_domain(value: Any) -> Any:
    """The name of an enabled domain: an unknown or disabled one is refused with the
    names that would do, rather than answered with an empty listing."""
    if value is tk.missing or value is None:
        return value
    names = sorted(enabled_domains())
    if value not in names:
        raise tk.Invalid(_("Dominio desconocido o no habilitado; use uno de estos: "
                           "{names}").format(names=", ".join(names)))
    return value


def get_validators() -> dict[str, Any]:
    return {
        "grll_feedback_float": grll_feedback_float,
        "grll_feedback_max_length": grll_feedback_max_length,
        "grll_feedback_string": grll_feedback_string,
        "grll_feedback_int": grll_feedback_int,
        "grll_feedback_boolean": grll_feedback_boolean,
        "grll_feedback_moment": grll_feedback_moment,
        "grll_feedback_code": grll_feedback_code,
        "grll_feedback_uploads": grll_feedback_uploads,
        "grll_feedback_description": grll_feedback_description,
        "grll_feedback_honeypot": grll_feedback_honeypot,
        "grll_feedback_month": grll_feedback_month,
        "grll_feedback_domain": grll_feedback_domain,
        "grll_feedback_grid_size": config.grll_feedback_grid_size,
    }


@dataclass
class CheckedReport:
    """A submission that passed every check, with what the engine derived from it."""

    domain: Domain
    category: Category
    ubigeo: str
    latitude: float | None
    longitude: float | None
    answers: dict[str, Any]


def check_report(data: dict[str, Any]) -> tuple[CheckedReport | None, dict[str, list[str]]]:
    """Cross-field checks of a validated submission; returns (result, errors)."""
    errors: dict[str, list[str]] = {}
    domain = enabled_domains().get(data["domain"])
    if domain is None:
        return None, {"domain": [_("Dominio desconocido")]}
    category = domain.categories.get(data["category"])
    if category is None:
        return None, {"category": [_("Categoría desconocida en este dominio")]}
    lat, lon = data.get("lat"), data.get("lon")
    ubigeo = data.get("ubigeo") or None
    mismatch = None
    if ubigeo and ubigeo not in reference.distritos():
        errors["ubigeo"] = [_("Distrito desconocido: use el ubigeo INEI de 6 dígitos")]
    if (lat is None) != (lon is None):
        errors["lat" if lat is None else "lon"] = [_("Indique latitud y longitud juntas")]
    elif lat is not None:
        found = geo.district_near(lat, lon)
        if found is None:
            errors["lat"] = [_("El punto está fuera de La Libertad")]
        elif not ubigeo:
            ubigeo = found
        elif "ubigeo" not in errors and not geo.point_matches_district(found, ubigeo):
            if geo.near_district(lat, lon, ubigeo):
                # The 2007 polygons are coarse: the citizen's district stands, staff see both.
                mismatch = found
            else:
                errors["ubigeo"] = [_("El punto marcado no está en el distrito elegido")]
    elif not ubigeo and "ubigeo" not in errors:
        errors["ubigeo"] = [_("Indique el distrito o marque el lugar en el mapa")]
    answers, answer_errors = check_answers(category, data.get("answers"))
    errors.update(answer_errors)
    if errors:
        return None, errors
    if mismatch:
        answers[POINT_DISTRICT_KEY] = mismatch
    return CheckedReport(domain, category, ubigeo, lat, lon, answers), {}


def check_answers(category: Category, raw: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Typed answers to the category's questions, Open311 style; unknown ones refused."""
    if raw in (None, "", tk.missing):
        raw = {}
    if isinstance(raw, str):
        if len(raw) > ANSWERS_JSON_MAX:
            return {}, {"answers": [_("Escriba como máximo {n} caracteres").format(
                n=ANSWERS_JSON_MAX)]}
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}, {"answers": [_("Las respuestas deben ser un objeto JSON")]}
    if not isinstance(raw, dict):
        return {}, {"answers": [_("Las respuestas deben ser un objeto JSON")]}
    questions = {q.code: q for q in category.questions}
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(raw) - set(questions))
    if unknown:
        errors["answers"] = [_("Preguntas desconocidas: {names}").format(
            names=", ".join(re.sub(r"[^\w.-]", "?", str(name))[:40] for name in unknown[:10]))]
    answers: dict[str, Any] = {}
    for question in category.questions:
        value = raw.get(question.code)
        if value in (None, "", []):
            if question.required:
                errors[f"answers.{question.code}"] = [_("Responda esta pregunta")]
            continue
        try:
            answers[question.code] = typed_answer(question, value)
        except tk.Invalid as error:
            errors[f"answers.{question.code}"] = [error.error]
    return answers, errors


def typed_answer(question: Question, value: Any) -> Any:
    kind = question.datatype
    if kind == "singlevaluelist" and isinstance(value, list) and len(value) == 1:
        # Open311 clients send every attribute as a list.
        value = value[0]
    if kind == "number":
        number = typed_number(value)
        if question.min is not None and number < question.min:
            raise tk.Invalid(_("Debe ser al menos {n}").format(n=_number(question.min)))
        if question.max is not None and number > question.max:
            raise tk.Invalid(_("Debe ser como máximo {n}").format(n=_number(question.max)))
        return number
    if kind != "multivaluelist":
        value = plain_text(value, STRING_MAX if kind != "text" else TEXT_MAX)
    if kind in ("string", "text"):
        return value
    if kind == "datetime":
        # Checked as UTC (bounded years and offsets), kept as the citizen wrote it.
        if parse_moment(value) > utcnow() + datetime.timedelta(days=1):
            raise tk.Invalid(_("La fecha no puede estar en el futuro"))
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    keys = question.value_keys
    if kind == "singlevaluelist":
        if value not in keys:
            raise tk.Invalid(_("Elija una de las opciones"))
        return value
    chosen = value if isinstance(value, list) else plain_text(value, STRING_MAX).split(",")
    if len(chosen) > len(keys):
        raise tk.Invalid(_("Elija una o más de las opciones"))
    chosen = [v for v in (plain_text(v, STRING_MAX) for v in chosen) if v]
    if not chosen or any(v not in keys for v in chosen):
        raise tk.Invalid(_("Elija una o más de las opciones"))
    return [key for key in keys if key in chosen]


def typed_number(value: Any) -> float:
    """A number answer: a JSON number as sent, a text as a person types it (decimal
    comma or point; "1,250" is refused as ambiguous, with both readings)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError as error:  # a JSON integer of hundreds of digits
            raise tk.Invalid(_("Debe ser un número")) from error
    else:
        try:
            read = numbers.leer_decimal(plain_text(value, STRING_MAX))
        except numbers.NumeroNoEntendido as error:
            raise tk.Invalid(str(error)) from error
        if read is None:
            raise tk.Invalid(_("Debe ser un número"))
        number = float(read)
    if number != number or number in (float("inf"), float("-inf")):
        raise tk.Invalid(_("Debe ser un número"))
    return number


def _number(value: float) -> str:
    """A bound as people read it: "0,01", "100 000"."""
    decimals = 0 if value == int(value) else len(repr(float(value)).partition(".")[2])
    return numbers.numero(value, decimals)
