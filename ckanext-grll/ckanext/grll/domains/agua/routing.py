"""Which provider must fix a water problem, and which organization answers for it.

A report names a district and, optionally, the locality (town, centro poblado or
caserío) the citizen typed. The provider is the one of the registry serving that
district whose localities include it; a locality no provider names is rural,
served by the district's JASS; without a locality, the district's urban provider
(EPS, else the municipal operator). An EPS or municipal operator answers through
the portal organization named like its registry id; a JASS through the technical
unit (ATM) of the municipality that supervises it. Where no such organization
exists the engine keeps the category's routing (the Gerencia).
"""
from __future__ import annotations

import unicodedata
from typing import Any

from ckanext.grll.domains.agua import registry
from ckanext.grll.domains.agua.registry import Prestador
from ckanext.grll.feedback.shared import Report

#: The question of every water category that names the locality.
LOCALITY_QUESTION = "localidad"
URBAN_ORDER = ("eps", "municipal", "jass")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in _plain(text)).split())


def provider_for(ubigeo: str, localidad: str | None = None,
                 serving: list[Prestador] | None = None) -> Prestador | None:
    """The provider that must fix a problem in this district and locality."""
    serving = registry.serving(ubigeo) if serving is None else serving
    if not serving:
        return None
    if localidad and localidad.strip():
        wanted = _plain(localidad)
        for provider in serving:
            if any(_plain(name) == wanted for name in provider.localidades):
                return provider
        rural = [p for p in serving if p.grupo == "jass"]
        if rural:
            return rural[0]
    return min(serving, key=lambda p: (URBAN_ORDER.index(p.grupo)
                                       if p.grupo in URBAN_ORDER else len(URBAN_ORDER), p.id))


def organization_for(provider: Prestador) -> str:
    """The portal organization through which the provider answers reports."""
    if provider.grupo == "jass":
        municipality = provider.supervision.split("(")[0]
        return _slug(municipality)
    return provider.id


def responsible(ubigeo: str, answers: dict[str, object]) -> str | None:
    """The organization that must act on a water report (the engine's hook)."""
    provider = provider_for(ubigeo, str(answers.get(LOCALITY_QUESTION) or ""))
    return organization_for(provider) if provider else None


def providers_to_rate(report: dict[str, Any]) -> list[Prestador]:
    """The providers the citizen of a resolved report is invited to rate: the one the
    report was routed to when its organization answers it, else every provider of the
    district.

    A municipality answers for its own service and for the JASS it supervises: the
    report's locality (kept private, only used here to choose) tells them apart."""
    serving = registry.serving(report["ubigeo"])
    routed = [p for p in serving if organization_for(p) == report.get("organizacion")]
    if len(routed) > 1:
        stored = Report.by_code(report["codigo"])
        locality = (stored.answers or {}).get(LOCALITY_QUESTION) if stored else None
        chosen = provider_for(report["ubigeo"], locality, routed)
        routed = [chosen] if chosen else routed
    return routed or serving
