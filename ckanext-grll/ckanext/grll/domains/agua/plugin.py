"""grll_agua: the "agua" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll.domains.agua import actions, helpers, invitations, routing, views
from ckanext.grll.domains.agua.harvester import CalidadAguaHarvester
from ckanext.grll.domains.base import DomainPluginMixin
from ckanext.harvest.interfaces import IHarvester


@tk.blanket.config_declarations
class AguaPlugin(DomainPluginMixin, CalidadAguaHarvester, p.SingletonPlugin):
    p.implements(IHarvester)
    p.implements(p.IConfigurer)
    p.implements(p.IBlueprint)
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.ITemplateHelpers)

    DOMAIN = "agua"

    def update_config(self, config: object) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")

    def get_blueprint(self) -> list[object]:
        return [views.agua]

    def get_actions(self) -> dict[str, object]:
        return actions.get_actions()

    def get_auth_functions(self) -> dict[str, object]:
        return actions.get_auth_functions()

    def get_helpers(self) -> dict[str, object]:
        return helpers.get_helpers()

    def grll_feedback_responsible(self, category: str, ubigeo: str,
                                  answers: dict) -> str | None:
        return routing.responsible(ubigeo, answers)

    def grll_feedback_after_status_change(self, report: dict, previous_status: str) -> None:
        invitations.invite_to_rate(report, previous_status)
