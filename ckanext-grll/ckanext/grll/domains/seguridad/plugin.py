"""grll_seguridad: the "seguridad" commitment of the portal."""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll.domains.base import DomainPluginMixin
from ckanext.grll.domains.seguridad import autoridad, config, resumen, views
from ckanext.grll.domains.seguridad.categorias import CITIZEN
from ckanext.grll.domains.seguridad.harvester import DenunciasHarvester
from ckanext.grll.domains.seguridad.logic import action, auth
from ckanext.harvest.interfaces import IHarvester


class SeguridadPlugin(DomainPluginMixin, DenunciasHarvester, p.SingletonPlugin):
    p.implements(IHarvester)
    p.implements(p.IConfigurer)
    p.implements(p.IConfigDeclaration)
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.IBlueprint)
    p.implements(p.ITemplateHelpers)

    DOMAIN = "seguridad"

    def update_config(self, config_: Any) -> None:
        tk.add_template_directory(config_, "templates")
        tk.add_public_directory(config_, "public")

    def declare_config_options(self, declaration: Any, key: Any) -> None:
        declaration.load_dict(config.declaration())

    def get_actions(self) -> dict[str, Any]:
        return action.get_actions()

    def get_auth_functions(self) -> dict[str, Any]:
        return auth.get_auth_functions()

    def get_blueprint(self) -> list[Any]:
        return [views.grll_seguridad]

    def get_helpers(self) -> dict[str, Any]:
        return {"grll_seguridad_autoridad": autoridad.autoridad}

    def grll_feedback_responsible(self, category: str, ubigeo: str,
                                  answers: dict) -> str | None:
        found = autoridad.autoridad(category, ubigeo)
        return found.organizacion if found else None

    # A report that becomes public, changes or is hidden changes the citizen figures.
    def grll_feedback_after_status_change(self, report: dict, previous_status: str) -> None:
        resumen.mark_stale(CITIZEN)
