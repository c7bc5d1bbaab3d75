"""Typed access to the ``ckanext.grll.search.*`` options (declared, and so
validated at start-up, in ``config_declaration.yaml``).

The fallbacks repeat the declared defaults because the installed backend
outlives the plugin: CKAN unloads and reloads every plugin (and with them the
declarations) in each background job's process and in its test fixtures, and checks
the search backend in between, while pysolr keeps our class. Options are read with an
explicit default for the same reason: CKAN warns about every undeclared option it is
asked for, 20 lines per background job in `make run`'s output.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .bounds import Bounds
from .storage import TS_CONFIGS


def _option(name: str) -> str | None:
    """``ckanext.grll.search.<name>`` as set (None when unset)."""
    return tk.config.get(f"ckanext.grll.search.{name}", None)


def backend() -> str:
    return _option("backend") or "postgres"


def database_url() -> str:
    return _option("sqlalchemy.url") or tk.config.get("sqlalchemy.url")


def ts_config() -> str:
    return TS_CONFIGS[_option("language") or "spanish"]


def statement_timeout_ms() -> int:
    return int(_option("statement_timeout") or 10000)


def cache_size() -> int:
    value = _option("cache_size")
    return 512 if value is None else int(value)


def parallel_workers() -> int:
    value = _option("parallel_workers")
    return 1 if value is None else int(value)


def bounds() -> Bounds:
    """The bounds on one search (``ckanext.grll.search.max_*``)."""
    defaults = Bounds()
    values = {}
    for name in _BOUND_OPTIONS:
        value = _option(_BOUND_OPTIONS[name])
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
