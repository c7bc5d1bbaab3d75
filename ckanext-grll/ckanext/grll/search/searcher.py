"""Answer a Solr ``select`` request (``q``, ``fq``, ``sort``, facets...) in SQL.

The response has the shape of Solr's JSON so that CKAN's ``query.py`` reads it
unchanged: ``response.numFound``, ``response.docs`` with stored fields only,
``facet_counts.facet_fields`` as flat ``[value, count, ...]`` lists.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
import psycopg2.errors

from . import fields as f
from .bounds import Bounds, Budget, too_large, too_many_scanned
from .compiler import (
    HEAD_RANK_WEIGHTS,
    QUERY_FIELDS,
    RANK_WEIGHTS,
    Compiled,
    Compiler,
    matched_query_fields,
    text_match,
)
from .lucene import (
    Bool,
    Node,
    QuerySyntaxError,
    Term,
    min_should_match,
    parse_dismax,
    parse_lucene,
    split_local_params,
)

DOC = "grll_search.document"
STORED = "grll_search.stored"
TEXT = "grll_search.text_index"
FIELDS = "grll_search.field_index"

_SORT_ITEM = re.compile(r"^\s*([\w.\-]+)\s+(\S+)\s*$")
#: Beyond a 32-bit integer no page size or offset means anything.
_MAX_INT = 2**31 - 1


@dataclass
class Request:
    where: str
    params: dict[str, Any]
    rank: str | None
    order: str
    rows: int
    start: int
    fl: list[str]
    facets: list[tuple[str, int, int]]
    #: the ``fq`` clauses alone
    filter_where: str = "TRUE"
    #: set when ``q`` is exactly "the catch-all text matches this tsquery"
    text_tsq: str | None = None
    #: tsquery -> field of the tests on stored text fields (see Compiler)
    scanned: dict[str, str] = dataclasses.field(default_factory=dict)
    #: most datasets those tests, or facets without kept counts, may read
    scan_limit: int = Bounds.document_scan


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _int_param(params: dict[str, Any], name: str, default: int,
               limit: int = _MAX_INT) -> int:
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise QuerySyntaxError(tk._(
            "El parámetro {name} debe ser un número entero").format(
                name=name[:60])) from None
    if number > limit:
        raise too_large(name, limit)
    return number


#: The filter CKAN adds for who may see what: it grows with the user's
#: organizations, not with anything typed, so the length and clause bounds
#: skip it (its labels compile to one array test).
_PERMISSION_FILTER = re.compile(r'\+permission_labels:\((?:"[^"\\]*"(?: OR "[^"\\]*")*)?\)')


def parse_request(q: str, params: dict[str, Any], ts_config: str,
                  now: dt.datetime | None = None,
                  bounds: Bounds | None = None) -> Request:
    """The SQL of one request, refused (QuerySyntaxError, in Spanish) when
    it is malformed or goes beyond ``bounds``: everything here is linear in
    the size of the request, and no SQL has run yet."""
    budget = Budget(bounds or Bounds())
    default_and = str(params.get("q.op", "OR")).upper() == "AND"
    df = str(params.get("df") or "text")
    def_type = str(params.get("defType") or "lucene")
    for name in ("qf", "sort", "mm", "df", "defType", "fl"):
        if params.get(name) is not None:
            budget.text(name, str(params[name]))
    qf = tuple(re.sub(r"\^[\d.]+$", "", name)
               for name in str(params.get("qf") or df).split())
    compiler = Compiler(ts_config, qf or ("text",), now)
    mm = params.get("mm")
    if mm is not None:
        # Checked even where no free text uses it, as Solr parses it.
        min_should_match(str(mm), 0)

    budget.text("q", q)
    fqs = [fq for fq in _as_list(params.get("fq")) if fq.strip()]
    budget.count("fq", len(fqs), budget.bounds.filters)
    for fq in fqs:
        budget.text("fq", fq, not _PERMISSION_FILTER.fullmatch(fq.strip()))
    main_node = _parse(q, def_type, df, default_and, mm, budget,
                       len(matched_query_fields(qf)) or 1)
    filter_nodes = [
        parse_lucene(fq, df, default_and) if _PERMISSION_FILTER.fullmatch(fq.strip())
        else _parse(fq, "lucene", df, default_and, mm, budget) for fq in fqs]
    budget.check_totals()
    main = compiler.compile(main_node)
    filters: list[Compiled] = [compiler.compile(node) for node in filter_nodes]
    where = " AND ".join([main.sql] + [c.sql for c in filters])
    # Each field test in the statement analyses its field once per row.
    budget.field_terms(where.count("to_tsvector("))
    filter_where = " AND ".join(c.sql for c in filters) or "TRUE"
    text_tsq = main.tsq if main.tsq and main.sql == text_match(main.tsq) else None
    rank = (" || ".join(main.rank)) if main.rank else None

    order = _order(params.get("sort"), rank, budget)
    fl = [name for name in re.split(r"[\s,]+", str(params.get("fl") or "*"))
          if name]

    facets: list[tuple[str, int, int]] = []
    if str(params.get("facet", "false")).lower() == "true":
        max_limit = budget.bounds.facet_limit
        limit = _int_param(params, "facet.limit", 100, max_limit)
        mincount = _int_param(params, "facet.mincount", 0)
        names = list(dict.fromkeys(_as_list(params.get("facet.field"))))
        budget.count("facet.field", len(names), budget.bounds.facet_fields)
        for name in names:
            budget.text("facet.field", name)
            if name in f.STORED_ONLY or f.identifies_one(name) or (
                    f.is_text(name) and not name.startswith(("extras_", "res_extras_"))):
                # Counting them reads every matching description or groups
                # every match apart; extras (schema fields) keep their
                # facets, counted as whole values.
                raise QuerySyntaxError(tk._(
                    "No se pueden contar los valores del campo «{field}»; use"
                    " campos como tags, organization o res_format").format(field=name[:40]))
            facets.append((
                name,
                _int_param(params, f"f.{name}.facet.limit", limit, max_limit),
                _int_param(params, f"f.{name}.facet.mincount", mincount)))
    budget.document_facets([name for name, _, _ in facets
                            if f.counted_from_documents(name)])
    return Request(
        where=where, params=compiler.params,
        rank=rank, order=order,
        rows=max(0, _int_param(params, "rows", 10)),
        start=max(0, _int_param(params, "start", 0, budget.bounds.start)),
        fl=fl, facets=facets, filter_where=filter_where, text_tsq=text_tsq,
        scanned=dict(compiler.scanned), scan_limit=budget.bounds.document_scan)


def _parse(text: str, def_type: str, df: str, default_and: bool,
           mm: Any, budget: Budget, qf_count: int = 1) -> Node:
    """One ``q`` or ``fq``, local parameters (``{!bool must=x}``) included:
    CKAN only lets through the parsers named in
    ``ckan.search.solr_allowed_query_parsers``."""
    local, rest = split_local_params(text)
    if local:
        def_type = local.get("type", ["lucene"])[0]
        df = local.get("df", [df])[0]
        mm = local.get("mm", [mm])[0]
        if "q.op" in local:
            default_and = local["q.op"][0].upper() == "AND"
        if def_type == "bool":
            node = Bool()
            for key, occur in (("must", node.must), ("filter", node.must),
                               ("should", node.should),
                               ("must_not", node.must_not)):
                occur.extend(parse_lucene(v, df, default_and, budget)
                             for v in local.get(key, []))
            return node
        if def_type in ("term", "field", "prefix"):
            if "f" not in local:
                raise QuerySyntaxError(tk._(
                    "La consulta no es válida: «{{!{parser}}}» necesita el campo f"
                ).format(parser=def_type))
            kind = {"term": "term", "field": "phrase"}.get(def_type, "prefix")
            budget.clause()
            return Term(local["f"][0], rest.strip(), kind)
        if def_type not in ("lucene", "dismax", "edismax"):
            raise QuerySyntaxError(tk._(
                "La consulta no es válida: el analizador «{parser}» no está admitido"
            ).format(parser=def_type[:40]))
        text = rest
    if def_type == "dismax":
        words = parse_dismax(text, QUERY_FIELDS, str(mm or "100%"), budget, qf_count)
        budget.free_text_words(len(words.must) + len(words.should) + len(words.must_not))
        return words
    if def_type == "edismax":
        node = parse_lucene(text, QUERY_FIELDS, False, budget, qf_count)
        if isinstance(node, Bool):
            budget.free_text_words(len(node.must) + len(node.should) + len(node.must_not))
        if isinstance(node, Bool) and node.should:
            node.min_should = min_should_match(
                str(mm or ("100%" if default_and else "0%")), len(node.should))
        return node
    return parse_lucene(text, df, default_and, budget)


def _sort_error(spec: str) -> QuerySyntaxError:
    return QuerySyntaxError(tk._(
        "El orden «{spec}» no es válido: use «campo asc» o «campo desc»,"
        " separados por comas").format(spec=spec[:60]))


def _order(sort: Any, rank: str | None, budget: Budget) -> str:
    """SQL ORDER BY for Solr's ``sort``; ties fall back to index order."""
    items = []
    spec = str(sort or "score desc")
    keys = [item for item in spec.split(",") if item.strip()]
    budget.count("sort", len(keys), budget.bounds.sort_fields)
    for item in keys:
        m = _SORT_ITEM.match(item)
        if not m or m.group(2).lower() not in ("asc", "desc"):
            raise _sort_error(spec)
        name, direction = m.group(1), m.group(2).upper()
        if name == "score":
            if rank:
                items.append(f"score {direction}")
            continue
        if name in f.ARRAY_FIELDS or (f.is_multi_valued(name)
                                      and name not in ("text", "urls")):
            raise QuerySyntaxError(tk._(
                "El orden no es válido: el campo «{field}» tiene varios valores"
                " por conjunto de datos").format(field=name[:40]))
        if name in f.COLUMN_FIELDS or name in f.DATE_COLUMNS \
                or name == "title":
            expr = f"d.{name}"
        elif name in f.INT_FIELDS:
            expr = f"(x.fields -> '{name}' ->> 0)::numeric"
        else:
            # Any other field sorts as Solr's catch-all string type; a field
            # no document has simply leaves the order unchanged.
            # (the name matched _SORT_ITEM: no quote can reach the SQL)
            expr = f"(x.fields -> '{name}' ->> 0) COLLATE \"C\""
        items.append(f"{expr} {direction} NULLS LAST")
    items.append("d.seq ASC")
    return ", ".join(items)


