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


def form_token(client, url: str, **kwargs) -> str:
    """The CSRF token a browser sends from the page at `url`: its form's hidden field,
    else the page's meta tag (what scripts send).

    Read by the same test client (``app.test_client()``), whose cookie jar keeps the
    session the token is bound to; CKAN refuses posts without it.
    """
    from bs4 import BeautifulSoup
    from ckan.plugins.toolkit import config

    name = config["WTF_CSRF_FIELD_NAME"]
    page = BeautifulSoup(client.get(url, **kwargs).get_data(as_text=True), "html.parser")
    field = page.find("input", attrs={"name": name})
    if field is not None:
        return field["value"]
    meta = page.find("meta", attrs={"name": name})
    assert meta is not None, f"{url} carries no CSRF token"
    return meta["content"]


def backdate(code: str, days: int) -> None:
    """Pretend a citizen report arrived ``days`` ago (past its publication delay)."""
    import datetime

    from ckan import model

    from ckanext.grll.feedback.model import Report

    report = Report.by_code(code)
    shift = datetime.timedelta(days=days)
    report.created -= shift
    report.due_at -= shift
    for event in report.events:
        event.created -= shift
    model.Session.commit()
