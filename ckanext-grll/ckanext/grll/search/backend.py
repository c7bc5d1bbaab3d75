"""The PostgreSQL stand-in for ``pysolr.Solr``.

CKAN core and the extensions build every Solr client through
``ckan.lib.search.common.make_connection()``, which looks ``pysolr.Solr`` up at
call time; :func:`install` puts :class:`PostgresSolr` there, so CKAN's own
document builder, parameter builder and error mapping keep working unchanged.
"""
from __future__ import annotations

import atexit
import datetime as dt
import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

import ckan.lib.search as ckan_search
import ckan.plugins.toolkit as tk
import psycopg2.errors
import pysolr
import sqlalchemy as sa
from psycopg2.extras import execute_values
from sqlalchemy.engine import Engine

from . import config, storage
from . import fields as f
from .compiler import Compiler
from .documents import DocumentError, Row, build_row
from .lucene import QuerySyntaxError, parse_lucene
from .searcher import DOC, FIELDS, STORED, TEXT, ResultCache, parse_request, run

log = logging.getLogger(__name__)

_ORIGINAL_SOLR = pysolr.Solr
_ORIGINAL_SCHEMA_GETTER = ckan_search._get_schema_from_solr
_SCHEMA_XML = Path(ckan_search.__file__).parents[2] / "config" / "solr" / \
    "schema.xml"

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()

# One statement per table for a whole batch of documents (execute_values),
# so that the facet-count triggers run once per batch.
_DOCUMENT_SQL = f"""
INSERT INTO {DOC} (index_id, seq, id, site_id, name, entity_type, dataset_type,
    state, capacity, organization, owner_org, license_id, title_string, title,
    metadata_created, metadata_modified, tags, groups, res_format,
    permission_labels, facet_ids, extra_facet_ids, tsv_head)
VALUES %s
ON CONFLICT (index_id) DO UPDATE SET
    seq = excluded.seq, id = excluded.id, site_id = excluded.site_id,
    name = excluded.name, entity_type = excluded.entity_type,
    dataset_type = excluded.dataset_type, state = excluded.state,
    capacity = excluded.capacity, organization = excluded.organization,
    owner_org = excluded.owner_org, license_id = excluded.license_id,
    title_string = excluded.title_string, title = excluded.title,
    metadata_created = excluded.metadata_created,
    metadata_modified = excluded.metadata_modified, tags = excluded.tags,
    groups = excluded.groups, res_format = excluded.res_format,
    permission_labels = excluded.permission_labels,
    facet_ids = excluded.facet_ids, extra_facet_ids = excluded.extra_facet_ids,
    tsv_head = excluded.tsv_head"""
_DOCUMENT_ROW = """(%(index_id)s::text, nextval('grll_search.document_seq'), %(id)s::text,
    %(site_id)s::text, %(name)s::text, %(entity_type)s::text,
    %(dataset_type)s::text, %(state)s::text, %(capacity)s::text,
    %(organization)s::text, %(owner_org)s::text, %(license_id)s::text,
    %(title_string)s::text, %(title)s::text, %(metadata_created)s::timestamptz,
    %(metadata_modified)s::timestamptz, %(tags)s::text[], %(groups)s::text[],
    %(res_format)s::text[], %(permission_labels)s::text[],
    %(facet_ids)s::integer[], %(extra_facet_ids)s::integer[],
    setweight(to_tsvector(%(cfg)s::regconfig, %(wa)s::text), 'A')
    || setweight(to_tsvector(%(cfg)s::regconfig, %(wb)s::text), 'B'))"""
_FIELDS_SQL = f"""
INSERT INTO {FIELDS} (index_id, fields) VALUES %s
ON CONFLICT (index_id) DO UPDATE SET fields = excluded.fields"""
_FIELDS_ROW = "(%(index_id)s::text, %(fields)s::jsonb)"
_TEXT_SQL = f"""
INSERT INTO {TEXT} (index_id, tsv, bucket_id, facet_ids, metadata_modified, seq)
SELECT d.index_id, d.tsv_head
    || setweight(to_tsvector(v.cfg::regconfig, v.wc), 'C')
    || setweight(to_tsvector(v.cfg::regconfig, v.wd), 'D'),
    (SELECT b.id FROM grll_search.facet_bucket b WHERE b.key = grll_search.bucket_key(
        d.site_id, d.entity_type, d.dataset_type, d.state, d.capacity,
        d.permission_labels)),
    d.facet_ids, d.metadata_modified, d.seq
FROM (VALUES %s) v (index_id, cfg, wc, wd) JOIN {DOC} d ON d.index_id = v.index_id
ON CONFLICT (index_id) DO UPDATE SET tsv = excluded.tsv,
    bucket_id = excluded.bucket_id, facet_ids = excluded.facet_ids,
    metadata_modified = excluded.metadata_modified, seq = excluded.seq"""