class ResultCache:
    """Counts, facets and page rows of recent requests, per process, valid
    for one index generation: what Solr's query result and filter caches
    keep between commits. The default browse page, organization pages and
    popular terms then skip the facet aggregation."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class BudgetCursor:
    """A cursor whose statements share one time budget: before each, PostgreSQL's
    ``statement_timeout`` is set to what is left of it, so a search of several
    statements (count, facets, page, documents) stops at the budget, not at a
    multiple of it. Over budget, the next statement is not sent at all."""

    def __init__(self, cursor: Any, budget_ms: int) -> None:
        self._cursor = cursor
        # 0 (or less) is no limit, as PostgreSQL's statement_timeout = 0.
        self._deadline = (time.monotonic() + int(budget_ms) / 1000 if budget_ms > 0
                          else None)

    def execute(self, sql: str, params: Any = None) -> None:
        if self._deadline is None:
            self._cursor.execute(sql, params)
            return
        left_ms = int((self._deadline - time.monotonic()) * 1000)
        if left_ms < 1:
            raise psycopg2.errors.QueryCanceled("search time budget spent")
        # One round trip: the SET travels with the statement.
        self._cursor.execute(f"SET LOCAL statement_timeout = {left_ms}; {sql}", params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def run(conn: Any, request: Request, timeout_ms: int,
        cache: ResultCache | None = None, parallel_workers: int = 1) -> dict[str, Any]:
    """Execute on a DB-API connection; the caller commits or rolls back.
    ``timeout_ms`` bounds the whole search, all its statements together."""
    started = time.monotonic()
    cur = BudgetCursor(conn.cursor(), timeout_ms)
    # Compiling a plan to machine code costs more than any search it speeds up.
    cur.execute("SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather"
                f" = {max(0, int(parallel_workers))}")
    _check_scanned(cur, request)

    # Counts and facets are cached apart from pages: the next page or another
    # sort of the same search reuses them.
    facets_key: tuple[Any, ...] | None = None
    page_key: tuple[Any, ...] | None = None
    if cache is not None and cache.size > 0:
        cur.execute("SELECT value FROM grll_search.meta WHERE key = 'generation'")
        matching = (cur.fetchone()[0], request.where,
                    repr(sorted(request.params.items())))
        facets_key = ("facets", *matching, tuple(request.facets))
        page_key = ("page", *matching, request.order, request.rows, request.start,
                    tuple(request.fl), request.rank)
    cached = cache.get(facets_key) if cache and facets_key else None
    rows = cache.get(page_key) if cache and page_key else None
    if cached is None and rows is None and _text_ranked_with_facets(request):
        cached, rows = _text_counts_and_page(cur, request)
        if cache and facets_key and page_key:
            cache.put(facets_key, cached)
            cache.put(page_key, rows)
    if cached is None and rows is None and _one_pass(request):
        rows, counted = _page_and_count(cur, request)
        if cache and page_key:
            cache.put(page_key, rows)
        if counted is not None:
            cached = (counted, {})
            if cache and facets_key:
                cache.put(facets_key, cached)
    if cached is None:
        cached = _count_and_facets(cur, request)
        if cache and facets_key:
            cache.put(facets_key, cached)
    count, facet_fields = cached
    if rows is None and _sorted_one_by_one(request) and request.rows \
            and count > request.scan_limit:
        raise too_many_scanned(request.scan_limit, "sort")
    if rows is None:
        rows = _page_rows(cur, request) if request.rows and count > request.start \
            else []
        if cache and page_key:
            cache.put(page_key, rows)
    return {
        "responseHeader": {
            "status": 0,
            "QTime": int((time.monotonic() - started) * 1000),
        },
        "response": {"numFound": count, "start": request.start,
                     "docs": _docs(cur, request, rows)},
        "facet_counts": {
            # CKAN rewrites these lists in place: never hand out the cached ones.
            "facet_queries": {},
            "facet_fields": {k: list(v) for k, v in facet_fields.items()},
            "facet_ranges": {}, "facet_intervals": {}, "facet_heatmaps": {},
        },
    }


def _check_scanned(cur: Any, request: Request) -> None:
    """Refuse a test on a stored text field (``res_name:``, ``extras_*:``)
    whose words more than ``scan_limit`` datasets have anywhere: each of
    those would have the field read and analysed again. The text index
    counts them, and stops one past the limit."""
    for tsq, name in request.scanned.items():
        cur.execute(f"SELECT count(*) FROM (SELECT 1 FROM {TEXT} t WHERE t.tsv @@ {tsq}"
                    f" LIMIT {request.scan_limit + 1}) x", request.params)
        if cur.fetchone()[0] > request.scan_limit:
            raise too_many_scanned(request.scan_limit, name)


def _from(request: Request, extra: str = "") -> str:
    """The documents, joined to their other fields only when the clauses,
    the sort or a facet read them (``x.fields``)."""
    if "x.fields" in request.where + request.order + extra:
        return f"{DOC} d JOIN {FIELDS} x ON x.index_id = d.index_id"
    return f"{DOC} d"


#: facet_term ids never change meaning, so every process keeps what it read.
_terms: dict[int, tuple[str, str]] = {}
_terms_lock = threading.Lock()


def _facet_source(name: str, bind: dict[str, Any]) -> tuple[str, str]:
    """FROM-clause fragment yielding ``v`` per matching document, and the
    column the matching set must carry for it (facets without facet ids)."""
    if name in f.ARRAY_FIELDS:
        return f"m, unnest(m.{name}) v", f"d.{name}"
    if name in f.DATE_COLUMNS:
        return (f"(SELECT to_char(m.{name} AT TIME ZONE 'UTC',"
                f" 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS v FROM m) x", f"d.{name}")
    if name in f.COLUMN_FIELDS or name == "title":
        return f"(SELECT m.{name} AS v FROM m) x", f"d.{name}"
    key = f"f{len(bind)}"
    bind[key] = name
    if f.is_stored_text(name):
        return (f"m JOIN {STORED} s ON s.index_id = m.index_id,"
                f" grll_search.field_values(s.doc::jsonb, %({key})s) v", "d.index_id")
    return f"m, grll_search.field_values(m.fields, %({key})s) v", "x.fields"


#: Columns of grll_search.facet_bucket: what every document of a bucket shares.
_BUCKET_COLUMN = re.compile(
    r"\bd\.(?:site_id|entity_type|dataset_type|state|capacity|permission_labels)\b")
_BIND = re.compile(r"%\(p\d+\)s")
#: What else a clause on those columns may be made of (see Compiler).
_BUCKET_SYNTAX = re.compile(
    r"(?:\s|TRUE|FALSE|AND|OR|NOT|IS|NULL|ANY|ARRAY|::text\[\]|[()=,\[\]]|&&|@>)*")


def _bucket_only(where: str) -> bool:
    """Whether ``where`` reads only the columns of the facet buckets, as the
    dataset list's filters do (site, state, visibility)."""
    rest = _BUCKET_COLUMN.sub(" ", _BIND.sub(" ", where))
    return _BUCKET_SYNTAX.fullmatch(rest) is not None


