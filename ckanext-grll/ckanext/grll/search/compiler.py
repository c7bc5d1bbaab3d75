"""Compile parsed queries into SQL over ``grll_search.document`` (alias ``d``).

Each field is matched the way its Solr type would match it: exact strings
(columns, ``text[]`` columns or ``x.fields``, the jsonb of ``field_index``
that the searcher joins when a clause names it), tokenized text (the
weighted tsvector of ``text_index``), dates (with Solr's date math) and
integers. Expressions may be NULL for a missing field, so negations use
``IS NOT TRUE``.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from . import fields as f
from .analysis import fold, query_text
from .lucene import Bool, MatchAll, Node, QuerySyntaxError, Range, Term

#: Pseudo field name the dismax parser gives free-text terms.
QUERY_FIELDS = "\x00qf"

RANK_WEIGHTS = "{0.2,0.2,0.6,1.0}"
#: The same weights of title, name (A), tags and groups (B) for the full
#: tsvector, with the rest (C, D) not counted.
HEAD_RANK_WEIGHTS = "{0,0,0.6,1.0}"


@dataclass
class Compiled:
    sql: str
    #: tsquery SQL expressions of the positive text clauses, for ``score``
    rank: list[str] = field(default_factory=list)
    #: set when the clause is exactly "the catch-all text matches this
    #: tsquery", so that sibling clauses merge into one index lookup
    tsq: str | None = None


def text_match(tsq: str) -> str:
    return (f"d.index_id IN (SELECT t.index_id FROM grll_search.text_index t"
            f" WHERE t.tsv @@ {tsq})")


def _merge_text(parts: list[Compiled], operator: str) -> list[Compiled]:
    """Catch-all text clauses combined into one tsquery: one GIN lookup."""
    text = [c for c in parts if c.tsq]
    if len(text) < 2:
        return parts
    tsq = "(" + operator.join(c.tsq for c in text if c.tsq) + ")"
    merged = Compiled(text_match(tsq), [r for c in text for r in c.rank], tsq)
    return [merged] + [c for c in parts if not c.tsq]


#: Beyond this many combinations, "k of n" stays a sum of matches.
MAX_COMBINATIONS = 64


def _text_min_match(should: list[Compiled], needed: int) -> list[Compiled]:
    """Free text with a minimum match (dismax ``mm``: two of three words...)
    as one tsquery, an OR of every combination of ``needed`` words: one GIN
    lookup instead of one per word and a count per document."""
    if not all(c.tsq for c in should) or math.comb(len(should), needed) > MAX_COMBINATIONS:
        return should
    tsq = "(" + " || ".join(
        "(" + " && ".join(c.tsq for c in group if c.tsq) + ")"
        for group in itertools.combinations(should, needed)) + ")"
    return [Compiled(text_match(tsq), [r for c in should for r in c.rank], tsq)]


class Compiler:
    """Holds the bind parameters of one statement while clauses compile."""

    def __init__(self, ts_config: str, query_fields: tuple[str, ...] = ("text",),
                 now: dt.datetime | None = None) -> None:
        self.ts_config = ts_config
        self.query_fields = query_fields
        self.params: dict[str, Any] = {}
        self.now = now or dt.datetime.now(dt.timezone.utc)

    def bind(self, value: Any) -> str:
        """Named placeholders, so that a fragment (the rank tsquery) can be
        used twice in one statement."""
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"

    def compile(self, node: Node) -> Compiled:
        if isinstance(node, MatchAll):
            return Compiled("TRUE")
        if isinstance(node, Bool):
            return self._bool(node)
        if isinstance(node, Range):
            return Compiled(self._range(node))
        return self._term(node)

    # boolean structure ------------------------------------------------
    def _bool(self, node: Bool) -> Compiled:
        rank: list[str] = []
        must = [self.compile(n) for n in node.must]
        should = self._grouped(node.should)
        must_not = [self.compile(n) for n in node.must_not]
        for c in must + should:
            rank.extend(c.rank)
        needed = node.min_should or (0 if must else 1) if should else 0
        if needed >= len(should):
            must, should = must + should, []
        elif needed > 1:
            should = _text_min_match(should, needed)
            if len(should) == 1:
                must, should = must + should, []
        must = _merge_text(must, " && ")
        if needed == 1:
            should = _merge_text(should, " || ")
        parts = [c.sql for c in must]
        if len(should) == 1 and needed == 1 and not parts and not must_not:
            return Compiled(should[0].sql, rank, should[0].tsq)
        if len(must) == 1 and not should and not must_not:
            return Compiled(must[0].sql, rank, must[0].tsq)
        if should:
            if needed == 1:
                parts.append("(" + " OR ".join(c.sql for c in should) + ")")
            elif needed > 1:
                # The OR lets PostgreSQL use the indexes before counting.
                parts.append("(" + " OR ".join(c.sql for c in should) + ")")
                parts.append("(" + " + ".join(
                    f"(({c.sql}) IS TRUE)::int" for c in should)
                    + f") >= {needed}")
        parts.extend(f"({c.sql}) IS NOT TRUE" for c in must_not)
        if not parts:
            return Compiled("FALSE")
        return Compiled("(" + " AND ".join(parts) + ")", rank)

    def _grouped(self, nodes: list[Node]) -> list[Compiled]:
        """Alternatives on one exact-string field become one ``= ANY`` or
        ``&&`` test, which the btree and GIN indexes answer directly."""
        by_field: dict[str, list[str]] = {}
        rest: list[Node] = []
        for n in nodes:
            if (isinstance(n, Term) and n.kind in ("term", "phrase")
                    and (n.field in f.COLUMN_FIELDS or n.field in f.ARRAY_FIELDS)):
                by_field.setdefault(n.field, []).append(n.text)
            else:
                rest.append(n)
        out = []
        for name, values in by_field.items():
            if name in f.ARRAY_FIELDS:
                out.append(Compiled(
                    f"d.{name} && {self.bind(values)}::text[]"))
            else:
                out.append(Compiled(
                    f"d.{name} = ANY({self.bind(values)}::text[])"))
        out.extend(self.compile(n) for n in rest)
        return out

    # leaves -----------------------------------------------------------
    def _term(self, node: Term) -> Compiled:
        name = node.field
        if name == QUERY_FIELDS:
            return self._query_fields(node)
        if name == "*":
            raise QuerySyntaxError(
                "undefined field *: only *:* is accepted")
        if node.kind == "exists":
            return Compiled(self._exists(name))
        if name in f.NGRAM_FIELDS:
            return Compiled(self._ngram(f.NGRAM_FIELDS[name], node.text))
        if f.is_text(name):
            return self._text(name, node)
        if f.is_date(name):
            if node.kind in ("prefix", "wildcard"):
                raise QuerySyntaxError(
                    f"Invalid Date String:'{node.text}'")
            when = parse_date_math(node.text, self.now)
            return Compiled(f"{self._date_expr(name)} = {self._date_bind(name, when)}")
        if name in f.INT_FIELDS:
            return Compiled(f"{self._int_expr(name)} = {self.bind(self._int(node.text))}")
        return Compiled(self._string(name, node))

    def _query_fields(self, node: Term) -> Compiled:
        """A dismax clause matches when any of the ``qf`` fields matches.
        Fields already copied into ``text`` add nothing to the match."""
        names = self.query_fields
        if "text" in names:
            names = ("text",) + tuple(
                n for n in names if n != "text" and not f.copied_to_text(n))
        compiled = [self._term(Term(n, node.text, node.kind)) for n in names]
        if len(compiled) == 1:
            return compiled[0]
        rank = [r for c in compiled for r in c.rank]
        return Compiled("(" + " OR ".join(c.sql for c in compiled) + ")", rank)

    def _tsquery(self, node: Term) -> str:
        if node.kind in ("prefix", "wildcard"):
            stem = re.split(r"(?<!\\)[*?]", node.text)[0]
            word = re.sub(r"\W+", " ", fold(stem.replace("\\", ""))).split()
            if not word:
                return "''::tsquery"
            lexemes = " <-> ".join(
                f"'{w}'" for w in word[:-1]) + (" <-> " if len(word) > 1
                                                   else "")
            return "to_tsquery('simple', {})".format(self.bind(
                lexemes + f"'{word[-1]}':*"))
        return f"phraseto_tsquery('{self.ts_config}', {self.bind(query_text(node.text))})"

    def _text(self, name: str, node: Term) -> Compiled:
        tsq = self._tsquery(node)
        if name == "text":
            return Compiled(text_match(tsq), [tsq], tsq)
        if name == "title":
            source = "d.title"
        elif f.is_stored_text(name):
            source = (f"(SELECT grll_search.field_text(s.doc::jsonb, {self.bind(name)})"
                      " FROM grll_search.stored s WHERE s.index_id = d.index_id)")
        else:
            source = f"grll_search.field_text(x.fields, {self.bind(name)})"
        exact = f"to_tsvector('{self.ts_config}', coalesce({source}, '')) @@ {tsq}"
        if name in f.WEIGHT_A or name in f.WEIGHT_B:
            # The head's words of this weight (title and name are A) narrow
            # the set before the field's own words are analysed again.
            weight = "a" if name in f.WEIGHT_A else "b"
            return Compiled(f"(d.tsv_head @@ {tsq} AND ts_filter(d.tsv_head, '{{{weight}}}')"
                            f" @@ {tsq} AND {exact})", [tsq])
        if f.copied_to_text(name):
            # The catch-all tsvector is indexed: narrow with it first.
            return Compiled(f"({text_match(tsq)} AND {exact})", [tsq])
        return Compiled(exact, [tsq])

    def _ngram(self, column: str, text: str) -> str:
        words = text.lower().split()
        if not words or any(len(w) > f.NGRAM_MAX or len(w) < 2 for w in words):
            return "FALSE"
        return "(" + " AND ".join(
            "d.{} ILIKE {}".format(column, self.bind(
                "%" + _like_pattern(w, "term") + "%"))
            for w in words) + ")"

    def _exists(self, name: str) -> str:
        if name == "text":
            return ("d.index_id IN (SELECT t.index_id FROM"
                    " grll_search.text_index t WHERE t.tsv <> ''::tsvector)")
        if name in f.ARRAY_FIELDS:
            return f"cardinality(d.{name}) > 0"
        if name in f.COLUMN_FIELDS or name in f.DATE_COLUMNS or name == "title":
            return f"d.{name} IS NOT NULL"
        if f.is_stored_text(name):
            return (f"(SELECT s.doc::jsonb ? {self.bind(name)} FROM"
                    " grll_search.stored s WHERE s.index_id = d.index_id)")
        return f"x.fields ? {self.bind(name)}"

    def _string(self, name: str, node: Term) -> str:
        if node.kind in ("prefix", "wildcard"):
            pattern = _like_pattern(node.text, node.kind)
            return self._any_value(name, f"v LIKE {self.bind(pattern)}")
        if name in f.COLUMN_FIELDS:
            return f"d.{name} = {self.bind(node.text)}"
        if name in f.ARRAY_FIELDS:
            return f"d.{name} @> ARRAY[{self.bind(node.text)}]::text[]"
        return "x.fields @> {}::jsonb".format(self.bind(
            json.dumps({name: [node.text]})))

    def _any_value(self, name: str, test: str) -> str:
        """``test`` over the value(s) ``v`` of an exact-string field."""
        if name in f.COLUMN_FIELDS:
            return f"(SELECT {test} FROM (SELECT d.{name} AS v) x)"
        if name in f.ARRAY_FIELDS:
            source = f"unnest(d.{name})"
        else:
            source = "jsonb_array_elements_text(x.fields -> {})".format(self.bind(
                name))
        return f"EXISTS (SELECT 1 FROM {source} v WHERE {test})"

    def _range(self, node: Range) -> str:
        name = node.field
        if f.is_date(name):
            low = None if node.low is None else self._date_bind(
                name, parse_date_math(node.low, self.now))
            high = None if node.high is None else self._date_bind(
                name, parse_date_math(node.high, self.now))
            return self._between(self._date_expr(name), low, high, node)
        if name in f.INT_FIELDS:
            low = None if node.low is None else self.bind(self._int(node.low))
            high = None if node.high is None else self.bind(
                self._int(node.high))
            return self._between(self._int_expr(name), low, high, node)
        if f.is_text(name):
            raise QuerySyntaxError(
                f"range queries on the text field {name} are not supported")
        low = None if node.low is None else self.bind(node.low)
        high = None if node.high is None else self.bind(node.high)
        tests = []
        if low:
            tests.append("v {} {}".format(">=" if node.include_low else ">", low))
        if high:
            tests.append("v {} {}".format("<=" if node.include_high else "<", high))
        return self._any_value(name, " AND ".join(
            f"{t} COLLATE \"C\"" for t in tests))

    @staticmethod
    def _between(expr: str, low: str | None, high: str | None,
                 node: Range) -> str:
        tests = []
        if low:
            tests.append("{} {} {}".format(expr, ">=" if node.include_low else ">",
                                       low))
        if high:
            tests.append("{} {} {}".format(expr, "<=" if node.include_high else "<",
                                       high))
        return "(" + " AND ".join(tests) + ")"

    @staticmethod
    def _int(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise QuerySyntaxError(f"Invalid Number: {text}") from None

    @staticmethod
    def _int_expr(name: str) -> str:
        return f"(x.fields -> '{name}' ->> 0)::numeric"

    @staticmethod
    def _date_expr(name: str) -> str:
        if name in f.DATE_COLUMNS:
            return f"d.{name}"
        return f"(x.fields -> '{name}' ->> 0)"

    def _date_bind(self, name: str, when: dt.datetime) -> str:
        # jsonb dates are stored as fixed-width strings that sort by time.
        if name in f.DATE_COLUMNS:
            return self.bind(when)
        return self.bind(format_sortable_date(when))


_DATE_RE = re.compile(
    r"^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z")
_MATH_RE = re.compile(r"([+-])(\d+)([A-Z]+)|/([A-Z]+)")
_UNITS = {
    "YEAR": "year", "YEARS": "year", "MONTH": "month", "MONTHS": "month",
    "DAY": "day", "DAYS": "day", "DATE": "day", "HOUR": "hour",
    "HOURS": "hour", "MINUTE": "minute", "MINUTES": "minute",
    "SECOND": "second", "SECONDS": "second", "MILLI": "ms", "MILLIS": "ms",
    "MILLISECOND": "ms", "MILLISECONDS": "ms",
}


def parse_date_math(text: str, now: dt.datetime) -> dt.datetime:
    """Solr date syntax: ISO instant with ``Z`` or ``NOW``, then date math
    such as ``-1DAY`` or ``/MONTH``."""
    if text.startswith("NOW"):
        base, rest = now, text[3:]
    else:
        m = _DATE_RE.match(text)
        if not m:
            raise QuerySyntaxError(f"Invalid Date String:'{text}'")
        frac = m.group(7) or ".0"
        try:
            base = dt.datetime(
                int(m.group(1)), int(m.group(2)), int(m.group(3)),
                int(m.group(4)), int(m.group(5)), int(m.group(6)),
                int(float(frac) * 1_000_000), tzinfo=dt.timezone.utc)
        except ValueError:
            raise QuerySyntaxError(
                f"Invalid Date String:'{text}'") from None
        rest = text[m.end():]
    pos = 0
    while pos < len(rest):
        m = _MATH_RE.match(rest, pos)
        unit = m and _UNITS.get(m.group(3) or m.group(4))
        if not m or not unit:
            raise QuerySyntaxError(f"Invalid Date Math String:'{text}'")
        if m.group(4):
            base = _round(base, unit)
        else:
            amount = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
            base = _add(base, unit, amount)
        pos = m.end()
    return base


def _round(when: dt.datetime, unit: str) -> dt.datetime:
    order = ["year", "month", "day", "hour", "minute", "second", "ms"]
    keep = order.index(unit)
    values = {
        "month": 1 if keep < 1 else when.month,
        "day": 1 if keep < 2 else when.day,
        "hour": 0 if keep < 3 else when.hour,
        "minute": 0 if keep < 4 else when.minute,
        "second": 0 if keep < 5 else when.second,
        "microsecond": 0 if keep < 6 else when.microsecond // 1000 * 1000,
    }
    return when.replace(**values)


def _add(when: dt.datetime, unit: str, amount: int) -> dt.datetime:
    if unit in ("year", "month"):
        months = when.month - 1 + amount * (12 if unit == "year" else 1)
        year, month = when.year + months // 12, months % 12 + 1
        day = min(when.day, _days_in_month(year, month))
        return when.replace(year=year, month=month, day=day)
    seconds = {"day": 86400, "hour": 3600, "minute": 60, "second": 1,
               "ms": 0.001}[unit]
    return when + dt.timedelta(seconds=seconds * amount)


def _days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def format_sortable_date(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _like_pattern(raw: str, kind: str) -> str:
    """LIKE pattern of a literal (``term``), ``prefix`` or Lucene wildcard."""
    if kind in ("term", "prefix"):
        literal = raw.replace("\\", "\\\\").replace("%", "\\%").replace(
            "_", "\\_")
        return literal + ("%" if kind == "prefix" else "")
    out = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            out.append("\\" + nxt if nxt in "%_\\" else nxt)
            i += 2
            continue
        out.append({"*": "%", "?": "_", "%": "\\%", "_": "\\_"}.get(c, c))
        i += 1
    return "".join(out)
