"""What the commitments' benchmarks (bench/domain_<name>.py) share.

Each one loads CKAN with the portal's plugins from a test ini, brings its
databases up to date, fills them, times the real actions and prints every figure
with its target and ratio (ratio <= 1 meets a latency target).
"""
from __future__ import annotations

import argparse
import statistics
from typing import Any


def start(description: str) -> Any:
    """Parse ``--ini``, load CKAN from it (with a request context) and apply every
    migration; returns the WSGI app."""
    import click
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    from ckanext.grll.cli import upgrade_databases

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--ini", required=True, help="a test ini, e.g. config/test.ini")
    args = parser.parse_args()
    app = make_app(load_config(args.ini))
    app._wsgi_app.test_request_context().push()
    with click.Context(click.Command("bench")) as ctx:
        upgrade_databases(ctx, skip_core=False)
    return app


def p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20)[-1]


def report_latency(label: str, timings_ms: list[float], target_p95_ms: float) -> bool:
    """One line: calls, p50, p95 (of sorted timings), target and ratio; True when met."""
    p95 = timings_ms[int(len(timings_ms) * 0.95) - 1]
    print(f"{label} ({len(timings_ms)} calls): p50 {statistics.median(timings_ms):.1f} ms, "
          f"p95 {p95:.1f} ms, target p95 < {target_p95_ms:.0f} ms, "
          f"ratio {p95 / target_p95_ms:.2f}")
    return p95 <= target_p95_ms
