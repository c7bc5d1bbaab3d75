"""Validation schemas of the ``grll_apertura_*`` actions and of the inventory's forms.

Applied with :func:`ckanext.grll.validators.validated`: each mistake is reported under
its field, in Spanish, all at once. The rule that withholding information needs a
legal basis is :func:`legal_basis_when_withheld`.
"""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Schema

from ckanext.grll.apertura import fases, model
from ckanext.grll.validators import grll_iso_date, int_between, one_of, required, text

#: Most candidates one call of ``grll_apertura_candidate_list`` returns.
MAX_RESULTS = 1000


def organization(value: Any) -> str:
    """An active organization of the portal, by name or id; returned as its id."""
    group = model.organization(value)
    if group is None or group.state != "active" or not group.is_organization:
        raise tk.Invalid(_("Organización desconocida"))
    return group.id


def organization_name(value: Any) -> str:
    """A filter by organization: its name (an unknown one simply matches nothing)."""
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9_-]{0,100}", value.strip()):
        raise tk.Invalid(_("Organización desconocida"))
    return value.strip()


def legal_bases(value: Any) -> list[str]:
    """Codes of legal exceptions: a list, or text separated by commas, semicolons or
    spaces; each must be one of :data:`fases.LEGAL_BASES`."""
    if isinstance(value, str):
        codes = [code for code in re.split(r"[\s,;]+", value) if code]
    elif isinstance(value, list) and all(isinstance(code, str) for code in value):
        codes = [code.strip() for code in value if code.strip()]
    else:
        raise tk.Invalid(_("Debe ser una lista de bases legales"))
    unknown = [code for code in codes if code not in fases.LEGAL_BASES]
    if unknown:
        raise tk.Invalid(_("Base legal desconocida: {codigos}. Use una de {valores}").format(
            codigos=", ".join(unknown), valores=", ".join(fases.LEGAL_BASES)))
    return list(dict.fromkeys(codes))


def legal_basis_when_withheld(key: FlattenKey, data: FlattenDataDict,
                              errors: FlattenErrorDict, context: Context) -> None:
    """A reserved candidate, or one published only after anonymisation, cites the
    exception of Ley 27806 or Ley 29733 that allows withholding it."""
    if data.get(("outcome",)) in fases.NEEDS_LEGAL_BASIS and not data.get(key):
        errors[key].append(_("Cite la base legal: una información reservada o publicable "
                             "tras anonimización necesita al menos una excepción de la "
                             "Ley 27806 o de la Ley 29733"))


def boolean(value: Any) -> bool:
    """true/false, yes/no, 1/0 (as JSON or as text); anything else is refused."""
    if value in (None, ""):
        return False
    try:
        return tk.asbool(value)
    except ValueError:
        raise tk.Invalid(_("Use true o false")) from None


def process_create() -> Schema:
    return {
        "organization": [required(_("Indique la Gerencia")), organization],
        "name": [required(_("Indique el nombre del proceso")), text(200)],
        "description": [tk.get_validator("ignore_missing"), text(2000)],
    }


def candidate_create() -> Schema:
    return {
        "organization": [required(_("Indique la Gerencia")), organization],
        "process": [required(_("Indique el proceso que produce la información")), text(200)],
        "title": [required(_("Indique la información")), text(300)],
        "description": [tk.get_validator("ignore_missing"), text(4000)],
        "sample": [tk.get_validator("ignore_missing"), boolean],
    }


def candidate_update() -> Schema:
    ignore = tk.get_validator("ignore_missing")
    return {
        "id": [required(_("Falta el candidato")), text(100)],
        "organization": [ignore, organization],
        "process": [ignore, text(200)],
        "title": [ignore, required(_("Indique la información")), text(300)],
        "description": [ignore, text(4000)],
        "dataset": [ignore, text(100)],
    }


def candidate_analyse() -> Schema:
    return {
        "id": [required(_("Falta el candidato")), text(100)],
        "outcome": [required(_("Elija el resultado del análisis legal")),
                    one_of(fases.OUTCOMES)],
        "legal_basis": [tk.get_validator("default")([]), legal_bases,
                        legal_basis_when_withheld],
        "legal_notes": [tk.get_validator("ignore_missing"), text(4000)],
    }


def vote_create() -> Schema:
    return {
        "id": [required(_("Falta el candidato")), text(100)],
        "workshop": [required(_("Indique el taller")), text(200)],
        "held_on": [required(_("Indique la fecha del taller")), grll_iso_date],
        "voter_kind": [required(_("Indique si vota un funcionario o la sociedad civil")),
                       one_of(fases.VOTER_KINDS)],
        "voter": [required(_("Indique quién vota (nombre y organización)")), text(200)],
        "score": [required(_("Indique el puntaje")), int_between(1, 5)],
    }


def candidate_prioritise() -> Schema:
    return {
        "id": [required(_("Falta el candidato")), text(100)],
        "target_date": [required(_("Indique la fecha meta de publicación")), grll_iso_date],
    }


def candidate_show() -> Schema:
    return {"id": [required(_("Falta el candidato")), text(100)]}


def candidate_list() -> Schema:
    ignore = tk.get_validator("ignore_missing")
    return {
        "organization": [ignore, organization_name],
        "phase": [ignore, one_of(fases.PHASES)],
        "outcome": [ignore, one_of(fases.OUTCOMES)],
        "origin": [ignore, one_of(fases.ORIGINS)],
        "late": [ignore, boolean],
        "limit": [tk.get_validator("default")(100), int_between(1, MAX_RESULTS)],
        "offset": [tk.get_validator("default")(0), int_between(0, 10**6)],
    }