#: Sorts the text index can answer alone (it keeps these keys).
_TEXT_ORDER = re.compile(
    r"(?:(?:score (?:ASC|DESC)|d\.metadata_modified (?:ASC|DESC) NULLS LAST"
    r"|d\.seq ASC)(?:, |$))+")


def _text_only(request: Request) -> bool:
    """Free text over the dataset list: ``q`` matches the catch-all text and
    the filters read only bucket columns, with the default facets and sorts.
    The text index then answers alone (see storage)."""
    return (request.text_tsq is not None and _bucket_only(request.filter_where)
            and all(name in f.FACET_COLUMNS for name, _, _ in request.facets)
            and _TEXT_ORDER.fullmatch(request.order) is not None
            and not _columns_only(request))


def _text_filter(cur: Any, request: Request) -> str:
    """The text match and the buckets the filters allow, on ``text_index t``.
    The buckets are listed first: PostgreSQL then estimates the share of
    documents they hold from its statistics."""
    if "buckets" not in request.params:
        cur.execute(f"SELECT d.id FROM grll_search.facet_bucket d"
                    f" WHERE {request.filter_where}", request.params)
        request.params["buckets"] = [r[0] for r in cur.fetchall()]
    return f"t.tsv @@ {request.text_tsq} AND t.bucket_id = ANY(%(buckets)s)"


