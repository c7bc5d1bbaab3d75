"""Template helpers of grll_catalog (all prefixed grll_)."""
from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from typing import Any

import ckan.plugins.toolkit as tk
import nh3
from ckan.lib.helpers import MARKDOWN_ATTRIBUTES, MARKDOWN_TAGS, html_auto_link, literal
from flask import g
from markdown import markdown

from ckanext.dcat.helpers import structured_data
from ckanext.grll.catalog import freshness, quality, xloader_log

__all__ = ["grll_dataset_quality", "grll_is_outdated",
           "grll_structured_data", "grll_dataset_organization",
           "grll_catalog_sort_options", "grll_dataset_reuses", "grll_reuse_type_label",
           "grll_outdated_count", "grll_openapi_reference", "render_markdown",
           "grll_xloader_log", "grll_xloader_estado"]

#: The structured data of dataset pages: stock schema.org plus our fields.
STRUCTURED_DATA_PROFILES = ["schemaorg", "grll_schemaorg"]


#: Tables in descriptions: stewards document codes and thresholds as Markdown tables.
TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}


@tk.chained_helper
def render_markdown(next_helper: Any, data: str, auto_link: bool = True,
                    allow_html: bool = False) -> Any:
    """CKAN's Markdown, with tables: CKAN renders without Python-Markdown's tables
    extension, so a table in a description showed as raw ``|---|`` lines. The same
    cleaning as CKAN's (its allowed tags and attributes, plus the table's own tags)."""
    if not data or allow_html:
        return next_helper(data, auto_link=auto_link, allow_html=allow_html)
    html = nh3.clean(markdown(data, extensions=["tables"]),
                     tags=MARKDOWN_TAGS | TABLE_TAGS, attributes=MARKDOWN_ATTRIBUTES)
    return literal(html_auto_link(html) if auto_link else html)


def grll_dataset_quality(pkg_dict: dict[str, Any]) -> quality.Quality:
    return quality.dataset_quality(pkg_dict)


def grll_is_outdated(pkg_dict: dict[str, Any]) -> bool:
    return freshness.is_outdated(pkg_dict)


#: Dataset pages whose structured data a web worker keeps (a few MB at most).
STRUCTURED_DATA_KEPT = 256
_structured_data: OrderedDict[str, str] = OrderedDict()


def grll_structured_data(pkg_dict: dict[str, Any]) -> str:
    """The page's schema.org JSON-LD, made again only when the dataset changed.

    ckanext-dcat looks its profiles up among the installed packages' entry points
    and builds an RDF graph on every call (about half the page's time). The output
    depends only on the dataset as the visitor may see it, the language and the
    configuration, so the dataset itself is the key: another visitor reuses it only
    for the very same dictionary.
    """
    key = hashlib.sha256(json.dumps([tk.h.lang(), pkg_dict], sort_keys=True,
                                    default=str).encode()).hexdigest()
    if key in _structured_data:
        _structured_data.move_to_end(key)
        return _structured_data[key]
    output = structured_data(pkg_dict, profiles=STRUCTURED_DATA_PROFILES)
    _structured_data[key] = output
    if len(_structured_data) > STRUCTURED_DATA_KEPT:
        _structured_data.popitem(last=False)
    return output


def grll_dataset_organization(organization_id: str) -> dict[str, Any]:
    """The publisher as the dataset page's sidebar shows it (image, title,
    description): organization_show without the counts, members and extras the
    sidebar does not show (CKAN's get_organization also searches its datasets and
    counts its followers). Asked once per request: CKAN's page.html renders the
    sidebar twice, the first time only to see whether it is empty."""
    shown: dict[str, dict[str, Any]] = g.setdefault("grll_dataset_organizations", {})
    if organization_id not in shown:
        shown[organization_id] = tk.get_action("organization_show")({}, {
            "id": organization_id, "include_datasets": False,
            "include_dataset_count": False, "include_extras": False, "include_users": False,
            "include_groups": False, "include_tags": False, "include_followers": False})
    return shown[organization_id]


def grll_catalog_sort_options() -> list[tuple[str, str]]:
    """The dataset search sort options, with the metadata quality score."""
    return [
        (tk._("Relevance"), "score desc, metadata_modified desc"),
        (tk._("Name Ascending"), "title_string asc"),
        (tk._("Name Descending"), "title_string desc"),
        (tk._("Last Modified"), "metadata_modified desc"),
        (tk._("Mejor calidad de metadatos"), "grll_calidad desc, title_string asc"),
    ]


def grll_dataset_reuses(pkg_id: str) -> list[dict[str, Any]]:
    """Approved reuses of a dataset ("Usado por")."""
    return tk.get_action("grll_catalog_reuse_list")(
        {"user": ""}, {"dataset": pkg_id, "limit": 50})["results"]


def grll_reuse_type_label(value: str) -> str:
    from ckanext.grll.catalog.reuses import type_labels

    return type_labels().get(value, value)


def grll_outdated_count(organization: str) -> int:
    """How many public datasets of an organization are overdue (flag on its page)."""
    from ckanext.grll.catalog.indexing import DUE_FIELD

    return tk.get_action("package_search")({}, {
        "fq": f'+{DUE_FIELD}:[* TO NOW] +organization:"{organization}"', "rows": 0})["count"]


def grll_openapi_reference() -> list[tuple[str, list[dict[str, Any]]]]:
    """The OpenAPI document as the Desarrolladores page lists it: per tag, each
    operation with its method, path, summary and parameters."""
    from ckanext.grll.catalog.openapi import build_document

    groups: dict[str, list[dict[str, Any]]] = {}
    for path, item in build_document()["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {})
            fields = next(iter(body.values()), {}).get("schema", {}).get("properties", {})
            groups.setdefault(operation["tags"][0], []).append({
                "method": method.upper(), "path": path, "summary": operation["summary"],
                "parameters": [(parameter["name"], parameter.get("required", False),
                                parameter.get("description", ""))
                               for parameter in operation.get("parameters", [])],
                "body": sorted(fields),
                "token": any(operation.get("security", [])) and {} not in operation.get(
                    "security", []),
            })
    return list(groups.items())


def grll_xloader_log(logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines of xloader's upload log a steward reads, in the page's language."""
    return xloader_log.lineas_visibles(logs or [])


def grll_xloader_estado(status: dict[str, Any]) -> str:
    """The state of the last DataStore load in words."""
    return xloader_log.estado(status)
