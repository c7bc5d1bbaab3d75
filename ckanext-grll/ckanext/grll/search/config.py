"""Typed access to the ``ckanext.grll.search.*`` options (declared, and so
validated at start-up, in ``config_declaration.yaml``).

The fallbacks repeat the declared defaults because the installed backend
outlives the plugin: CKAN's test fixtures unload plugins (and with them the
declarations) while pysolr keeps our class.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .bounds import Bounds
from .storage import TS_CONFIGS


def backend() -> str:
    return tk.config.get("ckanext.grll.search.backend") or "postgres"


def database_url() -> str:
    return (tk.config.get("ckanext.grll.search.sqlalchemy.url")
            or tk.config.get("sqlalchemy.url"))


def ts_config() -> str:
    language = tk.config.get("ckanext.grll.search.language") or "spanish"
    return TS_CONFIGS[language]


def statement_timeout_ms() -> int:
    return int(tk.config.get("ckanext.grll.search.statement_timeout") or 10000)


def cache_size() -> int:
    value = tk.config.get("ckanext.grll.search.cache_size")
    return 512 if value is None else int(value)


def parallel_workers() -> int:
    value = tk.config.get("ckanext.grll.search.parallel_workers")
    return 1 if value is None else int(value)


def bounds() -> Bounds:
    """The bounds on one search (``ckanext.grll.search.max_*``)."""
    defaults = Bounds()
    values = {}
    for name in _BOUND_OPTIONS:
        value = tk.config.get(f"ckanext.grll.search.{_BOUND_OPTIONS[name]}")
        values[name] = getattr(defaults, name) if value is None else int(value)
    return Bounds(**values)


#: Bounds field -> option name (``ckanext.grll.search.<option>``).
_BOUND_OPTIONS = {
    "query_length": "max_query_length", "clauses": "max_clauses",
    "wildcards": "max_wildcards", "field_terms": "max_field_terms",
    "free_text_words": "max_free_text_words",
    "wildcard_literal": "min_wildcard_literal",
    "depth": "max_depth", "filters": "max_filters", "start": "max_start",
    "facet_fields": "max_facet_fields", "facet_limit": "max_facet_limit",
    "sort_fields": "max_sort_fields",
    "document_facets": "max_document_facets", "document_scan": "max_document_scan",
}
