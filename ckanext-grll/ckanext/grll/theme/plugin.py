"""grll_theme: the portal's look, home page, Spanish texts, API docs and CLI."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import yaml
from ckan.lib.plugins import DefaultTranslation

from ckanext.grll import cli, helpers, validators
from ckanext.grll.feedback import cli as feedback_cli
from ckanext.grll.feedback import config as feedback_config
from ckanext.grll.feedback import helpers as feedback_helpers
from ckanext.grll.feedback import views as feedback_views
from ckanext.grll.feedback.logic import action as feedback_action
from ckanext.grll.feedback.logic import auth as feedback_auth
from ckanext.grll.feedback.logic import validators as feedback_validators
from ckanext.grll.theme import compression, datastore_sql, http_security, static_files, views
from ckanext.grll.theme import helpers as theme_helpers

I18N_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n")
CONFIG_DECLARATION = Path(__file__).with_name("config_declaration.yaml")


class GrllThemePlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.ITemplateHelpers)
    p.implements(p.IValidators)
    p.implements(p.IClick)
    p.implements(p.IBlueprint)
    p.implements(p.IMiddleware, inherit=True)
    # The citizen feedback engine shared by the four commitments.
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.IConfigDeclaration)

    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "grll")
        tk.add_template_directory(config, "../feedback/templates")
        tk.add_public_directory(config, "../feedback/public")
        config.update(http_security.cookie_settings(config))

    def make_middleware(self, app: Any, config: Any) -> Any:
        # CKAN hands the first plugin its Flask app: gzip for phones on weak signal
        # (compression.py), security headers and the client address (http_security.py),
        # a year in the browser's cache for fingerprinted static files (static_files.py).
        if hasattr(app, "after_request"):
            app.after_request(compression.gzip_response)
            static_files.install(app)
            http_security.install(app, config)
        return app

    def i18n_directory(self) -> str:
        return I18N_DIR

    def i18n_domain(self) -> str:
        return "ckanext-grll"

    def get_helpers(self) -> dict[str, object]:
        return {**helpers.get_helpers(), **theme_helpers.get_helpers(),
                **feedback_helpers.get_helpers()}

    def get_validators(self) -> dict[str, object]:
        return {**validators.get_validators(), **feedback_validators.get_validators()}

    def get_commands(self) -> list:
        cli.grll.add_command(feedback_cli.feedback)
        return cli.get_commands()

    def get_blueprint(self) -> list:
        return [views.grll_theme, *feedback_views.get_blueprints()]

    def get_actions(self) -> dict[str, object]:
        actions = feedback_action.get_actions()
        # Chaining an action that is not there stops CKAN: only with the DataStore's
        # SQL search on.
        if p.plugin_loaded("datastore") and tk.config.get("ckan.datastore.sqlsearch.enabled"):
            actions["datastore_search_sql"] = datastore_sql.datastore_search_sql
        return actions

    def get_auth_functions(self) -> dict[str, object]:
        return feedback_auth.get_auth_functions()

    def declare_config_options(self, declaration, key) -> None:
        declaration.load_dict(feedback_config.declaration())
        declaration.load_dict(yaml.safe_load(CONFIG_DECLARATION.read_text(encoding="utf-8")))
