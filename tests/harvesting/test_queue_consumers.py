"""`make run` and production run ckanext-harvest's gather and fetch consumers as
long-lived processes. An idle queue must not stop them: with redis-py 8 they stopped
about a minute after their queue emptied, and every later harvest then waited forever.
Here the real consumers wait out an idle spell, then harvest a source on their own."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.grll.reference import DATASETS_DIR
from portal_testing import site_context

CKAN = str(Path(sys.executable).parent / "ckan")
#: Longer than the idle spell after which the consumers used to stop (about 60 s).
IDLE_SECONDS = 75
HARVEST_SECONDS = 120


def _harvested() -> list[dict]:
    return tk.get_action("package_search")(site_context(), {
        "fq": "dataset_type:seguridad -origen_registro:usuarios", "rows": 10})["results"]


def test_the_consumers_outlast_an_idle_queue_then_harvest_what_is_sent(
        ckan_ini, clean_db, clean_index, sample_url, harvest_source, tmp_path):
    from ckanext.harvest import queue

    queue.purge_queues()
    logs = {kind: (tmp_path / f"{kind}.log").open("w")
            for kind in ("gather-consumer", "fetch-consumer")}
    consumers = {kind: subprocess.Popen([CKAN, "-c", str(ckan_ini), "harvester", kind],
                                        stdout=log, stderr=subprocess.STDOUT)
                 for kind, log in logs.items()}
    try:
        time.sleep(IDLE_SECONDS)
        stopped = {kind: (tmp_path / f"{kind}.log").read_text()[-1500:]
                   for kind, process in consumers.items() if process.poll() is not None}
        assert stopped == {}

        owner = factories.Organization(name="seguridad-ciudadana-regional")
        source = harvest_source(sample_url(DATASETS_DIR / "harvest" / "sidpol_2023.csv"),
                                "seguridad_denuncias", json.dumps({"formato": "sidpol"}),
                                owner["id"])
        tk.get_action("harvest_job_create")(site_context(),
                                            {"source_id": source["id"], "run": True})
        deadline = time.monotonic() + HARVEST_SECONDS
        while not _harvested() and time.monotonic() < deadline:
            time.sleep(1)
        assert _harvested(), "the consumers did not harvest the job sent to them"
    finally:
        for process in consumers.values():
            process.terminate()
            process.wait(timeout=30)
        for log in logs.values():
            log.close()
        queue.purge_queues()
