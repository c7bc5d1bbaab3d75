"""What the four commitment plugins share: one mixin, differences in class constants."""
from __future__ import annotations

import inspect
from pathlib import Path

import ckan.plugins as p
from ckan.lib.plugins import DefaultTranslation

from ckanext.grll.feedback.interfaces import IGrllDomain


class DomainPluginMixin(DefaultTranslation):
    """Base of the four commitment plugins (never registered as an entry point itself).

    Subclasses set :attr:`DOMAIN`; their ``domain.yaml`` sits beside their
    ``plugin.py`` and configures the citizen feedback engine. Each commitment
    keeps its own texts in ``i18n/<lang>/LC_MESSAGES/ckanext-grll_<domain>.po``
    beside its ``plugin.py`` (msgids in Spanish, like the rest of the portal).
    """

    # Copied into each plugin class by CKAN's plugin metaclass.
    p.implements(IGrllDomain)
    p.implements(p.ITranslation)

    #: The commitment's short name: seguridad, agua, agro or laboral.
    DOMAIN: str = ""

    def grll_domain_name(self) -> str:
        return self.DOMAIN

    def grll_domain_config_path(self) -> Path:
        return Path(inspect.getfile(type(self))).with_name("domain.yaml")

    def i18n_directory(self) -> str:
        return str(Path(inspect.getfile(type(self))).with_name("i18n"))

    def i18n_domain(self) -> str:
        return f"ckanext-grll_{self.DOMAIN}"

    # The engine's hooks (IGrllDomain): nothing to do unless a commitment needs it.
    def grll_feedback_after_create(self, report: dict) -> None:
        pass

    def grll_feedback_after_status_change(self, report: dict, previous_status: str) -> None:
        pass

    def grll_feedback_responsible(self, category: str, ubigeo: str,
                                  answers: dict) -> str | None:
        return None

    def grll_domain_periodic(self) -> str:
        return ""
