"""The plugin interface through which commitment plugins configure the engine."""
from __future__ import annotations

from pathlib import Path

import ckan.plugins as p
from ckan.exceptions import CkanConfigurationException
from ckan.plugins.interfaces import Interface

#: The plugin that registers the engine's actions, pages and tables.
ENGINE_PLUGIN = "grll_feedback"


def require_engine(plugin: str) -> None:
    """Stop the start of a portal whose commitment ``plugin`` has no engine to configure.

    Without it the commitment's forms and figures would fail later, one request at a
    time, on a missing action or helper.
    """
    if not p.plugin_loaded(ENGINE_PLUGIN):
        raise CkanConfigurationException(
            f"{plugin} needs the citizen-feedback engine: add {ENGINE_PLUGIN} to"
            f" ckan.plugins (right after grll_theme)")


class IGrllDomain(Interface):
    """A commitment that receives citizen reports.

    The engine discovers the enabled domains with
    ``PluginImplementations(IGrllDomain)``; a disabled plugin's categories
    disappear from forms, actions and Open311 alike.
    """

    def grll_domain_name(self) -> str:
        """The domain's short name (``seguridad``, ``agua``, ``agro``, ``laboral``)."""
        raise NotImplementedError

    def grll_domain_config_path(self) -> Path:
        """Path of the domain's ``domain.yaml`` (feedback configuration)."""
        raise NotImplementedError

    def grll_feedback_responsible(self, category: str, ubigeo: str,
                                  answers: dict) -> str | None:
        """The organization that must act on a new report of this domain, when the
        commitment knows it better than the category's routing (e.g. the water
        provider of the district and locality).

        Return None, or a name that is not an organization of the portal, to keep
        the category's routing (``responsible_org`` / ``responsible_by_district``).
        Otherwise that routed organization oversees the report: its staff still see
        and answer it. Optional: the engine skips plugins without this method.
        """
        return None

    def grll_feedback_after_create(self, report: dict) -> None:
        """Called once a new report of this domain is stored (``report`` is the staff
        view: it holds contact data, so never publish it as it is)."""

    def grll_feedback_after_status_change(self, report: dict, previous_status: str) -> None:
        """Called once a report of this domain moved along its lifecycle (staff view),
        e.g. to invite the citizen to rate the provider when it is resolved."""

    def grll_domain_periodic(self) -> str:
        """Run the commitment's periodic work (``ckan grll periodicas``, every few
        minutes from the scheduler), e.g. expiring job offers; returns one line
        saying what was done (empty if nothing)."""
