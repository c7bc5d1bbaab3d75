"""Validators of the feedback engine, and the checks that need a domain's YAML.

Error messages are Spanish msgids (translated by the ``ckanext-grll`` catalog)
and are keyed by the field they are about, so that the API answers 409 with
``{"field": ["reason"]}`` and the form shows them beside the field.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Context, Validator

from ckanext.grll import reference
from ckanext.grll.feedback import config, geo
from ckanext.grll.feedback.domains import Category, Domain, Question, enabled_domains
from ckanext.grll.feedback.model import utcnow

STRING_MAX = 300
TEXT_MAX = 2000
MIN_DESCRIPTION = 10


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


def grll_feedback_max_value(maximum: int) -> Validator:
    def validator(value: Any, context: Context) -> Any:
        return min(int(value), maximum)

    return validator


def grll_feedback_description(value: Any, context: Context) -> Any:
    text = str(value or "")
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


def grll_feedback_month(value: Any, context: Context) -> Any:
    try:
        return datetime.datetime.strptime(str(value).strip()[:7], "%Y-%m").strftime("%Y-%m")
    except ValueError as error:
        raise tk.Invalid(_("Mes no válido: use el formato AAAA-MM")) from error


def get_validators() -> dict[str, Any]:
    return {
        "grll_feedback_float": grll_feedback_float,
        "grll_feedback_max_length": grll_feedback_max_length,
        "grll_feedback_max_value": grll_feedback_max_value,
        "grll_feedback_description": grll_feedback_description,
        "grll_feedback_honeypot": grll_feedback_honeypot,
        "grll_feedback_month": grll_feedback_month,
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
    if ubigeo and ubigeo not in reference.distritos():
        errors["ubigeo"] = [_("Distrito desconocido: use el ubigeo INEI de 6 dígitos")]
    if (lat is None) != (lon is None):
        errors["lat" if lat is None else "lon"] = [_("Indique latitud y longitud juntas")]
    elif lat is not None:
        found = geo.district_at(lat, lon)
        if found is None:
            errors["lat"] = [_("El punto está fuera de La Libertad")]
        elif ubigeo and "ubigeo" not in errors and not geo.point_matches_district(found, ubigeo):
            errors["ubigeo"] = [_("El punto marcado no está en el distrito elegido")]
        elif not ubigeo:
            ubigeo = found
    elif not ubigeo and "ubigeo" not in errors:
        errors["ubigeo"] = [_("Indique el distrito o marque el lugar en el mapa")]
    answers, answer_errors = check_answers(category, data.get("answers"))
    errors.update(answer_errors)
    if errors:
        return None, errors
    return CheckedReport(domain, category, ubigeo, lat, lon, answers), {}


def check_answers(category: Category, raw: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Typed answers to the category's questions, Open311 style; unknown ones refused."""
    if raw in (None, "", tk.missing):
        raw = {}
    if isinstance(raw, str):
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
        errors["answers"] = [_("Preguntas desconocidas: {names}").format(names=", ".join(unknown))]
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
    if kind in ("string", "text"):
        limit = STRING_MAX if kind == "string" else TEXT_MAX
        text = str(value).strip()
        if len(text) > limit:
            raise tk.Invalid(_("Escriba como máximo {n} caracteres").format(n=limit))
        return text
    if kind == "number":
        number = grll_feedback_float(value, {})
        if question.min is not None and number < question.min:
            raise tk.Invalid(_("Debe ser al menos {n}").format(n=_number(question.min)))
        if question.max is not None and number > question.max:
            raise tk.Invalid(_("Debe ser como máximo {n}").format(n=_number(question.max)))
        return number
    if kind == "datetime":
        try:
            moment = datetime.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError as error:
            raise tk.Invalid(_("Fecha no válida: use el formato AAAA-MM-DD")) from error
        if moment.replace(tzinfo=None) > utcnow() + datetime.timedelta(days=1):
            raise tk.Invalid(_("La fecha no puede estar en el futuro"))
        return moment.isoformat()
    keys = question.value_keys
    if kind == "singlevaluelist":
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else value
        if str(value) not in keys:
            raise tk.Invalid(_("Elija una de las opciones"))
        return str(value)
    chosen = value if isinstance(value, list) else str(value).split(",")
    chosen = [str(v).strip() for v in chosen if str(v).strip()]
    if not chosen or any(v not in keys for v in chosen):
        raise tk.Invalid(_("Elija una o más de las opciones"))
    return [key for key in keys if key in chosen]


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
