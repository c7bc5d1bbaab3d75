"""grll_agua: the "agua" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.agua.harvester import CalidadAguaHarvester
from ckanext.grll.domains.base import DomainPluginMixin
from ckanext.harvest.interfaces import IHarvester


class AguaPlugin(DomainPluginMixin, CalidadAguaHarvester, p.SingletonPlugin):
    p.implements(IHarvester)

    DOMAIN = "agua"
