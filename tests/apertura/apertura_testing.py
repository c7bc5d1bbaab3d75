"""Helpers of the data-opening inventory tests (imported by module name)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

GERENCIA = "gerencia-regional-transportes"


def act(user: dict, action: str, **data_dict: Any) -> Any:
    return tk.get_action(action)({"user": user["name"]}, data_dict)


def new_candidate(people: dict, title: str = "Licencias de conducir emitidas por mes",
                  **changes: Any) -> dict:
    return act(people["editor"], "grll_apertura_candidate_create", **{
        "organization": GERENCIA, "process": "Emisión de licencias de conducir",
        "title": title, "description": "Licencias por categoría, mes y provincia.",
        **changes})


def prioritised(people: dict, target_date: str, title: str = "Accidentes de tránsito"
                ) -> dict:
    """A candidate taken through the three phases, with two votes."""
    candidate = new_candidate(people, title=title)
    secretaria = people["secretaria"]
    act(secretaria, "grll_apertura_candidate_analyse", id=candidate["id"],
        outcome="publicable")
    for voter, kind, score in (("Ana Ruiz, GRT", "funcionario", 4),
                               ("Luis Paz, CODESCILL", "sociedad_civil", 5)):
        act(secretaria, "grll_apertura_vote_create", id=candidate["id"],
            workshop="Taller de priorización 2026-II", held_on="2026-10-15",
            voter_kind=kind, voter=voter, score=score)
    return act(secretaria, "grll_apertura_candidate_prioritise", id=candidate["id"],
               target_date=target_date)
