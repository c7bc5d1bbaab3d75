"""grll_apertura: the data-opening inventory (/apertura, issue 20).

Each Gerencia's processes and the information they produce, its legal analysis, the
workshop that prioritises it and its publication as a dataset; citizens' data
requests enter as candidates. Tables in ``migration/grll_apertura``.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll.apertura import helpers, publicacion, solicitudes, views
from ckanext.grll.apertura.logic import action, auth
from ckanext.grll.rooms import RoomPlugin


def apertura_actions() -> dict[str, Any]:
    """Our actions, and grll_catalog's data-request creation chained (where it runs)
    so that each request enters the inventory."""
    chained = ({"grll_catalog_data_request_create": solicitudes.grll_catalog_data_request_create}
               if p.plugin_loaded("grll_catalog") else {})
    return {**action.get_actions(), **chained}


@tk.blanket.actions(apertura_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.helpers(helpers.get_helpers)
@tk.blanket.blueprints([views.apertura])
@tk.blanket.config_declarations
class GrllAperturaPlugin(RoomPlugin, p.SingletonPlugin):
    """Wiring only; see the modules of this package."""

    ROOM = "apertura"
    p.implements(p.IPackageController, inherit=True)

    # A linked dataset made public (or deleted) changes what the inventory says.
    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        if publicacion.linked_to(pkg_dict.get("id", "")):
            publicacion.refresh()

    def after_dataset_delete(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        self.after_dataset_update(context, pkg_dict)
