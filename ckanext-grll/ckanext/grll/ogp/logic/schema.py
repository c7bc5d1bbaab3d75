"""Validation schemas of the ``grll_ogp_*`` actions and of the plan's steward forms.

Applied with :func:`ckanext.grll.validators.validated`: each mistake is reported under
its field, in Spanish, all at once.
"""
from __future__ import annotations

import re
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Schema, Validator

from ckanext.grll.ogp import estado
from ckanext.grll.validators import (
    decimal_between,
    grll_fecha_no_anterior,
    grll_iso_date,
    int_between,
    one_of,
    required,
    text,
)

DOMINIOS = ("seguridad", "agua", "agro", "laboral")
SECTORES = ("funcionario", "sociedad_civil")
TIPOS_EVIDENCIA = ("dataset", "pagina", "documento")
TIPOS_EVALUACION = ("autoevaluacion", "independiente")
MODERACION = ("aprobado", "rechazado")
_TRIMESTRE = re.compile(r"(20\d\d)-T([1-4])")
SHORT, LONG = 300, 4000


def _ignore_missing() -> Validator:
    return tk.get_validator("ignore_missing")


def _ignore_empty() -> Validator:
    return tk.get_validator("ignore_empty")


def boolean(value: Any) -> bool:
    return tk.asbool(value)


def trimestre(value: Any) -> str:
    if not isinstance(value, str) or not _TRIMESTRE.fullmatch(value.strip()):
        raise tk.Invalid(_("Use el formato AAAA-Tn (por ejemplo 2026-T3)"))
    return value.strip()


def organization(value: Any) -> str:
    """An active organization of the portal, by name or id; its id."""
    group = model.Group.get(value) if isinstance(value, str) and value else None
    if group is None or not group.is_organization or group.state != "active":
        raise tk.Invalid(_("Organización desconocida en el portal"))
    return group.id


def user(value: Any) -> str:
    """An account of the portal, by name or id; its id."""
    found = model.User.get(value) if isinstance(value, str) and value else None
    if found is None:
        raise tk.Invalid(_("Usuario desconocido en el portal"))
    return found.id


def _need(message: str, *checks: Validator) -> list[Validator]:
    return [required(message), *checks]


def _numero() -> list[Validator]:
    return _need(_("Indique el número del compromiso"), int_between(1, 99))


def _date(message: str) -> list[Validator]:
    return [required(message), grll_iso_date]


def _optional(max_chars: int = LONG) -> list[Validator]:
    return [_ignore_missing(), text(max_chars)]


def commitment_create() -> Schema:
    return {
        "numero": _numero(),
        "titulo": _need(_("Escriba el título del compromiso"), text(SHORT)),
        "dominio": [_ignore_empty(), one_of(DOMINIOS)],
        "fecha_inicio": _date(_("Indique la fecha de inicio")),
        "fecha_fin": [*_date(_("Indique la fecha de término")),
                      grll_fecha_no_anterior("fecha_inicio")],
        "problema": _need(_("Describa el problema público"), text(LONG)),
        "linea_base": _optional(),
        "descripcion": _need(_("Describa en qué consiste el compromiso"), text(LONG)),
        "resultados_esperados": _optional(),
        "como_contribuye": _optional(),
        "transparencia": _optional(),
        "participacion": _optional(),
        "rendicion_cuentas": _optional(),
        "organizacion": _need(_("Indique la entidad responsable"), organization),
        "otros_actores": _optional(),
        "presupuesto": [_ignore_empty(), decimal_between(0, 1e11)],
        "fuente_presupuesto": _optional(SHORT),
        "vinculos": _optional(),
        "muestra_demostrativa": [_ignore_missing(), boolean],
    }


def commitment_update() -> Schema:
    schema = {key: [_ignore_missing(), *validators[1:]] if key != "numero" else validators
              for key, validators in commitment_create().items()}
    schema["fecha_inicio"] = [_ignore_missing(), grll_iso_date]
    schema["fecha_fin"] = [_ignore_missing(), grll_iso_date]
    schema["dominio"] = [_ignore_empty(), one_of(DOMINIOS)]
    schema["presupuesto"] = [_ignore_empty(), decimal_between(0, 1e11)]
    return schema


