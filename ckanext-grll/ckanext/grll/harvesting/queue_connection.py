"""The harvest consumers wait on an idle queue for as long as it stays idle.

ckanext-harvest's gather and fetch consumers block on a Redis list (``BLPOP`` with no
timeout) until a job arrives. redis-py 8, which CKAN 2.12 pins, gives every connection a
5-second socket timeout, and ckanext-harvest 1.6.3 opens its connection without one, so
``ckan harvester gather-consumer`` and ``fetch-consumer`` stop with ``TimeoutError`` about
a minute after their queue empties (ckan/ckanext-harvest#581). Until a release opens
the connection with ``socket_timeout=None``, the portal does it here; connecting keeps
its timeout, so a Redis that is down is still reported at once.
"""
from __future__ import annotations

from typing import Any

from ckanext.harvest import queue

_opened_by_harvest = queue.get_connection_redis


def _connection_that_waits() -> Any:
    connection = _opened_by_harvest()
    connection.connection_pool.connection_kwargs["socket_timeout"] = None
    return connection


def wait_on_idle_queues() -> None:
    """Make ckanext-harvest's Redis connections block on reads (idempotent)."""
    queue.get_connection_redis = _connection_that_waits
