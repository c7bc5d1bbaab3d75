"""Helpers every test folder may import (``from portal_testing import ...``).

Kept out of conftest.py: with several conftest.py files in the suite, ``import
conftest`` gives whichever was imported last.
"""
from __future__ import annotations

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
from sqlalchemy import orm

from ckanext.datastore.backend import postgres as datastore_db
from ckanext.datastore.tests.helpers import clear_db


def commitments() -> list[str]:
    """The portal's commitments: the names of the enabled ``IGrllDomain`` plugins, in the
    order of ``ckan.plugins``.

    Test modules call it when imported, to parametrize: CKAN's pytest plugin has loaded
    the test ini's plugins by then.
    """
    from ckanext.grll.feedback.shared import IGrllDomain

    names = [plugin.grll_domain_name() for plugin in plugins.PluginImplementations(IGrllDomain)]
    assert names, "no commitment plugin is loaded: see ckan.plugins in the test ini"
    return names


def ensure_portal_plugins() -> None:
    """A test that narrowed the plugins (CKAN's `with_plugins` unloads everything when it
    ends) must not leave the next tests without the portal."""
    if not plugins.plugin_loaded("grll_theme"):
        plugins.load_all()


def load_open_government() -> None:
    """What `ckan grll seed` adds after the catalog: the action plan and the inventory."""
    from ckanext.grll.apertura import seed as apertura_seed
    from ckanext.grll.ogp import seed as ogp_seed

    ogp_seed.load()
    apertura_seed.load()


def empty_datastore() -> None:
    session = orm.scoped_session(orm.sessionmaker(bind=datastore_db.get_write_engine()))
    clear_db(session)
    session.close()


def page(response):
    """The HTML of a test client's response, parsed (BeautifulSoup)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def signed_in(app, user_name: str):
    """A test client of `app` with `user_name` signed in, as after the log-in form.

    CKAN 2.12 no longer reads REMOTE_USER; the session cookie is written for the site's
    own address, where CKAN's test client sends its requests.
    """
    from ckan import model
    from ckan.plugins.toolkit import config

    client = app.test_client()
    with client.session_transaction(base_url=config["ckan.site_url"]) as session:
        session["_user_id"] = model.User.get(user_name).id
        session["_fresh"] = True
    return client


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


def site_context() -> dict[str, object]:
    """Context of CKAN's site user: what the harvest consumers and jobs act as."""
    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": user["name"], "ignore_auth": True}


def run_queued_harvest(source_id: str) -> dict[str, object]:
    """Create a job, drain the real Redis gather and fetch queues as the consumers
    would, and return the job's report (gather_errors, object_errors) and the job."""
    from ckanext.harvest import queue

    queue.purge_queues()
    job = tk.get_action("harvest_job_create")(site_context(),
                                              {"source_id": source_id, "run": True})
    for get_consumer, callback in ((queue.get_gather_consumer, queue.gather_callback),
                                   (queue.get_fetch_consumer, queue.fetch_callback)):
        consumer = get_consumer()
        while consumer.redis.llen(consumer.routing_key):
            method, header, body = next(consumer.consume(None))
            callback(consumer, method, header, body)
    tk.get_action("harvest_jobs_run")(site_context(), {"source_id": source_id})
    report = tk.get_action("harvest_job_report")(site_context(), {"id": job["id"]})
    report["job"] = tk.get_action("harvest_job_show")(site_context(), {"id": job["id"]})
    return report


def phone_context(browser, *, touch: bool = False,
                  location: tuple[float, float] | None = None):
    """A new Playwright context (close it when done) on a phone, in Peruvian Spanish.

    390 x 844 by default; ``touch`` makes it the small touch phone of bench/page_weight.py
    (360 x 740, mobile, touch screen); ``location`` (lat, lon) is shared with the portal.
    """
    options: dict[str, object] = {"locale": "es-PE", "viewport": {"width": 390, "height": 844}}
    if touch:
        options.update(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    if location is not None:
        options.update(geolocation={"latitude": location[0], "longitude": location[1]},
                       permissions=["geolocation"])
    return browser.new_context(**options)


def log_in(page, site: str, name: str, password: str) -> None:
    """Log in through CKAN's form, as a person does; returns on their dashboard."""
    page.goto(site + "/user/login")
    page.fill("#field-login", name)
    page.fill("#field-password", password)
    page.click("form:has(#field-login) button[type=submit]")
    page.wait_for_url("**/dashboard/**")