def _counts_from_text(cur: Any, request: Request
                      ) -> tuple[int, dict[str, list[Any]]]:
    match = _text_filter(cur, request)
    if request.facets:
        return _counts_of_facet_ids(cur, request, "t.facet_ids", f"{TEXT} t", match)
    cur.execute(f"SELECT 0, count(*) FROM {TEXT} t WHERE {match}", request.params)
    return _from_term_counts(cur, request, dict(cur.fetchall()))


def _counts_of_facet_ids(cur: Any, request: Request, ids: str, source: str,
                         where: str) -> tuple[int, dict[str, list[Any]]]:
    """One aggregate over the facet ids of the matching documents (term 0
    counts the documents themselves, in the same pass), which PostgreSQL
    can split among parallel workers."""
    cur.execute(f"SELECT v, count(*) FROM (SELECT unnest({ids} || 0) v"
                f" FROM {source} WHERE {where}) x GROUP BY v", request.params)
    return _from_term_counts(cur, request, dict(cur.fetchall()))


def _counts_from_buckets(cur: Any, request: Request
                         ) -> tuple[int, dict[str, list[Any]]]:
    """Count and facets added up from grll_search.facet_count: the filter
    runs on the buckets (alias ``d``, the same column names as documents)."""
    extra = [name for name, _, _ in request.facets
             if f.facet_ids_column(name) == "extra_facet_ids"]
    wanted = "c.term_id = 0"
    if request.facets:
        wanted = ("(c.main OR c.term_id IN (SELECT id FROM grll_search.facet_term"
                  " WHERE field = ANY(%(extra_fields)s)))")
    cur.execute(
        "SELECT c.term_id, sum(c.n)::integer FROM grll_search.facet_count c"
        " JOIN grll_search.facet_bucket d ON d.id = c.bucket_id"
        f" WHERE {request.where} AND {wanted}"
        " GROUP BY c.term_id HAVING sum(c.n) > 0",
        {**request.params, "extra_fields": extra})
    return _from_term_counts(cur, request, dict(cur.fetchall()))


