"""Helpers every test folder may import (``from portal_testing import ...``).

Kept out of conftest.py: with several conftest.py files in the suite, ``import
conftest`` gives whichever was imported last.
"""
from __future__ import annotations

import ckan.plugins as plugins
from sqlalchemy import orm

from ckanext.datastore.backend import postgres as datastore_db
from ckanext.datastore.tests.helpers import clear_db


def ensure_portal_plugins() -> None:
    """A test that narrowed the plugins (CKAN's `with_plugins` unloads everything when it
    ends) must not leave the next tests without the portal."""
    if not plugins.plugin_loaded("grll_theme"):
        plugins.load_all()


def empty_datastore() -> None:
    session = orm.scoped_session(orm.sessionmaker(bind=datastore_db.get_write_engine()))
    clear_db(session)
    session.close()
