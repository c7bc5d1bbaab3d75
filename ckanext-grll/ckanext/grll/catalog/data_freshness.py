"""How old is the data a citizen page shows, and is it older than its dataset promises?

A figure, verdict or price on a citizen page comes from a dataset. The page shows
the date of that data (a day, a month or a year) and, when the period it covers
ended longer ago than the dataset's update frequency (``frecuencia``) allows plus a
publication margin, says so in plain words and softens its verdict. This is the
age of the *data* (the newest period it covers), not of the catalog record, which
``freshness.py`` judges for stewards.

Datasets whose data is illustrative carry the schema field
``muestra_demostrativa`` (``true``); pages that show them announce it with one
banner naming the datasets.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ckanext.grll.catalog.freshness import INTERVAL_DAYS

#: Least margin after the period a frequency promises: official figures are published
#: some weeks after the period they cover (a month's prices in the following month).
MIN_MARGIN_DAYS = 31

#: Frequencies with no promise of new data; IRREG is judged as at most two years.
IRREGULAR_DAYS = 730

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class DataDate:
    """A data date at its own precision: the ISO value of <time datetime> and the
    last day of the period it stands for."""

    iso: str
    precision: str  # "day", "month" or "year"
    period_end: dt.date


def parse_data_date(value: Any) -> DataDate | None:
    """A date, datetime, 'YYYY', 'YYYY-MM', 'YYYY-MM-DD…' or a year number; None if not."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DataDate(value.isoformat(), "day", value)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return DataDate(f"{value:04d}", "year", dt.date(value, 12, 31))
    match = _DATE.match(str(value).strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day and month:
            date = dt.date(year, month, day)
            return DataDate(date.isoformat(), "day", date)
        if month:
            return DataDate(f"{year:04d}-{month:02d}", "month", month_end(year, month))
        return DataDate(f"{year:04d}", "year", dt.date(year, 12, 31))
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def allowed_days(frecuencia: str | None) -> int | None:
    """Days after the end of its period that data of this frequency still counts as
    current; None when the dataset promises nothing (NEVER) or says nothing."""
    if frecuencia == "IRREG":
        return IRREGULAR_DAYS
    interval = INTERVAL_DAYS.get(frecuencia or "")
    if interval is None:
        return None
    return interval + max(interval // 2, MIN_MARGIN_DAYS)


def age_in_days(date: DataDate, today: dt.date) -> int:
    return max(0, (today - date.period_end).days)


def months_between(older: dt.date, newer: dt.date) -> int:
    months = (newer.year - older.year) * 12 + newer.month - older.month
    if newer.day < older.day:
        months -= 1
    return max(0, months)


def is_stale(date: DataDate, frecuencia: str | None, today: dt.date) -> bool:
    limit = allowed_days(frecuencia)
    return limit is not None and age_in_days(date, today) > limit


def is_demo(pkg_dict: dict[str, Any] | None) -> bool:
    """True when the dataset marks its data as an illustrative sample."""
    if not pkg_dict:
        return False
    return str(pkg_dict.get("muestra_demostrativa", "")).strip().lower() in ("true", "1", "yes")