def _from_term_counts(cur: Any, request: Request, by_id: dict[int, int]
                      ) -> tuple[int, dict[str, list[Any]]]:
    """The count (term 0) and the facets of counts by facet term id."""
    count = by_id.pop(0, 0)
    facet_fields: dict[str, list[Any]] = {name: [] for name, _, _ in request.facets}
    if by_id and request.facets:
        _facets_from_ids(cur, request, by_id, facet_fields)
    return count, facet_fields


def _count_and_facets(cur: Any, request: Request
                      ) -> tuple[int, dict[str, list[Any]]]:
    if _bucket_only(request.where) and all(
            f.has_facet_ids(name) for name, _, _ in request.facets):
        return _counts_from_buckets(cur, request)
    if _text_only(request):
        return _counts_from_text(cur, request)
    if not request.facets:
        cur.execute(f"SELECT count(*) FROM {_from(request)} WHERE {request.where}",
                    request.params)
        return cur.fetchone()[0], {}
    if all(f.has_facet_ids(name) for name, _, _ in request.facets):
        ids = " || ".join(sorted({f"d.{f.facet_ids_column(name)}"
                                  for name, _, _ in request.facets}))
        return _counts_of_facet_ids(cur, request, ids, _from(request), request.where)
    bind: dict[str, Any] = {}
    columns: dict[str, None] = {}
    parts = ["SELECT -1, NULL::text, count(*) FROM m"]
    id_columns = sorted({f.facet_ids_column(name) for name, _, _ in request.facets
                         if f.has_facet_ids(name)})
    for column in id_columns:
        columns[f"d.{column}"] = None
        parts.append(f"SELECT -2, t::text, count(*) FROM m, unnest(m.{column}) t"
                     " GROUP BY t")
    for i, (name, limit, mincount) in enumerate(request.facets):
        if f.has_facet_ids(name):
            continue
        source, column = _facet_source(name, bind)
        columns[column] = None
        order = ("c DESC, v COLLATE \"C\"" if limit > 0
                 else "v COLLATE \"C\"")
        limit_sql = f" LIMIT {limit}" if limit > 0 else ""
        parts.append(
            f"(SELECT {i}, v::text, c FROM (SELECT v, count(*) c FROM {source}"
            f" WHERE v IS NOT NULL GROUP BY v) g WHERE c >= {max(mincount, 1)}"
            f" ORDER BY {order}{limit_sql})")
    # Facets without kept counts read each match's fields: past the limit
    # of matches the search is refused, so their cost stops growing there.
    scanning = any(f.counted_from_documents(name) for name, _, _ in request.facets)
    limit_sql = f" LIMIT {request.scan_limit + 1}" if scanning else ""
    sql = "WITH m AS MATERIALIZED (SELECT {} FROM {} WHERE {}{}) {}".format(
        ", ".join(columns), _from(request, " ".join(columns)), request.where,
        limit_sql, " UNION ALL ".join(parts))
    cur.execute(sql, {**request.params, **bind})
    count = 0
    by_id: dict[int, int] = {}
    facet_fields: dict[str, list[Any]] = {name: [] for name, _, _ in
                                          request.facets}
    for index, value, c in cur.fetchall():
        if index == -1:
            count = c
            if scanning and count > request.scan_limit:
                raise too_many_scanned(request.scan_limit, "facets")
        elif index == -2:
            by_id[int(value)] = c
        else:
            facet_fields[request.facets[index][0]].extend((value, c))
    if by_id:
        _facets_from_ids(cur, request, by_id, facet_fields)
    return count, facet_fields


