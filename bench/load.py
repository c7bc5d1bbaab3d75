"""Load benchmark: what `make run`'s server holds with 20 concurrent clients.

Seeds the test databases of the given ini with the seed catalog (`ckan grll seed`,
idempotent), starts the portal exactly as `make run` does (gunicorn with
config/gunicorn.conf.py, scripts/portal.py) on the ini's site address, runs the
seed's harvests with the real consumers (the water samples the water page shows),
warms it up, then 20 client threads
ask for a mix of pages in turn for 20 s: the home page, the dataset list, a
dataset, the water page of Trujillo, the district comparison of El Porvenir and
an API search. Prints requests/s, p50/p95 per page and overall, errors, and the
ratio to the targets (>= 40 requests/s, p95 < 1 s, no errors) beside the figure
of the single-process development server `make run` used before.

    python bench/load.py --ini config/test2.ini
"""
from __future__ import annotations

import argparse
import http.client
import os
import runpy
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import portal  # noqa: E402
import serving  # noqa: E402

PAGES = {
    "home": "/",
    "dataset list": "/dataset/",
    "a dataset": "/dataset/distritos-la-libertad-ubigeo-poblacion",
    "water in Trujillo": "/agua?ubigeo=130101",
    "district comparison": "/seguridad/comparar?distrito=130102",
    "API search": "/api/3/action/package_search?q=agua",
}
TARGET_RPS = 40.0
TARGET_P95_MS = 1000.0
#: `ckan run` (one process) before this benchmark existed: the home page alone,
#: 10 clients (issue 14).
BEFORE = "before, `ckan run` in one process: about 18 pages/s (home page only, 10 clients), p95 616 ms"


def get(host: str, port: int, path: str) -> int:
    """One request on a new connection (as gunicorn's workers close each one)."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_clients(base: str, clients: int, seconds: float, most: int | None = None
                ) -> tuple[dict, list[str], float]:
    """`clients` threads asking for PAGES in turn until `seconds` have passed (or
    `most` requests were answered). Returns latencies (ms) by page, the errors, and
    the elapsed time."""
    parts = urlsplit(base)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    names = list(PAGES)
    deadline = time.monotonic() + seconds
    answered = [0]

    def client(offset: int) -> None:
        turn = offset
        while time.monotonic() < deadline and (most is None or answered[0] < most):
            name = names[turn % len(names)]
            turn += 1
            started = time.perf_counter()
            try:
                status = get(parts.hostname, parts.port, PAGES[name])
                problem = None if status == 200 else f"{name}: HTTP {status}"
            except OSError as error:
                problem = f"{name}: {error}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                answered[0] += 1
                latencies[name].append(elapsed)
                if problem:
                    errors.append(problem)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - started


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def report(latencies: dict[str, list[float]], errors: list[str], elapsed: float,
           clients: int, workers: int, busy: float) -> bool:
    every = [value for values in latencies.values() for value in values]
    rate = len(every) / elapsed
    overall_p95 = p95(every)
    print(f"load: gunicorn with {workers} workers, {clients} concurrent clients, "
          f"{elapsed:.0f} s, {len(every)} requests")
    # The clients share the machine with the server: other work on it shows here.
    print(f"load: machine load average before the run {busy:.1f} on {os.cpu_count()} cores "
          "(figures compare only on an otherwise idle machine)")
    for name, values in latencies.items():
        print(f"  {name:<20} {len(values):>5} requests  p50 {statistics.median(values):6.0f} ms"
              f"  p95 {p95(values):6.0f} ms")
    print(f"load: {rate:.1f} requests/s, target >= {TARGET_RPS:.0f}, "
          f"ratio {rate / TARGET_RPS:.2f} (>= 1 meets)")
    print(f"load: p95 {overall_p95:.0f} ms, target < {TARGET_P95_MS:.0f} ms, "
          f"ratio {overall_p95 / TARGET_P95_MS:.2f}")
    print(f"load: {len(errors)} errors, target 0" + (f" (first: {errors[0]})" if errors else ""))
    print(f"load: {BEFORE}")
    return rate >= TARGET_RPS and overall_p95 < TARGET_P95_MS and not errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ini", required=True, type=Path, help="a test ini, e.g. config/test.ini")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    ini = args.ini.resolve()
    serving.seed(ini, "load")
    port = serving.site_port(ini, "load")
    busy = os.getloadavg()[0]
    workers = runpy.run_path(str(portal.GUNICORN_CONF))["workers"]
    with serving.served(ini, port, "load") as base:
        # The pages with their harvested data (Trujillo's water samples): a portal
        # with empty tables answers faster than the public one would.
        harvested = serving.run_harvests(ini, "load")
        print(f"load: {harvested} seed harvest jobs run before measuring")
        # Each worker renders each page slowly the first time (templates, caches):
        # enough requests first that every worker has seen every page a few times.
        run_clients(base, args.clients, 300, most=3 * workers * len(PAGES))
        latencies, errors, elapsed = run_clients(base, args.clients, args.seconds)
    return 0 if report(latencies, errors, elapsed, args.clients, workers, busy) else 1


if __name__ == "__main__":
    raise SystemExit(main())
