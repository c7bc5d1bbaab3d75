"""grll_agua: the "agua" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.base import DomainPluginMixin


class AguaPlugin(DomainPluginMixin, p.SingletonPlugin):
    DOMAIN = "agua"
