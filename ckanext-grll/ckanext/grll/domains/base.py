"""What the four commitment plugins share: one base, differences in class constants.

Every commitment keeps the same files beside its ``plugin.py`` (see CONTRIBUTING.md):
``logic/action.py`` (``get_actions``), ``logic/auth.py`` (``get_auth_functions``),
``views.py`` (its blueprints), ``config_declaration.yaml``, ``domain.yaml``,
``templates/``, ``public/`` and ``i18n/``; ``helpers.py`` (``get_helpers``) and
``cli.py`` (a click group named after the commitment) when it has them. The base
wires them, so a commitment's ``plugin.py`` holds only what is its own.
"""
from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import ckan.plugins as p
import flask
import yaml

from ckanext.grll.feedback.interfaces import IGrllDomain, require_engine
from ckanext.grll.harvesting import queue_connection
from ckanext.grll.rooms import RoomPlugin
from ckanext.harvest.interfaces import IHarvester


class CommitmentPlugin(RoomPlugin):
    """Base of the four commitment plugins (never registered as an entry point itself).

    Subclasses set :attr:`DOMAIN` and mix in their harvester class; their
    ``domain.yaml`` configures the citizen feedback engine. Each commitment keeps
    its own texts in ``i18n/<lang>/LC_MESSAGES/ckanext-grll_<domain>.po`` (msgids
    in Spanish, like the rest of the portal). Actions are registered only under
    ``grll_<domain>_``: any other name stops the portal at start.
    """

    # Copied into each plugin class by CKAN's plugin metaclass.
    p.implements(IGrllDomain)
    p.implements(p.ITranslation)
    p.implements(IHarvester)
    p.implements(p.IConfigurer)
    p.implements(p.IConfigDeclaration)
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.IBlueprint)
    p.implements(p.ITemplateHelpers)
    p.implements(p.IClick)

    #: The commitment's short name: seguridad, agua, agro or laboral.
    DOMAIN: str = ""

    # --- the commitment's files ---------------------------------------------
    def room_name(self) -> str:
        return self.DOMAIN

    def _module(self, name: str) -> ModuleType | None:
        """``<commitment>.<name>``, or None when the commitment has no such module."""
        package = type(self).__module__.rsplit(".", 1)[0]
        if importlib.util.find_spec(f"{package}.{name.split('.')[0]}") is None:
            return None
        return importlib.import_module(f"{package}.{name}")

    def update_config(self, config: Any) -> None:
        require_engine(f"grll_{self.DOMAIN}")
        queue_connection.wait_on_idle_queues()
        super().update_config(config)

    def declare_config_options(self, declaration: Any, key: Any) -> None:
        path = self.room_folder() / "config_declaration.yaml"
        declaration.load_dict(yaml.safe_load(path.read_text(encoding="utf-8")))

    def get_actions(self) -> dict[str, Any]:
        actions = self._module("logic.action").get_actions()
        stray = sorted(n for n in actions if not n.startswith(f"grll_{self.DOMAIN}_"))
        if stray:
            raise ValueError(f"grll_{self.DOMAIN} registers actions outside its prefix"
                             f" grll_{self.DOMAIN}_: {', '.join(stray)}")
        return actions

    def get_auth_functions(self) -> dict[str, Any]:
        return self._module("logic.auth").get_auth_functions()

    def get_blueprint(self) -> list[flask.Blueprint]:
        views = self._module("views")
        return [v for v in vars(views).values() if isinstance(v, flask.Blueprint)]

    def get_helpers(self) -> dict[str, Any]:
        helpers = self._module("helpers")
        return helpers.get_helpers() if helpers else {}

    def get_commands(self) -> list:
        cli = self._module("cli")
        if cli is not None:
            # A subcommand of the portal's `ckan grll` group (registered by grll_theme).
            from ckanext.grll import cli as grll_cli

            grll_cli.grll.add_command(getattr(cli, self.DOMAIN))
        return []

    # --- IGrllDomain ----------------------------------------------------------
    def grll_domain_name(self) -> str:
        return self.DOMAIN

    def grll_domain_config_path(self) -> Path:
        return self.room_folder() / "domain.yaml"

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