_TEXT_ROW = "(%(index_id)s::text, %(cfg)s::text, %(wc)s::text, %(wd)s::text)"
_STORED_SQL = f"""
INSERT INTO {STORED} (index_id, validated_data_dict, data_dict, doc) VALUES %s
ON CONFLICT (index_id) DO UPDATE SET
    validated_data_dict = excluded.validated_data_dict,
    data_dict = excluded.data_dict, doc = excluded.doc"""
_STORED_ROW = ("(%(index_id)s::text, %(validated_data_dict)s::text,"
               " %(data_dict)s::text, %(stored)s::text)")


# The index is derived from the catalog and can always be rebuilt, so its writes do
# not wait for the disk flush: a crash may lose the last fraction of a second of index
# writes (found by `ckan search-index rebuild -o`), never corrupt them. The catalog's
# own transactions keep PostgreSQL's synchronous commit.
#
# Writers also take turns: each write updates the shared facet counts (see
# storage), and one writer at a time can never deadlock on them.
_START_WRITE = ("SET LOCAL synchronous_commit TO OFF;"
                " SELECT pg_advisory_xact_lock(74851235)")

_NEXT_GENERATION = (
    "UPDATE grll_search.meta SET value = (value::bigint + 1)::text"
    " WHERE key = 'generation'")


def facet_term_ids(cur: Any, terms: list[tuple[str, str]]
                   ) -> dict[tuple[str, str], int]:
    """Ids of (field, value) pairs, created when new. Two statements on
    purpose: the second one's snapshot sees terms a concurrent indexer
    committed while the first waited on them."""
    if not terms:
        return {}
    fields, values = [list(x) for x in zip(*set(terms), strict=True)]
    cur.execute(
        "INSERT INTO grll_search.facet_term (field, value)"
        " SELECT * FROM unnest(%s::text[], %s::text[])"
        " ON CONFLICT (field, value) DO NOTHING", (fields, values))
    cur.execute(
        "SELECT t.id, t.field, t.value FROM grll_search.facet_term t"
        " JOIN unnest(%s::text[], %s::text[]) AS v(field, value)"
        " ON t.field = v.field AND t.value = v.value", (fields, values))
    return {(field, value): term_id for term_id, field, value in cur.fetchall()}


def write_rows(dbapi: Any, rows: list[Row]) -> None:
    """Write documents in one transaction, one statement per table; the
    last of several versions of one document wins."""
    rows = list({row.index_id: row for row in rows}.values())
    cfg = config.ts_config()
    cur = dbapi.cursor()
    cur.execute(_START_WRITE)
    terms = facet_term_ids(cur, [t for row in rows for t in row.facet_terms])
    values = []
    for row in rows:
        value = dict(row.columns)
        value.update(
            index_id=row.index_id, fields=json.dumps(row.fields),
            cfg=cfg, wa=row.weighted[0], wb=row.weighted[1],
            wc=row.weighted[2], wd=row.weighted[3],
            validated_data_dict=row.validated_data_dict,
            data_dict=row.data_dict, stored=row.stored,
            facet_ids=[terms[t] for t in row.facet_terms
                       if f.facet_ids_column(t[0]) == "facet_ids"],
            extra_facet_ids=[terms[t] for t in row.facet_terms
                             if f.facet_ids_column(t[0]) != "facet_ids"])
        values.append(value)
    for sql, template in ((_DOCUMENT_SQL, _DOCUMENT_ROW), (_FIELDS_SQL, _FIELDS_ROW),
                          (_TEXT_SQL, _TEXT_ROW), (_STORED_SQL, _STORED_ROW)):
        execute_values(cur, sql, values, template=template, page_size=len(values))
    cur.execute(_NEXT_GENERATION)