def commitment_show() -> Schema:
    return {"numero": _numero()}


def milestone_create() -> Schema:
    return {
        "numero": _numero(),
        "orden": [_ignore_empty(), int_between(1, 99)],
        "descripcion": _need(_("Describa el hito"), text(LONG)),
        "fecha_inicio": _date(_("Indique la fecha de inicio")),
        "fecha_fin": [*_date(_("Indique la fecha de término")),
                      grll_fecha_no_anterior("fecha_inicio")],
        "responsable": _need(_("Indique quién es responsable del hito"), text(SHORT)),
        "avance": [_ignore_empty(), one_of(estado.AVANCES)],
    }


def milestone_update() -> Schema:
    return {
        "id": _need(_("Indique el hito")),
        "descripcion": _optional(),
        "fecha_inicio": [_ignore_empty(), grll_iso_date],
        "fecha_fin": [_ignore_empty(), grll_iso_date, grll_fecha_no_anterior("fecha_inicio")],
        "responsable": _optional(SHORT),
        "avance": [_ignore_empty(), one_of(estado.AVANCES)],
    }


def evidence_create() -> Schema:
    return {
        "hito_id": _need(_("Indique el hito")),
        "tipo": _need(_("Elija el tipo de evidencia"), one_of(TIPOS_EVIDENCIA)),
        "titulo": _need(_("Escriba un título para la evidencia"), text(SHORT)),
        # Required unless a document is uploaded instead (the action checks which).
        "enlace": [_ignore_empty(), text(1000)],
    }


def assessment_create() -> Schema:
    return {
        "numero": _numero(),
        "tipo": [tk.get_validator("default")("autoevaluacion"), one_of(TIPOS_EVALUACION)],
        "trimestre": _need(_("Indique el trimestre"), trimestre),
        "avance": _need(_("Elija el nivel de avance"), one_of(estado.AVANCES)),
        "texto": _need(_("Escriba la evaluación"), text(LONG)),
        "organismo": _optional(SHORT),
        "enlace": _optional(1000),
    }


def assessment_comment() -> Schema:
    return {"id": _need(_("Indique la evaluación")),
            "comentario": _need(_("Escriba el comentario del comité"), text(LONG))}


def member_create() -> Schema:
    return {
        "nombre": _need(_("Escriba el nombre"), text(SHORT)),
        "sector": _need(_("Elija funcionario o sociedad civil"), one_of(SECTORES)),
        "organizacion": _need(_("Escriba la organización"), text(SHORT)),
        "rol": _need(_("Escriba el rol en el comité"), text(SHORT)),
        "usuario": [_ignore_empty(), user],
    }


def session_create() -> Schema:
    return {
        "fecha": _date(_("Indique la fecha de la sesión")),
        "agenda": _need(_("Escriba la agenda"), text(LONG)),
        "acta": [_ignore_empty(), text(1000)],
    }


def agreement_create() -> Schema:
    return {
        "sesion_id": _need(_("Indique la sesión")),
        "texto": _need(_("Escriba el acuerdo"), text(LONG)),
        "hito_id": [_ignore_empty(), text(100)],
    }


def comment_create() -> Schema:
    return {
        "numero": _numero(),
        "hito_id": [_ignore_empty(), text(100)],
        "texto": _need(_("Escriba su comentario"), text(2000)),
    }


def comment_moderate() -> Schema:
    return {"id": _need(_("Indique el comentario")),
            "estado": _need(_("Elija aprobar o rechazar"), one_of(MODERACION))}


def follow() -> Schema:
    return {"numero": _numero(), "seguir": [tk.get_validator("default")(True), boolean]}


def comment_list() -> Schema:
    return {"numero": [_ignore_empty(), int_between(1, 99)],
            "estado": [_ignore_empty(), one_of(("pendiente", *MODERACION))]}
