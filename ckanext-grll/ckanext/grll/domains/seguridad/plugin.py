"""grll_seguridad: the "seguridad" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.base import DomainPluginMixin
from ckanext.grll.domains.seguridad.harvester import DenunciasHarvester
from ckanext.harvest.interfaces import IHarvester


class SeguridadPlugin(DomainPluginMixin, DenunciasHarvester, p.SingletonPlugin):
    p.implements(IHarvester)

    DOMAIN = "seguridad"
