"""grll_laboral: the "laboral" commitment of the portal (Sistema de Información Laboral)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll import cli as grll_cli
from ckanext.grll.domains.base import DomainPluginMixin
from ckanext.grll.domains.laboral import cli, config, demostracion, helpers, ofertas, views
from ckanext.grll.domains.laboral.harvester import EmpleosHarvester
from ckanext.grll.domains.laboral.logic import action, auth
from ckanext.harvest.interfaces import IHarvester


class LaboralPlugin(DomainPluginMixin, EmpleosHarvester, p.SingletonPlugin):
    p.implements(IHarvester)
    p.implements(p.IConfigurer)
    p.implements(p.IConfigDeclaration)
    p.implements(p.IBlueprint)
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.IClick)
    p.implements(p.ITemplateHelpers)

    DOMAIN = "laboral"

    def update_config(self, config_: tk.CKANConfig) -> None:
        tk.add_template_directory(config_, "templates")
        tk.add_public_directory(config_, "public")

    def declare_config_options(self, declaration, key) -> None:
        declaration.load_dict(config.declaration())

    def get_blueprint(self) -> list:
        return [views.grll_laboral]

    def get_actions(self) -> dict[str, object]:
        return action.get_actions()

    def get_auth_functions(self) -> dict[str, object]:
        return auth.get_auth_functions()

    def get_commands(self) -> list:
        # A subcommand of the portal's `ckan grll` group (registered by grll_theme).
        grll_cli.grll.add_command(cli.laboral)
        return []

    def get_helpers(self) -> dict[str, object]:
        return helpers.get_helpers()

    def grll_domain_periodic(self) -> str:
        # This month's demonstration sample while it is on, harvested offers into
        # search, closed offers marked "vencida" in open data.
        sample = demostracion.mantener() if config.muestra_demostrativa() else ""
        return "; ".join(filter(None, [sample, ofertas.periodic()]))
