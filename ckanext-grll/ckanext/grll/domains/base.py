"""What the four commitment plugins share: one mixin, differences in class constants."""
from __future__ import annotations

import inspect
from pathlib import Path

import ckan.plugins as p

from ckanext.grll.feedback.interfaces import IGrllDomain


class DomainPluginMixin:
    """Base of the four commitment plugins (never registered as an entry point itself).

    Subclasses set :attr:`DOMAIN`; their ``domain.yaml`` sits beside their
    ``plugin.py`` and configures the citizen feedback engine.
    """

    # Copied into each plugin class by CKAN's plugin metaclass.
    p.implements(IGrllDomain)

    #: The commitment's short name: seguridad, agua, agro or laboral.
    DOMAIN: str = ""

    def grll_domain_name(self) -> str:
        return self.DOMAIN

    def grll_domain_config_path(self) -> Path:
        return Path(inspect.getfile(type(self))).with_name("domain.yaml")
