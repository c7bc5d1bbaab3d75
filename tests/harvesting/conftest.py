"""Harvest sources served from a local HTTP server, run through the real Redis queues."""
from __future__ import annotations

import http.server
import shutil
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
def http_source(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """(folder, base URL): files written to the folder are served over HTTP."""
    handler = lambda *a, **kw: _Files(*a, directory=str(tmp_path), **kw)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def sample_url(http_source: tuple[Path, str]) -> Callable[[Path], str]:
    """sample_url(path) -> the URL of a copy of that file served over HTTP (the engine
    reads http(s) sources only)."""
    folder, base_url = http_source

    def serve(path: Path) -> str:
        shutil.copyfile(path, folder / path.name)
        return f"{base_url}/{path.name}"
    return serve


def _create_source(url: str, source_type: str, config: str, owner_org: str,
                  name: str = "fuente-prueba") -> dict[str, object]:
    return tk.get_action("harvest_source_create")(site_context(), {
        "name": name, "title": "Fuente de prueba", "url": url, "source_type": source_type,
        "config": config, "owner_org": owner_org, "frequency": "MANUAL"})


@pytest.fixture
def run_harvest():
    """run_harvest(source_id) -> the job report, through the real Redis queues."""
    return run_queued_harvest


@pytest.fixture
def harvest_source():
    """harvest_source(url, source_type, config, owner_org) -> the new source."""
    return _create_source
