"""Turn the documents CKAN sends to Solr into rows of ``grll_search``.

Input values are first made into the strings Solr would receive (pysolr's own
conversion), so what is stored, matched and returned is what Solr would hold.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import fields as f
from .analysis import index_text
from .compiler import format_sortable_date

_SOLR_DATE_RE = re.compile(
    r"^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(Z|[+-]\d{2}:\d{2})?$")


class DocumentError(ValueError):
    """A document Solr would reject (missing key, bad date)."""


@dataclass
class Row:
    index_id: str
    columns: dict[str, Any]
    fields: dict[str, list[str]]
    weighted: tuple[str, str, str, str]
    validated_data_dict: str | None
    data_dict: str | None
    stored: str
    #: (field, value) pairs that get facet ids
    facet_terms: list[tuple[str, str]]


def parse_solr_date(value: str) -> dt.datetime:
    m = _SOLR_DATE_RE.match(value)
    if not m:
        raise DocumentError(f"Invalid Date String:'{value}'")
    micro = int((m.group(7) or "0")[:6].ljust(6, "0"))
    # CKAN appends no Z to dates that carry an offset (index.py).
    zone = dt.timezone.utc
    if m.group(8) and m.group(8) != "Z":
        sign = -1 if m.group(8)[0] == "-" else 1
        zone = dt.timezone(sign * dt.timedelta(
            hours=int(m.group(8)[1:3]), minutes=int(m.group(8)[4:6])))
    try:
        return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                           int(m.group(4)), int(m.group(5)), int(m.group(6)),
                           micro, tzinfo=zone).astimezone(dt.timezone.utc)
    except ValueError:
        raise DocumentError(f"Invalid Date String:'{value}'") from None


def format_solr_date(when: dt.datetime) -> str:
    """As Solr returns dates: UTC, milliseconds only when not zero."""
    when = when.astimezone(dt.timezone.utc)
    base = when.strftime("%Y-%m-%dT%H:%M:%S")
    millis = when.microsecond // 1000
    return base + (f".{millis:03d}Z" if millis else "Z")


def build_row(doc: dict[str, Any], to_solr: Callable[[Any], str],
              is_null: Callable[[Any], bool],
              now: dt.datetime | None = None) -> Row:
    values: dict[str, list[str]] = {}
    for key, value in doc.items():
        items = value if isinstance(value, (list, tuple, set)) else [value]
        strings = [to_solr(v) for v in items if not is_null(v)]
        if strings:
            values[key] = strings
    for required in ("index_id", "id", "site_id"):
        if required not in values:
            raise DocumentError(
                "[doc={}] missing required field: {}".format(values.get("id", ["null"])[0], required))
    values.setdefault("indexed_ts", [
        format_solr_date(now or dt.datetime.now(dt.timezone.utc))])
    for key, items in values.items():
        if not f.is_multi_valued(key) and len(items) > 1 and (
                f.is_stored(key) or key in f.COLUMN_FIELDS):
            raise DocumentError(
                "ERROR: [doc={}] multiple values encountered for non "
                "multiValued field {}: {}".format(values["id"][0], key, items))

    dates: dict[str, dt.datetime] = {}
    for key in list(values):
        if f.is_date(key) and key not in f.STORED_ONLY:
            parsed = [parse_solr_date(v) for v in values[key]]
            dates[key] = parsed[0]
            values[key] = [format_solr_date(d) for d in parsed]

    columns: dict[str, Any] = {
        name: values[name][0] if name in values else None
        for name in f.COLUMN_FIELDS}
    columns["title"] = values.get("title", [None])[0]
    for name in f.DATE_COLUMNS:
        columns[name] = dates.get(name)
    for name in f.ARRAY_FIELDS:
        # Facets count documents, not values: each value once per document.
        columns[name] = list(dict.fromkeys(values.get(name, [])))

    indexed: dict[str, list[str]] = {}
    # The copyField targets title_ngram and name_ngram are stored, but
    # matched on the title and name columns.
    stored: dict[str, Any] = {
        f"{source}_ngram": values[source][0]
        for source in ("title", "name") if source in values}
    for key, items in values.items():
        if f.is_stored(key) and key not in f.STORED_ONLY:
            stored[key] = items if f.is_multi_valued(key) else items[0]
        if key in f.STORED_ONLY or key in f.COLUMN_FIELDS or \
                key in f.ARRAY_FIELDS or key in f.DATE_COLUMNS or \
                f.is_stored_text(key):
            continue
        if key in dates:
            # Fixed width, so that comparing the strings compares the times.
            indexed[key] = [format_sortable_date(parse_solr_date(v))
                            for v in items]
        else:
            indexed[key] = list(dict.fromkeys(items))

    def words(names: tuple[str, ...], prefixes: tuple[str, ...] = ()) -> str:
        return index_text(" ".join(
            v for key, items in values.items()
            if key in names or (prefixes and key.startswith(prefixes))
            for v in items))

    weighted = (words(f.WEIGHT_A), words(f.WEIGHT_B), words(f.WEIGHT_C),
                words(f.WEIGHT_D, f.WEIGHT_D_PREFIXES))
    facet_terms = [(key, v) for key, items in values.items()
                   if f.has_facet_ids(key) for v in dict.fromkeys(items)]
    return Row(values["index_id"][0], columns, indexed, weighted,
               values.get("validated_data_dict", [None])[0],
               values.get("data_dict", [None])[0], json.dumps(stored),
               facet_terms)

