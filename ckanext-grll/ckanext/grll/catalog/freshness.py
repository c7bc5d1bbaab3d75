"""Freshness: has a dataset been updated as often as its frequency promises?

A dataset is due when its declared update frequency (frecuencia, EU frequency
codes) has passed since its data last changed, plus a grace period of a tenth
of the interval (at least one day), so a monthly dataset updated on the 3rd of
each month is not flagged on the 2nd. Continuous, irregular and never-updated
datasets are never due.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

#: Days between updates promised by each frequency code.
INTERVAL_DAYS = {"CONT": 1, "DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "QUARTERLY": 92,
                 "BIANNUAL": 183, "ANNUAL": 366}


def _parse(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def last_data_update(pkg_dict: dict[str, Any]) -> dt.datetime | None:
    """When the data last changed: the newest resource upload or change, else the metadata."""
    moments = [_parse(resource.get(key)) for resource in pkg_dict.get("resources", [])
               for key in ("last_modified", "created")]
    moments = [moment for moment in moments if moment]
    if moments:
        return max(moments)
    return _parse(pkg_dict.get("metadata_modified"))


def due_date(pkg_dict: dict[str, Any]) -> dt.datetime | None:
    """The moment after which the dataset counts as outdated; None if it never does."""
    days = INTERVAL_DAYS.get(pkg_dict.get("frecuencia") or "")
    updated = last_data_update(pkg_dict)
    if days is None or updated is None:
        return None
    return updated + dt.timedelta(days=days + max(1, days // 10))


def is_outdated(pkg_dict: dict[str, Any], now: dt.datetime | None = None) -> bool:
    due = due_date(pkg_dict)
    return due is not None and due < (now or dt.datetime.utcnow())
