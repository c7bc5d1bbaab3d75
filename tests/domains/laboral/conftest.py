"""Fixtures of the laboral tests: a harvest source served by a local HTTP server and run
through the real Redis queues (as the gather and fetch consumers would)."""
from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest

from portal_testing import run_queued_harvest, site_context


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def harvest_file(tmp_path: Path) -> Iterator[Callable[[str, str, str], dict[str, object]]]:
    """harvest_file(name, text, formato) -> the job report of a `laboral_empleos` source
    reading that file over HTTP (its messages under "messages")."""
    handler = lambda *a, **kw: _Files(*a, directory=str(tmp_path), **kw)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    created: dict[str, dict[str, object]] = {}

    def harvest(name: str, text: str, formato: str) -> dict[str, object]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        if name not in created:
            created[name] = tk.get_action("harvest_source_create")(site_context(), {
                "name": f"fuente-{formato.replace('_', '-')}-{len(created)}",
                "title": "Fuente de prueba", "url": f"{base}/{name}",
                "source_type": "laboral_empleos", "config": f'{{"formato": "{formato}"}}',
                "owner_org": "gerencia-regional-trabajo", "frequency": "MANUAL"})
        report = run_queued_harvest(created[name]["id"])
        report["messages"] = (
            [e["message"] for e in report["gather_errors"]]
            + [e["message"] for entry in report["object_errors"].values()
               for e in entry["errors"]])
        return report

    yield harvest
    server.shutdown()
