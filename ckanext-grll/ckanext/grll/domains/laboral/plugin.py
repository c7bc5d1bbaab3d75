"""grll_laboral: the "laboral" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.base import DomainPluginMixin
from ckanext.grll.domains.laboral.harvester import EmpleosHarvester
from ckanext.harvest.interfaces import IHarvester


class LaboralPlugin(DomainPluginMixin, EmpleosHarvester, p.SingletonPlugin):
    p.implements(IHarvester)

    DOMAIN = "laboral"
