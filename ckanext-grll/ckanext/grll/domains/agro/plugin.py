"""grll_agro: the "agro" commitment of the portal (the agricultural market)."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.agro import chacra
from ckanext.grll.domains.agro.harvester import AgroHarvester
from ckanext.grll.domains.base import CommitmentPlugin


class AgroPlugin(CommitmentPlugin, AgroHarvester, p.SingletonPlugin):
    DOMAIN = "agro"

    def grll_feedback_after_create(self, report: dict) -> None:
        chacra.registrar(report)
