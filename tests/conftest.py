"""Fixtures shared by the whole suite: real CKAN, PostgreSQL, Redis (config/test.ini).

The portal is nothing without its plugins, so the session loads every plugin of
`ckan.plugins` once, rebuilds the test database and applies the plugins' migrations
(CKAN's pytest plugin would otherwise start with only its system plugins).
"""
from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
import click
import pytest

from ckanext.grll.cli import upgrade_databases
from ckanext.grll.seed.loader import SeedReport, load_catalog
from portal_testing import empty_datastore, ensure_portal_plugins, phone_context

ROOT = Path(__file__).resolve().parent.parent
# The live server is started the way `make run` starts it (scripts/portal.py).
sys.path.insert(0, str(ROOT / "scripts"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session", autouse=True)
def portal_plugins(reset_db) -> Iterator[None]:
    plugins.load_all()
    reset_db()
    with click.Context(click.Command("setup")) as ctx:
        upgrade_databases(ctx, skip_core=True)
    yield
    plugins.unload_all()


@pytest.fixture(autouse=True)
def all_plugins_loaded(portal_plugins: None) -> None:
    ensure_portal_plugins()


#: The app the tests of this process share, with the plugins it was built with.
_SHARED_APP: dict[str, Any] = {}


@pytest.fixture
def app(request: pytest.FixtureRequest, make_app) -> Any:
    """CKAN's test client app, built once per process rather than once per test.

    CKAN's own `app` fixture builds a new Flask app for every test (about 1.5 s: every
    plugin's blueprints, templates and settings), a third of the suite's time. The app
    is shared while the loaded plugins stay the same; a test that sets configuration
    with the ``ckan_config`` mark or narrows the plugins (``with_plugins``) gets its own,
    as with CKAN's fixture, and the next test a new shared one (building an app applies
    the configuration of the moment to the plugins)."""
    from ckan.plugins import core

    own = (any(request.node.iter_markers("ckan_config"))
           or "with_plugins" in request.fixturenames)
    if own:
        _SHARED_APP.clear()
        return make_app()
    plugins_now = tuple((name, id(plugin)) for name, plugin in core._PLUGINS_SERVICE.items())
    if _SHARED_APP.get("plugins") != plugins_now:
        _SHARED_APP.update(app=make_app(), plugins=plugins_now)
    return _SHARED_APP["app"]


@pytest.fixture(scope="module")
def seeded_catalog(reset_db, reset_index) -> SeedReport:
    """A fresh catalog holding exactly the seed catalog (for the tests of one module)."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    return load_catalog()


@pytest.fixture(scope="session")
def ckan_ini(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.getoption("ckan_ini")).resolve()


#: Workers of the live server: more than one, like `make run`, but few (tests share
#: the machine).
LIVE_SERVER_WORKERS = 2


@pytest.fixture(scope="session")
def live_server(ckan_ini: Path) -> Iterator[str]:
    """The portal served as `make run` serves it (gunicorn, config/gunicorn.conf.py)
    on loopback against the test databases."""
    from ckan.plugins.toolkit import config

    from portal import web_server_command

    url = config["ckan.site_url"].rstrip("/")
    command, environment = web_server_command(ckan_ini, int(url.rsplit(":", 1)[-1]),
                                              workers=LIVE_SERVER_WORKERS)
    log = (ROOT / "var" / ckan_ini.stem / "live-server.log").open("w")
    server = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/3/action/status_show", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the test server did not start; see {log.name}")
                time.sleep(0.5)
        yield url
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
            server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser) -> Iterator[object]:
    """A page on a phone (portal_testing.phone_context)."""
    context = phone_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def touch_phone(browser) -> Iterator[object]:
    """The browser context of a small touch phone (phone_context(touch=True)): tests that
    go offline or open several pages."""
    context = phone_context(browser, touch=True)
    yield context
    context.close()


@pytest.fixture
def smtp_sink() -> Iterator[list[email.message.EmailMessage]]:
    """A real SMTP server on the port of the test ini's smtp.server; yields received mails."""
    from aiosmtpd.controller import Controller

    host, port = tk.config["smtp.server"].split(":")
    received: list[email.message.EmailMessage] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(email.message_from_bytes(envelope.content,
                                                     policy=email.policy.default))
            return "250 OK"

    controller = Controller(Handler(), hostname=host, port=int(port))
    controller.start()
    try:
        yield received
    finally:
        controller.stop()
