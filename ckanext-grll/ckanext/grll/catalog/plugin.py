"""grll_catalog: what the portal gives data reusers and harvesters (issue 9).

DCAT profiles (dcat.py), bulk exports and the catalog dump (exports.py, dump.py),
the metadata quality score and freshness (quality.py, freshness.py), reuses and
data requests (logic/, model.py), the OpenAPI document and the sitemap.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.authz import get_local_functions

from ckanext.grll.catalog import cli as catalog_cli
from ckanext.grll.catalog import (
    column_types,
    datastore_actor,
    dump,
    indexing,
    ubigeo_pages,
    views,
)
from ckanext.grll.catalog.logic import action, chained
from ckanext.grll.cli import grll


def catalog_actions() -> dict[str, Any]:
    """Our actions, CKAN's tag and member actions chained to hide private datasets,
    xloader's status callback chained to type the columns of a loaded table and the
    DataStore's writes chained to name the site user when the caller names nobody (only
    where xloader and the DataStore run: a chained action without its original stops
    CKAN)."""
    typing = ({"xloader_hook": column_types.xloader_hook} if p.plugin_loaded("xloader")
              else {})
    actor = ({name: getattr(datastore_actor, name) for name in datastore_actor.__all__}
             if p.plugin_loaded("datastore") else {})
    return {**dict(get_local_functions(action)),
            **{name: getattr(chained, name) for name in chained.__all__}, **typing, **actor}


def catalog_blueprints() -> list[Any]:
    """The blueprints of views.py and the ubigeo pages that DCAT's dct:spatial points at."""
    return [*(getattr(views, name) for name in views.__all__), ubigeo_pages.grll_ubigeo]


@tk.blanket.actions(catalog_actions)
@tk.blanket.auth_functions
@tk.blanket.helpers
@tk.blanket.blueprints(catalog_blueprints)
@tk.blanket.config_declarations
class GrllCatalogPlugin(p.SingletonPlugin):
    """Wiring only; see the modules of this package."""

    p.implements(p.IConfigurer)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.IClick)

    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_resource("assets", "grll_catalog")

    def get_commands(self) -> list[Any]:
        # A subcommand of `ckan grll` (the group belongs to grll_theme).
        grll.add_command(catalog_cli.catalogo)
        return []

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return indexing.add_catalog_fields(pkg_dict)

    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        dump.schedule(pkg_dict)

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        dump.schedule(pkg_dict)

    def after_dataset_delete(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        dump.schedule(pkg_dict)

    def after_dataset_search(self, search_results: dict[str, Any],
                             search_params: dict[str, Any]) -> dict[str, Any]:
        return indexing.label_quality_facet(search_results)

    def dataset_facets(self, facets_dict: dict[str, Any], package_type: str) -> dict[str, Any]:
        return indexing.add_quality_facet(facets_dict)
