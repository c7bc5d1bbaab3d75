"""grll_ogp: the open-government action plan (``/gobierno-abierto``).

The commitments of the OGP subnational pilot with their milestones, evidence,
assessments and live indicators, and the Open Government Committee; all of it in the
JSON API (``grll_ogp_*``) and as open data. Wiring only; see the modules beside this.
"""
from __future__ import annotations

from pathlib import Path

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation

from ckanext.grll.ogp import helpers, views
from ckanext.grll.ogp.logic import action, auth

HERE = Path(__file__).resolve().parent


@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.helpers(helpers.get_helpers)
@tk.blanket.blueprints(views.get_blueprints)
@tk.blanket.config_declarations
class GrllOgpPlugin(DefaultTranslation, p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)

    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")

    def i18n_directory(self) -> str:
        return str(HERE / "i18n")

    def i18n_domain(self) -> str:
        return "ckanext-grll_ogp"