def _facets_from_ids(cur: Any, request: Request, by_id: dict[int, int],
                     facet_fields: dict[str, list[Any]]) -> None:
    """Per field: Solr's order (count desc then value, or value alone when
    there is no limit), ``mincount`` and ``limit``."""
    unknown = [i for i in by_id if i not in _terms]
    if unknown:
        cur.execute("SELECT id, field, value FROM grll_search.facet_term"
                    " WHERE id = ANY(%s)", (unknown,))
        with _terms_lock:
            _terms.update((i, (field, value)) for i, field, value in cur.fetchall())
    counts: dict[str, list[tuple[str, int]]] = {}
    for term_id, c in by_id.items():
        field, value = _terms[term_id]
        counts.setdefault(field, []).append((value, c))
    for name, limit, mincount in request.facets:
        if not f.has_facet_ids(name):
            continue
        values = [vc for vc in counts.get(name, []) if vc[1] >= max(mincount, 1)]
        if limit > 0:
            values.sort(key=lambda vc: (-vc[1], vc[0]))
            values = values[:limit]
        else:
            values.sort()
        facet_fields[name] = [x for vc in values for x in vc]


def _columns_only(request: Request) -> bool:
    """API clients paging ids (fl=id, rows=1000) never touch the stored table."""
    return "*" not in request.fl and all(
        n in f.COLUMN_FIELDS and f.is_stored(n) for n in request.fl if n != "score")


