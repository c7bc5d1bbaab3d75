"""grll_agro: the "agro" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.base import DomainPluginMixin


class AgroPlugin(DomainPluginMixin, p.SingletonPlugin):
    DOMAIN = "agro"
