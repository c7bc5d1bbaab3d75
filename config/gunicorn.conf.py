"""gunicorn settings of every way the portal is served: `make run`, the test suite's
live server, `make bench` and the Docker image (`gunicorn -c config/gunicorn.conf.py`).

Several worker processes, so one slow request does not freeze the portal, and a
worker timeout, so a request that never ends is cut. The address to listen on is
given on the command line (`--bind`); the ini to serve comes from CKAN_INI.

    GRLL_WEB_WORKERS   worker processes (default 2 x CPU cores + 1, at most 12)
    GRLL_WEB_TIMEOUT   seconds a request may take before its worker is restarted (default 60)
"""
from __future__ import annotations

import os
from pathlib import Path


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"{name} must be a whole number of at least 1 (it is {raw!r}).")
    return int(raw)


chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "config.wsgi:application"
# Each worker is a whole CKAN (about 300 MB) with a few database connections:
# the default stops at 12 however many cores the host has.
workers = _positive_int("GRLL_WEB_WORKERS", min(2 * (os.cpu_count() or 1) + 1, 12))
timeout = _positive_int("GRLL_WEB_TIMEOUT", 60)
# Ctrl-C and container stops should not wait the default 30 s for idle workers.
graceful_timeout = 10
# A CKAN worker slowly grows (caches, templates): replace each after some requests,
# at staggered moments so they do not all restart together.
max_requests = 2000
max_requests_jitter = 200
# Forwarded headers are trusted by the application alone, through the number of
# proxies in ckanext.grll.trusted_proxies; gunicorn must not act on them first.
forwarded_allow_ips = ""
# gunicorn 27's control socket has one fixed path per user: two portals on one machine
# (make run beside a test run) would fight over it, and nothing here uses it.
control_socket_disable = True