def _one_pass(request: Request) -> bool:
    """A page in relevance order without facets (autocomplete): ranking reads
    every match anyway, so count them in the same scan. A page in another
    order (a title, a date) reads only its rows along that order's index."""
    return (request.rows > 0 and not request.facets and request.rank is not None
            and request.order.startswith("score DESC") and not _sorted_one_by_one(request)
            and not _bucket_only(request.where) and not _text_only(request))


def _sorted_one_by_one(request: Request) -> bool:
    """A sort on a field without an index of its own (``extras_*``, ``views_*``):
    every match is read to order them, so past ``scan_limit`` matches the
    search is refused, as Solr would need a docValues field for it."""
    return "x.fields" in request.order


def _page_and_count(cur: Any, request: Request
                    ) -> tuple[list[tuple[Any, ...]], int | None]:
    """The page's rows and the number of matches from one scan; the count
    is unknown (None) when the page starts past the last match."""
    rows = _page_rows(cur, request, ", count(*) OVER () AS found")
    if not rows:
        return [], (0 if request.start == 0 else None)
    return [row[:-1] for row in rows], rows[0][-1]


#: The default relevance order, which the head-first page answers.
_RELEVANCE_ORDER = "score DESC, d.metadata_modified DESC NULLS LAST, d.seq ASC"
_ONE_WORD = re.compile(r"phraseto_tsquery\('[\w.]+', %\((p\d+)\)s\)")


def _one_word(request: Request) -> bool:
    """Free text of one plain word: a match then scores above 0 exactly when
    the word is in its head (title, name, tags, groups), and every document
    whose head has the word matches."""
    m = _ONE_WORD.fullmatch(request.rank or "")
    return (m is not None and request.text_tsq == request.rank
            and re.fullmatch(r"[^\W_]+", str(request.params[m.group(1)])) is not None)


def _text_page_head_first(cur: Any, request: Request) -> list[tuple[Any, ...]]:
    """A relevance page of one word without ranking every match: the
    documents whose head has the word (the head's index finds them; ranked),
    then, when the page goes past them, the other matches, which all score
    0, newest first along the text index's date order."""
    end = request.start + request.rows
    match = _text_filter(cur, request)
    cur.execute(
        f"SELECT d.index_id, ts_rank('{RANK_WEIGHTS}', d.tsv_head, {request.rank}) AS score"
        f" FROM {DOC} d WHERE d.tsv_head @@ {request.rank} AND {request.filter_where}"
        f" ORDER BY {_RELEVANCE_ORDER} LIMIT {end}", request.params)
    head = cur.fetchall()
    if len(head) >= end:
        return head[request.start:end]
    cur.execute(
        f"SELECT t.index_id, 0::real AS score FROM {TEXT} t WHERE {match}"
        " AND NOT (t.index_id = ANY(%(head_ids)s))"
        " ORDER BY t.metadata_modified DESC NULLS LAST, t.seq"
        f" LIMIT {end - max(len(head), request.start)}"
        f" OFFSET {max(0, request.start - len(head))}",
        {**request.params, "head_ids": [r[0] for r in head]})
    return head[request.start:] + cur.fetchall()


def _text_ranked_with_facets(request: Request) -> bool:
    """Free text of several words in relevance order, with facets: the
    matches are read once for the counts and the ranked page (one word is
    ranked on the head's own index instead)."""
    return (request.rows > 0 and bool(request.facets) and request.rank is not None
            and _text_only(request) and request.order == _RELEVANCE_ORDER
            and not _one_word(request))