class PendingAdds:
    """Documents added with ``commit=False`` (``search-index rebuild``, bulk
    updates), per process. Written together at the next commit, search or
    delete of this process, every :data:`BATCH` documents, a second after the
    last add, and at exit; as with Solr, other processes see them after that."""

    BATCH = 100
    DELAY = 1.0

    def __init__(self) -> None:
        self._rows: list[Row] = []
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None
        self._last_add = 0.0

    def add(self, rows: list[Row]) -> None:
        with self._lock:
            self._rows.extend(rows)
            self._last_add = time.monotonic()
            if len(self._rows) >= self.BATCH:
                self.flush()
            elif self._timer is None:
                self._start_timer(self.DELAY)

    def _start_timer(self, delay: float) -> None:
        self._timer = threading.Timer(delay, self._on_timer)
        self._timer.daemon = True
        self._timer.start()

    def _on_timer(self) -> None:
        with self._lock:
            self._timer = None
            idle = time.monotonic() - self._last_add
            if idle < self.DELAY:
                # Still adding: wait for a second of quiet.
                self._start_timer(self.DELAY - idle)
                return
        self.flush_quietly()

    def flush(self) -> None:
        with self._lock:
            rows, self._rows = self._rows, []
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if rows:
                call_backend(lambda dbapi: write_rows(dbapi, rows))

    def flush_quietly(self) -> None:
        try:
            self.flush()
        except pysolr.SolrError:
            log.exception("grll_search: deferred documents could not be written;"
                          " run `ckan search-index rebuild -o`")


_pending = PendingAdds()
atexit.register(_pending.flush_quietly)


def call_backend(work: Any, url: str = "the PostgreSQL search index") -> Any:
    """Run ``work(dbapi_connection)`` in a transaction, errors as Solr's."""
    try:
        engine = get_engine()
        with engine.begin() as conn:
            return work(conn.connection)
    except QuerySyntaxError as e:
        raise pysolr.SolrError(
            f"org.apache.solr.search.SyntaxError: {e}") from e
    except sa.exc.OperationalError as e:
        raise pysolr.SolrError(
            f"Failed to connect to server at {url}: {e}") from e
    except psycopg2.errors.QueryCanceled as e:
        raise pysolr.SolrError(
            f"Search took longer than {config.statement_timeout_ms()} ms"
            " and was cancelled") from e
    except (sa.exc.DBAPIError, psycopg2.Error) as e:
        raise pysolr.SolrError(f"Search backend error: {e}") from e


_result_cache: ResultCache | None = None


def _cache() -> ResultCache:
    global _result_cache
    size = config.cache_size()
    if _result_cache is None or _result_cache.size != size:
        _result_cache = ResultCache(size)
    return _result_cache


def get_engine() -> Engine:
    """One pooled engine per database URL, with the index schema ensured."""
    url = config.database_url()
    engine = _engines.get(url)
    if engine is None:
        with _engines_lock:
            engine = _engines.get(url)
            if engine is None:
                engine = sa.create_engine(url, pool_pre_ping=True)
                _engines[url] = engine
    storage.ensure_schema(engine)
    return engine


