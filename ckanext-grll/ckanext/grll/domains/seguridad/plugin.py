"""grll_seguridad: the "seguridad" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.base import DomainPluginMixin


class SeguridadPlugin(DomainPluginMixin, p.SingletonPlugin):
    DOMAIN = "seguridad"
