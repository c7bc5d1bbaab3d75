"""Template helpers of the portal's own pages (all prefixed grll_theme_).

The home page must render even when the search backend is down or a group
has not been created yet: every helper here degrades to "nothing to show"
instead of failing the whole page.
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.search import SearchError
from ckan.lib.search.common import SolrConnectionError
from werkzeug.routing import BuildError

log = logging.getLogger(__name__)

# Search failures surface as either class depending on where they happen.
SEARCH_FAILURES = (SearchError, SolrConnectionError)


def grll_theme_group_counts() -> dict[str, int]:
    """Number of public datasets per existing group, in one search.

    A group missing from the answer does not exist (or search is down):
    the template then shows its card without a count.
    """
    try:
        groups = tk.get_action("group_list")({}, {})
        result = tk.get_action("package_search")(
            {}, {"rows": 0, "facet.field": ["groups"], "facet.limit": -1})
    except SEARCH_FAILURES:
        log.warning("Search unavailable: commitment counts hidden", exc_info=True)
        return {}
    counts = {item["name"]: item["count"]
              for item in result["search_facets"].get("groups", {}).get("items", [])}
    return {name: counts.get(name, 0) for name in groups}


def grll_theme_recent_datasets(limit: int = 6) -> list[dict[str, Any]]:
    """The most recently updated public datasets, or none if search is down."""
    try:
        result = tk.get_action("package_search")(
            {}, {"rows": limit, "sort": "metadata_modified desc"})
    except SEARCH_FAILURES:
        log.warning("Search unavailable: recent datasets hidden", exc_info=True)
        return []
    return result["results"]


def grll_theme_organizations() -> list[dict[str, Any]]:
    """Publishing organizations, with dataset counts when search answers."""
    action = tk.get_action("organization_list")
    wanted = {"all_fields": True, "sort": "title asc"}
    try:
        return action({}, {**wanted, "include_dataset_count": True})
    except SEARCH_FAILURES:
        log.warning("Search unavailable: organization counts hidden", exc_info=True)
        return action({}, {**wanted, "include_dataset_count": False})


#: The commitments, in the order the portal shows them.
DOMAINS = ("seguridad", "agua", "agro", "laboral")


def grll_theme_domain_url(domain: str) -> str | None:
    """The start page of a commitment's application (blueprint ``grll_<domain>``,
    view ``index``), or None while that plugin is not enabled."""
    if not p.plugin_loaded(f"grll_{domain}"):
        return None
    try:
        return tk.url_for(f"grll_{domain}.index")
    except BuildError:
        return None


def grll_theme_domains() -> tuple[str, ...]:
    """The commitments whose plugins are enabled (their API docs join /desarrolladores)."""
    return tuple(domain for domain in DOMAINS if p.plugin_loaded(f"grll_{domain}"))


def get_helpers() -> dict[str, Any]:
    return {
        "grll_theme_domain_url": grll_theme_domain_url,
        "grll_theme_domains": grll_theme_domains,
        "grll_theme_group_counts": grll_theme_group_counts,
        "grll_theme_recent_datasets": grll_theme_recent_datasets,
        "grll_theme_organizations": grll_theme_organizations,
    }