class _SchemaResponse:
    """Enough of ``requests.Response`` for ``check_solr_schema_version``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def raise_for_status(self) -> None:
        return None


def bundled_schema(file_offset: str) -> _SchemaResponse:
    """The schema CKAN ships is, by construction, the one we implement."""
    return _SchemaResponse(_SCHEMA_XML.read_text(encoding="utf-8"))


def install() -> None:
    pysolr.Solr = PostgresSolr
    ckan_search._get_schema_from_solr = bundled_schema


def uninstall() -> None:
    pysolr.Solr = _ORIGINAL_SOLR
    ckan_search._get_schema_from_solr = _ORIGINAL_SCHEMA_GETTER


class PostgresSolr(_ORIGINAL_SOLR):
    """``pysolr.Solr`` answering from PostgreSQL; the URL is kept only
    for messages."""

    def _call(self, work: Any) -> Any:
        return call_backend(work, self.url)

    def search(self, q: str | None = None, search_handler: Any = None,
               **kwargs: Any) -> pysolr.Results:
        """Errors a request can cause are CKAN's ``SearchError`` carrying the
        reason alone, in Spanish (the API answers 409): CKAN would wrap a
        ``SolrError`` in a message that repeats the whole request, its
        permission filters included."""
        try:
            req = parse_request(q or "", kwargs, config.ts_config(),
                                bounds=config.bounds())
        except QuerySyntaxError as e:
            raise ckan_search.SearchError(str(e)) from None
        _pending.flush()

        def work(dbapi: Any) -> dict[str, Any]:
            return run(dbapi, req, config.statement_timeout_ms(), _cache(),
                       config.parallel_workers())

        try:
            decoded = self._call(work)
        except pysolr.SolrError as e:
            if isinstance(e.__cause__, sa.exc.OperationalError):
                raise  # CKAN reports it as SolrConnectionError
            if isinstance(e.__cause__, QuerySyntaxError):
                # A bound only the index can tell (how many datasets match).
                raise ckan_search.SearchError(str(e.__cause__)) from None
            if isinstance(e.__cause__, psycopg2.errors.QueryCanceled):
                raise ckan_search.SearchError(tk._(
                    "La búsqueda tardó más de {ms} ms y fue cancelada; pruebe con"
                    " una consulta más sencilla").format(
                        ms=config.statement_timeout_ms())) from None
            log.error("grll_search: search failed: %s", e)
            raise ckan_search.SearchError(tk._(
                "La búsqueda no pudo completarse; pruebe con una consulta más"
                " sencilla")) from None
        if getattr(self.decoder, "object_hook", None):
            # make_connection(decode_dates=True) asks for datetime objects.
            decoded = self.decoder.decode(json.dumps(decoded))
        return self.results_cls(decoded)

    def add(self, docs: Any, boost: Any = None, fieldUpdates: Any = None,
            commit: Any = None, softCommit: bool = False,
            commitWithin: Any = None, waitFlush: Any = None,
            waitSearcher: Any = None, overwrite: Any = None,
            handler: str = "update", min_rf: Any = None) -> str:
        now = dt.datetime.now(dt.timezone.utc)
        try:
            rows = [build_row(doc, self._from_python, self._is_null_value, now)
                    for doc in docs]
        except DocumentError as e:
            # CKAN turns SolrError into SearchIndexError, as Solr's 400.
            raise pysolr.SolrError(f"Document is invalid: {e}") from e

        if commit is False:
            # Solr shows documents added without commit only at the next
            # commit: they wait here and are written together.
            _pending.add(rows)
            return '{"responseHeader":{"status":0}}'
        _pending.flush()

        self._call(lambda dbapi: write_rows(dbapi, rows))
        return '{"responseHeader":{"status":0}}'

    def delete(self, id: Any = None, q: str | None = None,  # noqa: A002
               commit: Any = None, softCommit: bool = False,
               waitFlush: Any = None, waitSearcher: Any = None,
               handler: str = "update") -> str:
        if id is None and q is None:
            raise ValueError('You must specify "id" or "q".')
        if id is not None and q is not None:
            raise ValueError('You many only specify "id" OR "q", not both.')
        _pending.flush()

        def work(dbapi: Any) -> None:
            cur = dbapi.cursor()
            cur.execute(_START_WRITE)
            if id is not None:
                ids = id if isinstance(id, (list, tuple)) else [id]
                cur.execute(f"DELETE FROM {DOC} WHERE index_id = ANY(%s)",
                            ([str(i) for i in ids],))
            else:
                compiler = Compiler(config.ts_config())
                where = compiler.compile(
                    parse_lucene(q or "", "text", default_and=False)).sql
                using = (f" USING {FIELDS} x WHERE x.index_id = d.index_id AND"
                         if "x.fields" in where else " WHERE")
                cur.execute(f"DELETE FROM {DOC} d{using} {where}", compiler.params)
            cur.execute(_NEXT_GENERATION)

        self._call(work)
        return '{"responseHeader":{"status":0}}'

    def commit(self, softCommit: bool = False, waitFlush: Any = None,
               waitSearcher: Any = None, expungeDeletes: Any = None,
               handler: str = "update") -> str:
        # Every add and delete is its own committed transaction already, but
        # for the documents added without commit.
        _pending.flush()
        return '{"responseHeader":{"status":0}}'

    def optimize(self, commit: bool = True, waitFlush: Any = None,
                 waitSearcher: Any = None, maxSegments: Any = None,
                 handler: str = "update") -> str:
        def work(dbapi: Any) -> None:
            dbapi.cursor().execute(f"ANALYZE {', '.join(storage.TABLES)}")

        self._call(work)
        return '{"responseHeader":{"status":0}}'

    def ping(self, handler: str = "admin/ping", **kwargs: Any) -> str:
        self._call(lambda dbapi: dbapi.cursor().execute("SELECT 1"))
        return '{"status":"OK"}'
