"""Fixtures shared by the whole suite: real CKAN, PostgreSQL, Redis (config/test.ini).

CKAN's pytest plugin disables every non-system plugin between tests; the portal is
nothing without its plugins, so every test here runs with all of `ckan.plugins`.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.usefixtures("with_plugins"))


@pytest.fixture(scope="session")
def ckan_ini(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.getoption("ckan_ini")).resolve()


@pytest.fixture(scope="session")
def live_server(ckan_ini: Path) -> Iterator[str]:
    """The portal served by `ckan run` on loopback against the test databases."""
    from ckan.plugins.toolkit import config

    url = config["ckan.site_url"].rstrip("/")
    port = url.rsplit(":", 1)[-1]
    log = (ROOT / "var/test/live-server.log").open("w")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "ckan"), "-c", str(ckan_ini), "run",
         "-H", "127.0.0.1", "-p", port, "--disable-reloader"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
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
