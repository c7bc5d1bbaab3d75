"""The portal is served as in production, by `make run`, the tests and Docker alike:
gunicorn with several workers and a worker timeout (config/gunicorn.conf.py), no
Werkzeug debugger, and a Server header that names no version. The live server here
is started by the same function as `make run`'s (scripts/portal.py)."""
from __future__ import annotations

import json
import re
import runpy
import subprocess
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from serving_helpers import load_districts_table

import portal

#: What the debugger's console page and its script would show.
DEBUGGER_SIGNS = ("Werkzeug", "Interactive Console", "EVALEX", "SECRET = ")


@pytest.fixture(scope="module")
def districts(reset_db, reset_index) -> dict[str, Any]:
    return load_districts_table(reset_db, reset_index)


def fetch(url: str, data: dict | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(
        url, data=json.dumps(data).encode() if data is not None else None,
        headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_no_debugger_is_reachable(live_server):
    status, _, body = fetch(f"{live_server}/console")
    assert status == 404
    # The debugger also answers its own query string on any page when it is wrapped
    # around the app; here the page is the portal's home page.
    status, headers, page = fetch(f"{live_server}/?__debugger__=yes&cmd=resource&f=debugger.js")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Datos Abiertos La Libertad" in page
    for sign in DEBUGGER_SIGNS:
        assert sign not in body and sign not in page, sign


def test_the_server_header_names_no_version(live_server):
    _, headers, _ = fetch(f"{live_server}/api/3/action/status_show")
    server = headers.get("Server", "")
    assert server == "gunicorn"
    assert not re.search(r"\d", server)


def _server_processes(url: str) -> list[str]:
    bind = url.removeprefix("http://")
    # -ww: the whole command line, whatever width ps guesses without a terminal.
    listing = subprocess.run(["ps", "-ww", "-eo", "pid,args"], capture_output=True,
                             text=True).stdout
    return [line for line in listing.splitlines() if "gunicorn" in line and bind in line]


def test_a_slow_request_does_not_hold_up_the_others(live_server, districts):
    # A master and its workers.
    assert len(_server_processes(live_server)) >= 3
    slow: dict[str, Any] = {}

    def costly_query() -> None:
        slow["status"], _, slow["body"] = fetch(
            f"{live_server}/api/3/action/datastore_search_sql",
            {"sql": f'SELECT count(*) FROM "{districts["id"]}", generate_series(1, 1e9)'})

    worker = threading.Thread(target=costly_query)
    worker.start()
    worker.join(timeout=1)
    # Meanwhile another worker answers, several times, while the query still runs.
    for _ in range(3):
        status, _, _ = fetch(f"{live_server}/api/3/action/status_show")
        assert status == 200
    assert worker.is_alive()
    worker.join(timeout=60)
    assert slow["status"] == 409
    assert "tiempo máximo" in json.loads(slow["body"])["error"]["sql"][0]


def test_first_questions_arriving_together_all_get_their_answer(live_server, districts):
    """The water page builds its summary at the first question; with several workers
    the first questions arrive together (they deadlocked each other into 500s)."""
    answers: list[int] = []

    def ask() -> None:
        answers.append(fetch(f"{live_server}/agua?ubigeo=130101")[0])

    askers = [threading.Thread(target=ask) for _ in range(8)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(timeout=120)
    assert answers == [200] * 8


def _gunicorn_settings(monkeypatch, **environment: str) -> dict[str, Any]:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(portal.GUNICORN_CONF))


def test_workers_and_timeout_are_configurable(monkeypatch):
    settings = _gunicorn_settings(monkeypatch, GRLL_WEB_WORKERS="7", GRLL_WEB_TIMEOUT="30")
    assert (settings["workers"], settings["timeout"]) == (7, 30)
    assert settings["wsgi_app"] == "config.wsgi:application"


def test_by_default_workers_follow_the_machine(monkeypatch):
    monkeypatch.delenv("GRLL_WEB_WORKERS", raising=False)
    monkeypatch.delenv("GRLL_WEB_TIMEOUT", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    settings = _gunicorn_settings(monkeypatch)
    assert (settings["workers"], settings["timeout"]) == (5, 60)
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert _gunicorn_settings(monkeypatch)["workers"] == 12


def test_a_bad_worker_count_is_one_clear_sentence(monkeypatch):
    with pytest.raises(SystemExit, match="GRLL_WEB_WORKERS must be a whole number"):
        _gunicorn_settings(monkeypatch, GRLL_WEB_WORKERS="muchos")


def test_make_run_and_the_tests_start_the_same_server(ckan_ini):
    command, environment = portal.web_server_command(ckan_ini, 5999, workers=2)
    assert command[0].endswith("/gunicorn")
    assert command[command.index("--config") + 1] == str(portal.GUNICORN_CONF)
    assert environment["CKAN_INI"] == str(ckan_ini)
    assert environment["GRLL_WEB_WORKERS"] == "2"
