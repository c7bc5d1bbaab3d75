"""The three phases of the data-opening process and the states computed from them.

Phase 1 (identificado): a Gerencia lists a process and the information it produces, or a
citizen's data request arrives. Phase 2 (analizado): the Open Government secretariat
records the legal analysis, with the legal basis cited when anything is withheld.
Phase 3 (priorizado): a workshop of officials and civil society votes and the
secretariat gives the candidate a target date. "publicado" and "con retraso" are never
typed: they follow from the linked dataset and the dates.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ckan.plugins.toolkit import _

OUTCOMES = ("publicable", "publicable_anonimizacion", "reservada")
#: Outcomes that withhold something, so they must cite the law that allows it.
NEEDS_LEGAL_BASIS = ("publicable_anonimizacion", "reservada")
ORIGINS = ("gerencia", "solicitud_ciudadana")
VOTER_KINDS = ("funcionario", "sociedad_civil")
PHASES = ("identificado", "analizado", "priorizado", "publicado")

#: The exceptions a legal analysis may cite: TUO of Ley 27806 (DS 021-2019-JUS), arts.
#: 15 to 17, and Ley 29733 on personal data.
LEGAL_BASES = (
    "ley27806_art15", "ley27806_art16", "ley27806_art17_1", "ley27806_art17_2",
    "ley27806_art17_3", "ley27806_art17_4", "ley27806_art17_5", "ley27806_art17_6",
    "ley29733_datos_personales", "ley29733_datos_sensibles",
)


def outcome_labels() -> dict[str, str]:
    return {"publicable": _("Publicable"),
            "publicable_anonimizacion": _("Publicable tras anonimización"),
            "reservada": _("Reservada")}


def origin_labels() -> dict[str, str]:
    return {"gerencia": _("Inventario de la Gerencia"),
            "solicitud_ciudadana": _("Solicitud ciudadana")}


def voter_kind_labels() -> dict[str, str]:
    return {"funcionario": _("Funcionario"), "sociedad_civil": _("Sociedad civil")}


def phase_labels() -> dict[str, str]:
    return {"identificado": _("Identificado"), "analizado": _("Analizado"),
            "priorizado": _("Priorizado"), "publicado": _("Publicado")}


def legal_basis_labels() -> dict[str, str]:
    return {
        "ley27806_art15": _("Ley 27806, art. 15: información secreta (defensa nacional, "
                            "inteligencia)"),
        "ley27806_art16": _("Ley 27806, art. 16: información reservada (orden interno, "
                            "relaciones externas)"),
        "ley27806_art17_1": _("Ley 27806, art. 17.1: información confidencial de "
                              "carácter deliberativo"),
        "ley27806_art17_2": _("Ley 27806, art. 17.2: secreto bancario, tributario, "
                              "comercial, industrial o tecnológico"),
        "ley27806_art17_3": _("Ley 27806, art. 17.3: investigación de un procedimiento "
                              "sancionador en trámite"),
        "ley27806_art17_4": _("Ley 27806, art. 17.4: información preparada por asesores "
                              "jurídicos"),
        "ley27806_art17_5": _("Ley 27806, art. 17.5: datos personales cuya publicidad "
                              "invade la intimidad personal y familiar"),
        "ley27806_art17_6": _("Ley 27806, art. 17.6: otra excepción establecida por la "
                              "Constitución o por ley"),
        "ley29733_datos_personales": _("Ley 29733: datos personales sin consentimiento de "
                                       "su titular"),
        "ley29733_datos_sensibles": _("Ley 29733, art. 2.5: datos sensibles (salud, "
                                      "origen, vida sexual, entre otros)"),
    }


def change_labels() -> dict[str, str]:
    """What an activity of the inventory says was done."""
    return {"identificado": _("nuevo candidato"), "solicitado": _("solicitud ciudadana"),
            "corregido": _("corrección"), "vinculado": _("conjunto de datos vinculado"),
            "analizado": _("análisis legal"), "votado": _("voto del taller"),
            "priorizado": _("priorización")}


def phase(candidate: dict[str, Any], published: bool) -> str:
    """The furthest phase the candidate reached."""
    if published:
        return "publicado"
    if candidate.get("prioritised_at"):
        return "priorizado"
    if candidate.get("outcome"):
        return "analizado"
    return "identificado"


def is_late(candidate: dict[str, Any], published: bool, today: dt.date | None = None) -> bool:
    """Con retraso: prioritised, past its target date and not yet published."""
    target = candidate.get("target_date")
    return bool(candidate.get("prioritised_at") and target and not published
                and target < (today or dt.date.today()))