def _text_counts_and_page(cur: Any, request: Request
                          ) -> tuple[tuple[int, dict[str, list[Any]]], list[tuple[Any, ...]]]:
    """Counts, facets and the ranked page from one scan of the text index:
    the matches are kept with their score, then counted by facet id and the
    page taken from them (instead of matching every document twice)."""
    match = _text_filter(cur, request)
    cur.execute(
        f"WITH m AS MATERIALIZED (SELECT t.index_id, t.facet_ids,"
        f" ts_rank('{HEAD_RANK_WEIGHTS}', t.tsv, {request.rank}) AS score,"
        f" t.metadata_modified, t.seq FROM {TEXT} t WHERE {match})"
        " SELECT v, count(*)::real, NULL::text, NULL::bigint"
        " FROM (SELECT unnest(m.facet_ids || 0) v FROM m) x GROUP BY v"
        " UNION ALL SELECT NULL, p.score, p.index_id, row_number() OVER ()"
        f" FROM (SELECT m.index_id, m.score FROM m"
        f" ORDER BY {request.order.replace('d.', 'm.')}"
        f" LIMIT {request.rows} OFFSET {request.start}) p", request.params)
    by_id: dict[int, int] = {}
    page: list[tuple[int, tuple[Any, ...]]] = []
    for term_id, value, index_id, position in cur.fetchall():
        if index_id is None:
            by_id[term_id] = int(value)
        else:
            page.append((position, (index_id, value)))
    return _from_term_counts(cur, request, by_id), [row for _, row in sorted(page)]


def _page_rows(cur: Any, request: Request, extra: str = "") -> list[tuple[Any, ...]]:
    if _text_only(request) and request.order == _RELEVANCE_ORDER \
            and _one_word(request):
        return _text_page_head_first(cur, request)
    if _text_only(request):
        # The full tsvector with weights C and D at 0 ranks exactly as the
        # head (title, name, tags, groups) does: its positions come first.
        score = (f"ts_rank('{HEAD_RANK_WEIGHTS}', t.tsv, {request.rank})"
                 if request.rank else "1.0")
        match = _text_filter(cur, request)
        cur.execute(
            f"SELECT t.index_id, {score} AS score FROM {TEXT} t WHERE {match}"
            f" ORDER BY {request.order.replace('d.', 't.')} LIMIT {request.rows}"
            f" OFFSET {request.start}", request.params)
        return cur.fetchall()
    # Ranked on title, name, tags and groups: matches there first, the rest
    # (description, resources, extras) by the sort's next key.
    score = (f"ts_rank('{RANK_WEIGHTS}', d.tsv_head, {request.rank})"
             if request.rank else "1.0")
    selected = ["d.index_id", f"{score} AS score"]
    if _columns_only(request):
        selected += [f"d.{n}" for n in request.fl if n != "score"]
    cur.execute(
        f"SELECT {', '.join(selected)}{extra} FROM {_from(request)} WHERE {request.where}"
        f" ORDER BY {request.order} LIMIT {request.rows}"
        f" OFFSET {request.start}", request.params)
    return cur.fetchall()


def _docs(cur: Any, request: Request, rows: list[tuple[Any, ...]]
          ) -> list[dict[str, Any]]:
    want_all = "*" in request.fl
    names = [n for n in request.fl if n not in ("*", "score")]
    columns_only = _columns_only(request)
    stored: dict[str, dict[str, Any]] = {}
    if not columns_only and rows:
        big = [n for n in f.STORED_ONLY if want_all or n in names]
        others = want_all or any(n not in f.STORED_ONLY for n in names)
        cur.execute(
            f"SELECT index_id, {', '.join(big + ['doc' if others else 'NULL'])}"
            f" FROM {STORED} WHERE index_id = ANY(%s)", ([r[0] for r in rows],))
        for index_id, *values in cur.fetchall():
            doc = json.loads(values[-1]) if others else {}
            doc.update((n, v) for n, v in zip(big, values, strict=False) if v is not None)
            stored[index_id] = doc
    docs = []
    for row in rows:
        if columns_only:
            doc = {n: v for n, v in zip(names, row[2:], strict=False) if v is not None}
        else:
            full = stored.get(row[0], {})
            doc = full if want_all else {n: full[n] for n in names if n in full}
        if "score" in request.fl:
            doc["score"] = float(row[1])
        docs.append(doc)
    return docs
