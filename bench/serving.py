"""The portal served for a benchmark, as `make run` serves it (bench/load.py,
bench/page_weight.py).

The test databases of an ini get the seed catalog (`ckan grll seed`, idempotent),
then gunicorn with config/gunicorn.conf.py (scripts/portal.py) serves them on a port
beside the test slot's live server, its messages in var/<ini>/<name>-server.log,
until the benchmark is done. bench/load.py serves on the ini's own site address
instead and runs the seed's harvests there, so that its pages show harvested data.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import portal  # noqa: E402

#: How long a cold start may take (the first workers import CKAN and every plugin).
START_SECONDS = 300


def seed(ini: Path, name: str) -> None:
    """Load the seed catalog into the databases of `ini`; stops the benchmark `name`
    with CKAN's messages when it does not load."""
    ckan = str(Path(sys.executable).parent / "ckan")
    seeded = subprocess.run([ckan, "-c", str(ini), "grll", "seed"], capture_output=True,
                            text=True)
    if seeded.returncode != 0:
        print(seeded.stdout[-2000:] + seeded.stderr[-2000:])
        raise SystemExit(f"{name}: the seed catalog did not load (see above)")


def site_port(ini: Path, name: str) -> int:
    """The port of `ini`'s ckan.site_url (where the seed harvest sources fetch their
    samples from); stops the benchmark `name` when it is taken."""
    port = urlsplit(portal.ini_settings(ini)["ckan.site_url"]).port or 80
    if not portal.port_is_free(port):
        raise SystemExit(f"{name}: port {port} of ckan.site_url is in use (a test run on "
                         "this slot?); stop it or use another GRLL_TEST_SLOT")
    return port


def run_harvests(ini: Path, name: str, timeout: float = 600) -> int:
    """Run the harvest jobs the seed queued (water samples, prices, offers...) with the
    real consumers and job worker, as `make run` does, until every job has finished;
    the portal must be serving `ini`'s site address. Returns how many jobs ran."""
    ckan = str(Path(sys.executable).parent / "ckan")
    database = urlsplit(portal.ini_settings(ini)["sqlalchemy.url"]).path.lstrip("/")

    def unfinished() -> int:
        return int(portal.superuser_sql(
            "SELECT count(*) FROM harvest_job WHERE status <> 'Finished'", database))

    pending = unfinished()
    if not pending:
        return 0
    log = (ini.parent.parent / "var" / ini.stem).joinpath(f"{name}-harvest.log")
    with log.open("w") as output:
        consumers = [subprocess.Popen([ckan, "-c", str(ini), "harvester", stage],
                                      stdout=output, stderr=subprocess.STDOUT,
                                      start_new_session=True)
                     for stage in ("gather-consumer", "fetch-consumer")]
        try:
            deadline = time.monotonic() + timeout
            while unfinished():
                if time.monotonic() > deadline:
                    raise SystemExit(f"{name}: the seed harvests did not finish within "
                                     f"{timeout:.0f} s; see {log}")
                time.sleep(3)
                # Closes the jobs whose objects are all imported (the scheduler's work).
                subprocess.run([ckan, "-c", str(ini), "harvester", "run"],
                               stdout=output, stderr=subprocess.STDOUT)
        finally:
            for consumer in consumers:
                os.killpg(consumer.pid, 15)
                consumer.wait(timeout=30)
        # The summaries the imports queued (the water figures).
        subprocess.run([ckan, "-c", str(ini), "jobs", "worker", "--burst", "default"],
                       stdout=output, stderr=subprocess.STDOUT, check=True)
    return pending


def free_port(name: str, variable: str, offset: int) -> int:
    """The port in the environment `variable`, else the test slot's live server port
    + `offset` (beside it, not on it); stops the benchmark `name` when it is taken."""
    port = int(os.environ.get(variable, "0")) or portal.ENVIRONMENTS["test"].port + offset
    if not portal.port_is_free(port):
        raise SystemExit(f"{name}: port {port} is in use; set {variable} to a free one")
    return port


@contextmanager
def served(ini: Path, port: int, log_name: str, workers: int | None = None) -> Iterator[str]:
    """The portal of `ini` served by gunicorn on 127.0.0.1:`port` (`workers`, else
    gunicorn.conf.py's number); yields its base URL once it answers, stops it after."""
    command, environment = portal.web_server_command(ini, port, workers=workers)
    base = f"http://127.0.0.1:{port}"
    log = (ini.parent.parent / "var" / ini.stem).joinpath(f"{log_name}-server.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        server = subprocess.Popen(command, env=environment, stdout=output,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        try:
            if not portal.wait_until_serving(base, server, timeout=START_SECONDS):
                if server.poll() is not None:
                    raise SystemExit(f"the portal's server stopped while starting; see {log}")
                raise SystemExit(f"the portal did not answer on {base} within "
                                 f"{START_SECONDS} s; see {log}")
            yield base
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
