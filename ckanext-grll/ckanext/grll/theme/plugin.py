"""grll_theme: the portal's look, home page, Spanish texts, API docs and CLI, and the
return to the page a person came from after logging in (login_return.py).

The citizen-feedback engine is another plugin, grll_feedback (feedback/plugin.py).
"""
from __future__ import annotations

import os
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation

from ckanext.grll import cli, helpers, validators
from ckanext.grll.theme import (
    compression,
    datastore_sql,
    http_security,
    static_files,
    views,
)
from ckanext.grll.theme import helpers as theme_helpers

I18N_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n")


def theme_and_portal_helpers() -> dict[str, Any]:
    """The theme's helpers and the portal-wide ones of ckanext/grll/helpers.py."""
    return {**helpers.get_helpers(), **theme_helpers.get_helpers()}


@tk.blanket.helpers(theme_and_portal_helpers)
@tk.blanket.validators(validators.get_validators)
@tk.blanket.cli(cli.get_commands)
@tk.blanket.blueprints([views.grll_theme])
@tk.blanket.config_declarations
class GrllThemePlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.IActions)

    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "grll")
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

    def get_actions(self) -> dict[str, object]:
        # Chaining an action that is not there stops CKAN: only with the DataStore's
        # SQL search on.
        if p.plugin_loaded("datastore") and tk.config.get("ckan.datastore.sqlsearch.enabled"):
            return {"datastore_search_sql": datastore_sql.datastore_search_sql}
        return {}
