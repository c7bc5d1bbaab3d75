"""grll_agro: the "agro" commitment of the portal."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll import cli as grll_cli
from ckanext.grll.domains.agro import chacra, cli
from ckanext.grll.domains.agro.harvester import AgroHarvester
from ckanext.grll.domains.base import DomainPluginMixin
from ckanext.harvest.interfaces import IHarvester


@tk.blanket.actions
@tk.blanket.auth_functions
@tk.blanket.blueprints
@tk.blanket.config_declarations
class AgroPlugin(DomainPluginMixin, AgroHarvester, p.SingletonPlugin):
    p.implements(IHarvester)
    p.implements(p.IConfigurer)
    p.implements(p.IClick)

    DOMAIN = "agro"

    def update_config(self, config: object) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")

    def get_commands(self) -> list:
        # A subcommand of the portal's `ckan grll` group (registered by grll_theme).
        grll_cli.grll.add_command(cli.agro)
        return []

    def grll_feedback_after_create(self, report: dict) -> None:
        chacra.registrar(report)
