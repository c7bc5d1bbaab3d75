"""grll_agua: the "agua" commitment of the portal (safe water)."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.agua import invitations, routing
from ckanext.grll.domains.agua.harvester import CalidadAguaHarvester
from ckanext.grll.domains.base import CommitmentPlugin


class AguaPlugin(CommitmentPlugin, CalidadAguaHarvester, p.SingletonPlugin):
    DOMAIN = "agua"

    def grll_feedback_responsible(self, category: str, ubigeo: str,
                                  answers: dict) -> str | None:
        return routing.responsible(ubigeo, answers)

    def grll_feedback_after_status_change(self, report: dict, previous_status: str) -> None:
        invitations.invite_to_rate(report, previous_status)
