"""Compile parsed queries into SQL over ``grll_search.document`` (alias ``d``).

Each field is matched the way its Solr type would match it: exact strings
(columns, ``text[]`` columns or ``x.fields``, the jsonb of ``field_index``
that the searcher joins when a clause names it), tokenized text (the
weighted tsvector of ``text_index``), dates (with Solr's date math) and
integers. Expressions may be NULL for a missing field, so negations use
``IS NOT TRUE``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins.toolkit as tk

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
    #: set when the clause is "the catch-all text matches ``narrow`` AND
    #: ``residual``": conjoined siblings then share one text lookup
    narrow: str | None = None
    residual: str | None = None
    #: set when the clause is "the tokenized field ``field`` (not the
    #: catch-all) matches the tsquery ``field_tsq``": sibling clauses on
    #: one field merge into one tsquery, its words analysed once per row
    field: str | None = None
    field_tsq: str | None = None


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


def _merge_narrowing_any(should: list[Compiled]) -> list[Compiled]:
    """Alternatives that each narrow by the catch-all text share one lookup
    of any of their words; each residual implies its own narrowing, so
    ``(n1 AND r1) OR (n2 AND r2)`` is ``(n1 OR n2) AND (r1 OR r2)``."""
    narrowing = [c for c in should if c.narrow and c.residual]
    if len(narrowing) < 2:
        return should
    tsq = "(" + " || ".join(c.narrow or "" for c in narrowing) + ")"
    residual = "(" + " OR ".join(c.residual or "" for c in narrowing) + ")"
    merged = Compiled(f"({text_match(tsq)} AND {residual})",
                      [r for c in narrowing for r in c.rank], narrow=tsq, residual=residual)
    return [merged] + [c for c in should if not (c.narrow and c.residual)]


def _merge_narrowing(must: list[Compiled]) -> list[Compiled]:
    """Required clauses that each narrow by the catch-all text (``notes:x``,
    ``extras_y:z``) share one text lookup with the plain text clauses. One
    sub-select per clause would each become a semi-join, and PostgreSQL's
    planning time grows much faster than their number (128 of them took 10 s
    to plan, before any row was read)."""
    if sum(1 for c in must if c.narrow) + sum(1 for c in must if c.tsq) < 2 \
            or not any(c.narrow for c in must):
        return must
    tsq = "(" + " && ".join(c.tsq or c.narrow or "" for c in must
                            if c.tsq or c.narrow) + ")"
    rest = [Compiled(c.residual) for c in must if c.narrow and c.residual]
    return [Compiled(text_match(tsq), [r for c in must for r in c.rank], tsq)] \
        + rest + [c for c in must if not (c.tsq or c.narrow)]


#: Beyond this many combinations, "k of n" stays a sum of matches.
MAX_COMBINATIONS = 64


def _text_min_match(should: list[Compiled], needed: int) -> list[Compiled]:
    """Free text with a minimum match (dismax ``mm``: two of three words...)
    as one tsquery, an OR of every combination of ``needed`` words: one GIN
    lookup instead of one per word and a count per document. Beyond
    :data:`MAX_COMBINATIONS`, one lookup of any of the words that counts
    them in the same sub-select (not one sub-select per word, which
    PostgreSQL plans and runs word by word)."""
    if not all(c.tsq for c in should):
        return should
    rank = [r for c in should for r in c.rank]
    if math.comb(len(should), needed) > MAX_COMBINATIONS:
        tsqs = [c.tsq or "" for c in should]
        counted = " + ".join(f"(t.tsv @@ {q})::int" for q in tsqs)
        # The matches are gathered first (ARRAY runs once, before the outer
        # statement): PostgreSQL cannot estimate the count, and guessing many
        # matches it would rank and sort the whole catalog to find a few.
        return [Compiled(
            "d.index_id = ANY(ARRAY(SELECT t.index_id FROM grll_search.text_index t WHERE"
            f" t.tsv @@ ({' || '.join(tsqs)}) AND {counted} >= {needed}))", rank)]
    tsq = "(" + " || ".join(
        "(" + " && ".join(c.tsq for c in group if c.tsq) + ")"
        for group in itertools.combinations(should, needed)) + ")"
    return [Compiled(text_match(tsq), rank, tsq)]


def _jsonb_string(name: str) -> bool:
    """An exact-string field kept in ``field_index`` (``vocab_*``...)."""
    return not (name in f.COLUMN_FIELDS or name in f.ARRAY_FIELDS or f.is_text(name)
                or f.is_date(name) or name in f.INT_FIELDS or name in f.NGRAM_FIELDS
                or name in (QUERY_FIELDS, "*"))


def matched_query_fields(names: tuple[str, ...]) -> tuple[str, ...]:
    """The ``qf`` fields a free-text word is matched on: fields already
    copied into ``text`` add nothing to the match."""
    if "text" in names:
        return ("text",) + tuple(
            n for n in names if n != "text" and not f.copied_to_text(n))
    return names


class Compiler:
    """Holds the bind parameters of one statement while clauses compile."""

    def __init__(self, ts_config: str, query_fields: tuple[str, ...] = ("text",),
                 now: dt.datetime | None = None) -> None:
        self.ts_config = ts_config
        self.query_fields = query_fields
        self.params: dict[str, Any] = {}
        self.now = now or dt.datetime.now(dt.timezone.utc)
        self._vectors: dict[str, str] = {}
        #: tsquery -> field of each test on a stored text field: every
        #: dataset with its words anywhere has that field read and analysed.
        self.scanned: dict[str, str] = {}

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
        must = _merge_narrowing(_merge_text(self._merge_field_text(must, " && "), " && "))
        if needed == 1:
            should = _merge_narrowing_any(
                _merge_text(self._merge_field_text(should, " || "), " || "))
        parts = [c.sql for c in must]
        if len(should) == 1 and needed == 1 and not parts and not must_not:
            return dataclasses.replace(should[0], rank=rank)
        if len(must) == 1 and not should and not must_not:
            return dataclasses.replace(must[0], rank=rank)
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
        sql = "(" + " AND ".join(parts) + ")"
        text = [c for c in must if c.tsq]
        if len(text) == 1 and len(parts) > 1:
            # The parent may merge this text lookup with its own.
            rest = list(parts)
            rest.remove(text[0].sql)
            return Compiled(sql, rank, narrow=text[0].tsq,
                            residual="(" + " AND ".join(rest) + ")")
        return Compiled(sql, rank)

    def _merge_field_text(self, parts: list[Compiled], operator: str) -> list[Compiled]:
        """Sibling clauses on one tokenized field (``notes:a OR notes:b``)
        as one tsquery against that field: the planner and each row see one
        test instead of hundreds."""
        groups: dict[str, list[Compiled]] = {}
        for c in parts:
            if c.field:
                groups.setdefault(c.field, []).append(c)
        if all(len(group) < 2 for group in groups.values()):
            return parts
        out = []
        for c in parts:
            group = groups.get(c.field or "", [])
            if len(group) < 2:
                out.append(c)
            elif c is group[0]:
                for g in group:
                    self.scanned.pop(g.field_tsq or "", None)
                tsq = "(" + operator.join(g.field_tsq or "" for g in group) + ")"
                out.append(self._field_match(c.field or "", tsq,
                                             [r for g in group for r in g.rank]))
        return out

    def _grouped(self, nodes: list[Node]) -> list[Compiled]:
        """Alternatives on one exact-string field become one ``= ANY`` or
        ``&&`` test, which the btree and GIN indexes answer directly (and
        one ``?|`` test for a field of ``field_index``)."""
        by_field: dict[str, list[str]] = {}
        rest: list[Node] = []
        for n in nodes:
            if (isinstance(n, Term) and n.kind in ("term", "phrase")
                    and (n.field in f.COLUMN_FIELDS or n.field in f.ARRAY_FIELDS
                         or _jsonb_string(n.field))):
                by_field.setdefault(n.field, []).append(n.text)
            else:
                rest.append(n)
        out = []
        for name, values in by_field.items():
            if len(values) == 1 and _jsonb_string(name):
                rest.append(Term(name, values[0]))
            elif name in f.ARRAY_FIELDS:
                out.append(Compiled(
                    f"d.{name} && {self.bind(values)}::text[]"))
            elif name in f.COLUMN_FIELDS:
                out.append(Compiled(
                    f"d.{name} = ANY({self.bind(values)}::text[])"))
            else:
                out.append(Compiled(
                    f"(x.fields -> {self.bind(name)}) ?| {self.bind(values)}::text[]"))
        out.extend(self.compile(n) for n in rest)
        return out

    # leaves -----------------------------------------------------------
    def _term(self, node: Term) -> Compiled:
        name = node.field
        if name == QUERY_FIELDS:
            return self._query_fields(node)
        if name == "*":
            raise QuerySyntaxError(tk._(
                "La consulta no es válida: el campo «*» solo se admite en «*:*»"))
        if node.kind == "exists":
            return Compiled(self._exists(name))
        if name in f.NGRAM_FIELDS:
            return Compiled(self._ngram(f.NGRAM_FIELDS[name], node.text))
        if f.is_text(name):
            return self._text(name, node)
        if f.is_date(name):
            if node.kind in ("prefix", "wildcard"):
                raise _invalid_date(node.text)
            when = parse_date_math(node.text, self.now)
            return Compiled(f"{self._date_expr(name)} = {self._date_bind(name, when)}")
        if name in f.INT_FIELDS:
            return Compiled(f"{self._int_expr(name)} = {self.bind(self._int(node.text))}")
        return Compiled(self._string(name, node))

    def _query_fields(self, node: Term) -> Compiled:
        """A dismax clause matches when any of the ``qf`` fields matches."""
        compiled = [self._term(Term(n, node.text, node.kind))
                    for n in matched_query_fields(self.query_fields)]
        if len(compiled) == 1:
            return compiled[0]
        rank = [r for c in compiled for r in c.rank]
        return Compiled("(" + " OR ".join(c.sql for c in compiled) + ")", rank)

    def _tsquery(self, node: Term) -> str | None:
        """None when a wildcard term has no literal prefix: words are
        indexed whole, so it cannot match (as before, without asking
        PostgreSQL to plan an empty tsquery per term)."""
        if node.kind in ("prefix", "wildcard"):
            stem = re.split(r"(?<!\\)[*?]", node.text)[0]
            word = re.sub(r"\W+", " ", fold(stem.replace("\\", ""))).split()
            if not word:
                return None
            lexemes = " <-> ".join(
                f"'{w}'" for w in word[:-1]) + (" <-> " if len(word) > 1
                                                   else "")
            return "to_tsquery('simple', {})".format(self.bind(
                lexemes + f"'{word[-1]}':*"))
        return f"phraseto_tsquery('{self.ts_config}', {self.bind(query_text(node.text))})"

    def _text(self, name: str, node: Term) -> Compiled:
        tsq = self._tsquery(node)
        if tsq is None:
            return Compiled("FALSE")
        if name == "text":
            return Compiled(text_match(tsq), [tsq], tsq)
        return self._field_match(name, tsq, [tsq])

    def _field_match(self, name: str, tsq: str, rank: list[str]) -> Compiled:
        if name in f.WEIGHT_C:
            # The description alone has weight C in the catch-all text: its
            # words are found there, without reading and analysing it again.
            return Compiled(
                "d.index_id IN (SELECT t.index_id FROM grll_search.text_index t"
                f" WHERE t.tsv @@ {tsq} AND ts_filter(t.tsv, '{{c}}') @@ {tsq})",
                rank, field=name, field_tsq=tsq)
        exact = f"{self._field_vector(name)} @@ {tsq}"
        if name in f.WEIGHT_A or name in f.WEIGHT_B:
            # The head's words of this weight (title and name are A) narrow
            # the set before the field's own words are analysed again.
            weight = "a" if name in f.WEIGHT_A else "b"
            return Compiled(f"(d.tsv_head @@ {tsq} AND ts_filter(d.tsv_head, '{{{weight}}}')"
                            f" @@ {tsq} AND {exact})", rank, field=name, field_tsq=tsq)
        if f.copied_to_text(name):
            # The catch-all tsvector is indexed: narrow with it first.
            if f.is_stored_text(name):
                self.scanned[tsq] = name
            return Compiled(f"({text_match(tsq)} AND {exact})", rank,
                            narrow=tsq, residual=exact, field=name, field_tsq=tsq)
        return Compiled(exact, rank, field=name, field_tsq=tsq)

    @property
    def text_fields(self) -> int:
        """Tokenized fields other than the catch-all that clauses name: each
        is analysed again for every row it is tested on."""
        return len(self._vectors)

    def _field_vector(self, name: str) -> str:
        """The words of one tokenized field, the same SQL (and bind) for
        every clause on it, so that sibling clauses can share it."""
        if name not in self._vectors:
            if name == "title":
                source = "d.title"
            elif f.is_stored_text(name):
                source = (f"(SELECT grll_search.field_text(s.doc::jsonb, {self.bind(name)})"
                          " FROM grll_search.stored s WHERE s.index_id = d.index_id)")
            else:
                source = f"grll_search.field_text(x.fields, {self.bind(name)})"
            self._vectors[name] = f"to_tsvector('{self.ts_config}', coalesce({source}, ''))"
        return self._vectors[name]

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
            if f.has_facet_ids(name):
                # As Solr expands a wildcard over its term dictionary: the
                # field's distinct values are matched once, then each dataset
                # is tested on its small integer ids, not value by value.
                return (f"d.{f.facet_ids_column(name)} && ARRAY(SELECT id FROM"
                        f" grll_search.facet_term WHERE field = {self.bind(name)}"
                        f" AND value LIKE {self.bind(pattern)})")
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
            raise QuerySyntaxError(tk._(
                "La consulta no es válida: el campo de texto «{field}» no admite"
                " intervalos").format(field=name[:40]))
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
            raise QuerySyntaxError(tk._(
                "La consulta no es válida: «{value}» no es un número entero").format(
                    value=text[:40])) from None

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
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z")
#: Amounts beyond 9 digits overflow any date anyway.
_MATH_RE = re.compile(r"([+-])(\d{1,9})([A-Z]+)|/([A-Z]+)")
_UNITS = {
    "YEAR": "year", "YEARS": "year", "MONTH": "month", "MONTHS": "month",
    "DAY": "day", "DAYS": "day", "DATE": "day", "HOUR": "hour",
    "HOURS": "hour", "MINUTE": "minute", "MINUTES": "minute",
    "SECOND": "second", "SECONDS": "second", "MILLI": "ms", "MILLIS": "ms",
    "MILLISECOND": "ms", "MILLISECONDS": "ms",
}


def _invalid_date(text: str) -> QuerySyntaxError:
    return QuerySyntaxError(tk._(
        "La consulta no es válida: «{value}» no es una fecha; use"
        " 2024-01-31T00:00:00Z o NOW con cálculos como NOW-1YEAR").format(
            value=text[:40]))


def parse_date_math(text: str, now: dt.datetime) -> dt.datetime:
    """Solr date syntax: ISO instant with ``Z`` or ``NOW``, then date math
    such as ``-1DAY`` or ``/MONTH``; a result outside the years 1 to 9999
    is refused."""
    if text.startswith("NOW"):
        base, rest = now, text[3:]
    else:
        m = _DATE_RE.match(text)
        if not m:
            raise _invalid_date(text)
        frac = m.group(7) or ".0"
        try:
            base = dt.datetime(
                int(m.group(1)), int(m.group(2)), int(m.group(3)),
                int(m.group(4)), int(m.group(5)), int(m.group(6)),
                int(float(frac) * 1_000_000), tzinfo=dt.timezone.utc)
        except ValueError:
            raise _invalid_date(text) from None
        rest = text[m.end():]
    pos = 0
    while pos < len(rest):
        m = _MATH_RE.match(rest, pos)
        unit = m and _UNITS.get(m.group(3) or m.group(4))
        if not m or not unit:
            raise _invalid_date(text)
        try:
            if m.group(4):
                base = _round(base, unit)
            else:
                amount = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
                base = _add(base, unit, amount)
        except (ValueError, OverflowError):
            raise QuerySyntaxError(tk._(
                "La consulta no es válida: la fecha «{value}» queda fuera de los"
                " años 1 a 9999").format(value=text[:40])) from None
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
