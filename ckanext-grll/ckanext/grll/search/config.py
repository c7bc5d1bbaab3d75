"""Typed access to the ``ckanext.grll.search.*`` options (declared, and so
validated at start-up, in ``config_declaration.yaml``).

The fallbacks repeat the declared defaults because the installed backend
outlives the plugin: CKAN's test fixtures unload plugins (and with them the
declarations) while pysolr keeps our class.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk

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
