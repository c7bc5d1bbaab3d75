"""Template helpers of the portal's own pages (all prefixed grll_theme_).

The home page must render even when the search backend is down or a group
has not been created yet: every helper here degrades to "nothing to show"
instead of failing the whole page.

Its lists (commitment counts, recent datasets, organizations) are public data,
the same for every visitor, and cost most of the page's time (an organization_show
per organization): each web worker keeps them for PUBLIC_LISTS_SECONDS, and
forgets them as soon as any action that changes something succeeds in that
process. Other workers (and command-line loads) show a change within that time.
"""
from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib import signals
from ckan.lib.search import SearchError
from ckan.lib.search.common import SolrConnectionError
from flask import current_app
from werkzeug.routing import BuildError

from ckanext.grll.feedback.shared import IGrllDomain
from ckanext.grll.theme import static_files

log = logging.getLogger(__name__)

# Search failures surface as either class depending on where they happen.
SEARCH_FAILURES = (SearchError, SolrConnectionError)

#: How long a web worker reuses the home page's public lists.
PUBLIC_LISTS_SECONDS = 60.0
#: The lists are computed as an anonymous visitor sees them: an organization's
#: member would otherwise count its private datasets into a list every visitor gets.
ANONYMOUS: dict[str, Any] = {"user": ""}

T = TypeVar("T")


class _Changes:
    """How many changing actions have succeeded in this process: a cached list
    computed before the latest one is stale."""

    count = 0


def _count_change(action_name: str, **_: Any) -> None:
    if not getattr(tk.get_action(action_name), "side_effect_free", False):
        _Changes.count += 1


# Connected once, at import: blinker keeps one connection per function.
signals.action_succeeded.connect(_count_change)


def _public_list(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, reused for PUBLIC_LISTS_SECONDS until the next change.

    Kept on the Flask application (one per web worker, a fresh one per test
    app) rather than in the module, so that a rebuilt test database never
    meets a list from before it. An exception from `compute` is not cached.
    """
    lists: dict[str, tuple[float, int, Any]] = current_app.extensions.setdefault(
        "grll_theme_public_lists", {})
    now = time.monotonic()
    cached = lists.get(key)
    if cached and now - cached[0] < PUBLIC_LISTS_SECONDS and cached[1] == _Changes.count:
        return cached[2]
    changes = _Changes.count
    value = compute()
    lists[key] = (now, changes, value)
    return value


def grll_theme_group_counts() -> dict[str, int]:
    """Number of public datasets per existing group, in one search.

    A group missing from the answer does not exist (or search is down):
    the template then shows its card without a count.
    """
    try:
        return _public_list("group_counts", _group_counts)
    except SEARCH_FAILURES:
        log.warning("Search unavailable: commitment counts hidden", exc_info=True)
        return {}


def _group_counts() -> dict[str, int]:
    groups = tk.get_action("group_list")({**ANONYMOUS}, {})
    result = tk.get_action("package_search")(
        {**ANONYMOUS}, {"rows": 0, "facet.field": ["groups"], "facet.limit": -1})
    counts = {item["name"]: item["count"]
              for item in result["search_facets"].get("groups", {}).get("items", [])}
    return {name: counts.get(name, 0) for name in groups}


def grll_theme_recent_datasets(limit: int = 6) -> list[dict[str, Any]]:
    """The most recently updated public datasets, or none if search is down."""
    try:
        return _public_list(f"recent_datasets:{limit}", lambda: tk.get_action(
            "package_search")({**ANONYMOUS}, {"rows": limit, "sort": "metadata_modified desc"})["results"])
    except SEARCH_FAILURES:
        log.warning("Search unavailable: recent datasets hidden", exc_info=True)
        return []


def grll_theme_organizations() -> list[dict[str, Any]]:
    """Publishing organizations, with dataset counts when search answers."""
    action = tk.get_action("organization_list")
    wanted = {"all_fields": True, "sort": "title asc"}
    try:
        return _public_list("organizations", lambda: action(
            {**ANONYMOUS}, {**wanted, "include_dataset_count": True}))
    except SEARCH_FAILURES:
        log.warning("Search unavailable: organization counts hidden", exc_info=True)
        return action({}, {**wanted, "include_dataset_count": False})


#: Distinct texts whose plain-text extract a web worker keeps (dataset descriptions
#: of the search results, organization descriptions): a few MB at most.
EXTRACTS_KEPT = 2048


@tk.chained_helper
def grll_theme_markdown_extract(next_helper: Callable[..., str], text: str,
                                extract_length: int = 190) -> str:
    """CKAN's markdown_extract, remembered: the dataset list renders each result's
    description through Markdown and an HTML sanitizer on every view (about half
    of the page's time), though descriptions seldom change."""
    return _markdown_extract(next_helper, text or "", extract_length)


@functools.lru_cache(maxsize=EXTRACTS_KEPT)
def _markdown_extract(next_helper: Callable[..., str], text: str, extract_length: int) -> str:
    return next_helper(text, extract_length)


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
    """The commitments whose plugins are enabled, in the order of ``ckan.plugins`` (their
    API docs join /desarrolladores)."""
    return tuple(plugin.grll_domain_name() for plugin in p.PluginImplementations(IGrllDomain))


def grll_pager(page: Any, **kwargs: Any) -> Any:
    """CKAN's pager, with arrows a screen reader can name (CKAN's are bare icons)."""
    from dominate import tags

    def arrow(icon: str, name: str) -> Any:
        return tags.span(tags.i(cls=f"fa-solid {icon}", aria_hidden="true"),
                         tags.span(name, cls="visually-hidden"))

    return page.pager(symbol_previous=arrow("fa-chevron-left", tk._("Página anterior")),
                      symbol_next=arrow("fa-chevron-right", tk._("Página siguiente")),
                      **kwargs)


def get_helpers() -> dict[str, Any]:
    return {
        "grll_pager": grll_pager,
        "grll_theme_domain_url": grll_theme_domain_url,
        "grll_theme_domains": grll_theme_domains,
        "grll_static": static_files.grll_static,
        "grll_theme_group_counts": grll_theme_group_counts,
        "grll_theme_recent_datasets": grll_theme_recent_datasets,
        "grll_theme_organizations": grll_theme_organizations,
        # Chained to CKAN's helper of that name, which every template calls.
        "markdown_extract": grll_theme_markdown_extract,
    }
