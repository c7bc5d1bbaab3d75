"""grll_feedback: the citizen-feedback engine the four commitments configure.

Reports, their moderation and publication, Open311, and their tables
(``migration/grll_feedback``). The commitments describe their categories in their
``domain.yaml`` and reach the engine through
:class:`~ckanext.grll.feedback.interfaces.IGrllDomain`.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll import cli as grll_cli
from ckanext.grll.feedback import cli, helpers, views
from ckanext.grll.feedback.logic import action, auth, validators


@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.validators(validators.get_validators)
@tk.blanket.helpers(helpers.get_helpers)
@tk.blanket.blueprints(views.get_blueprints)
@tk.blanket.config_declarations
class GrllFeedbackPlugin(p.SingletonPlugin):
    """Wiring only; see the modules of this package."""

    p.implements(p.IConfigurer)
    p.implements(p.IClick)

    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")

    def get_commands(self) -> list[Any]:
        # `ckan grll feedback`: a subgroup of the portal's `ckan grll` (grll_theme's).
        grll_cli.grll.add_command(cli.feedback)
        return []
