"""grll_agro: the "agro" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.agro.harvester import AgroHarvester
from ckanext.grll.domains.base import DomainPluginMixin
from ckanext.harvest.interfaces import IHarvester


class AgroPlugin(DomainPluginMixin, AgroHarvester, p.SingletonPlugin):
    p.implements(IHarvester)

    DOMAIN = "agro"
