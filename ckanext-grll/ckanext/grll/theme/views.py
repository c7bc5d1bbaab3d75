"""The portal's own pages: "Acerca de" and the API guide for developers."""
from __future__ import annotations

import json
import logging
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint

from ckanext.grll.theme import login_return
from ckanext.grll.theme.helpers import SEARCH_FAILURES

log = logging.getLogger(__name__)

grll_theme = Blueprint("grll_theme", __name__)
# Logging in or registering from any page returns to it (login_return.py).
grll_theme.before_app_request(login_return.keep_return_path)
grll_theme.after_app_request(login_return.return_after_registration)

# Shown in the curl examples until the catalog has a queryable resource.
PLACEHOLDER_DATASET = "NOMBRE-DEL-CONJUNTO"
PLACEHOLDER_RESOURCE = "ID-DEL-RECURSO"
PLACEHOLDER_FILTER = {"COLUMNA": "VALOR"}


def acerca() -> str:
    return tk.render("grll/acerca.html")


def desarrolladores() -> str:
    return tk.render("grll/desarrolladores.html", extra_vars=api_examples())


def api_examples() -> dict[str, Any]:
    """Values the curl examples are built from, taken from this very portal.

    The API is not localised, so examples use ckan.site_url as configured
    rather than the URL of the page (which may carry /en/).
    """
    site_url = tk.config.get("ckan.site_url").rstrip("/")
    dataset, resource = example_datastore_resource()
    return {
        "site_url": site_url,
        "api_url": f"{site_url}/api/3/action",
        "dataset_name": dataset["name"] if dataset else PLACEHOLDER_DATASET,
        "resource_id": resource["id"] if resource else PLACEHOLDER_RESOURCE,
        "has_example_resource": resource is not None,
        "filters_json": json.dumps(
            example_filter(resource["id"]) if resource else PLACEHOLDER_FILTER,
            ensure_ascii=False),
        "sql_enabled": tk.asbool(tk.config.get("ckan.datastore.sqlsearch.enabled")),
    }


def example_datastore_resource() -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """A public dataset and its first resource loaded in the DataStore.

    Falls back to the first dataset without a resource, or to nothing, so
    the page renders on an empty catalog or while search is unavailable.
    """
    try:
        result = tk.get_action("package_search")(
            {}, {"rows": 100, "sort": "name asc"})
    except SEARCH_FAILURES:
        log.warning("Search unavailable: API examples use placeholders", exc_info=True)
        return None, None
    for dataset in result["results"]:
        for resource in dataset.get("resources", []):
            if resource.get("datastore_active"):
                return dataset, resource
    return (result["results"][0] if result["results"] else None), None



def example_filter(resource_id: str) -> dict[str, str]:
    """A filter that matches the resource's first row on its first text column,
    so the filters example returns data instead of an empty list."""
    try:
        result = tk.get_action("datastore_search")(
            {}, {"resource_id": resource_id, "limit": 1})
    except (tk.ObjectNotFound, tk.NotAuthorized, tk.ValidationError):
        return PLACEHOLDER_FILTER
    if not result["records"]:
        return PLACEHOLDER_FILTER
    record = result["records"][0]
    for field in result["fields"]:
        value = record.get(field["id"])
        if field["type"] == "text" and value:
            return {field["id"]: value}
    return PLACEHOLDER_FILTER


grll_theme.add_url_rule("/acerca", view_func=acerca, endpoint="acerca")
grll_theme.add_url_rule("/desarrolladores", view_func=desarrolladores,
                        endpoint="desarrolladores")
