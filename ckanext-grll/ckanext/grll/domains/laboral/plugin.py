"""grll_laboral: the "laboral" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.base import DomainPluginMixin


class LaboralPlugin(DomainPluginMixin, p.SingletonPlugin):
    DOMAIN = "laboral"
