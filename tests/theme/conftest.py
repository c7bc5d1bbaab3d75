"""Database fixtures of the theme tests."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from ckan import plugins


@pytest.fixture(scope="session")
def empty_portal(reset_db, reset_index, migrate_db_for) -> Callable[[], None]:
    """Callable that empties the catalog and its search index.

    CKAN's first reset_db() of a session drops every table, plugin tables
    included, and recreates only the core ones: the plugins' migrations
    (activity, harvest...) are applied again so that actions still work.
    Module-scoped callers run before `with_plugins`, hence the explicit load.
    """
    from ckan.cli.db import _get_pending_plugins

    def empty() -> None:
        plugins.load_all()
        reset_db()
        reset_index()
        for plugin in _get_pending_plugins():
            migrate_db_for(plugin)

    return empty
