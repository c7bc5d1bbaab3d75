"""The PostgreSQL stand-in for ``pysolr.Solr``.

CKAN core and the extensions build every Solr client through
``ckan.lib.search.common.make_connection()``, which looks ``pysolr.Solr`` up at
call time; :func:`install` puts :class:`PostgresSolr` there, so CKAN's own
document builder, parameter builder and error mapping keep working unchanged.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path
from typing import Any

import ckan.lib.search as ckan_search
import psycopg2.errors
import pysolr
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from . import config, storage
from . import fields as f
from .compiler import Compiler
from .documents import DocumentError, build_row
from .lucene import QuerySyntaxError, parse_lucene
from .searcher import DOC, FIELDS, STORED, TEXT, ResultCache, parse_request, run

log = logging.getLogger(__name__)

_ORIGINAL_SOLR = pysolr.Solr
_ORIGINAL_SCHEMA_GETTER = ckan_search._get_schema_from_solr
_SCHEMA_XML = Path(ckan_search.__file__).parents[2] / "config" / "solr" / \
    "schema.xml"

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()

_UPSERT = f"""
INSERT INTO {DOC} (index_id, seq, id, site_id, name, entity_type, dataset_type,
    state, capacity, organization, owner_org, license_id, title_string, title,
    metadata_created, metadata_modified, tags, groups, res_format,
    permission_labels, facet_ids, extra_facet_ids, tsv_head)
VALUES (%(index_id)s, nextval('grll_search.document_seq'), %(id)s,
    %(site_id)s, %(name)s, %(entity_type)s, %(dataset_type)s, %(state)s,
    %(capacity)s, %(organization)s, %(owner_org)s, %(license_id)s,
    %(title_string)s, %(title)s, %(metadata_created)s, %(metadata_modified)s,
    %(tags)s, %(groups)s, %(res_format)s, %(permission_labels)s,
    %(facet_ids)s::integer[], %(extra_facet_ids)s::integer[],
    setweight(to_tsvector(%(cfg)s::regconfig, %(wa)s), 'A')
    || setweight(to_tsvector(%(cfg)s::regconfig, %(wb)s), 'B'))
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
    tsv_head = excluded.tsv_head;
INSERT INTO {FIELDS} (index_id, fields) VALUES (%(index_id)s, %(fields)s)
ON CONFLICT (index_id) DO UPDATE SET fields = excluded.fields;
INSERT INTO {TEXT} (index_id, tsv)
SELECT %(index_id)s, tsv_head
    || setweight(to_tsvector(%(cfg)s::regconfig, %(wc)s), 'C')
    || setweight(to_tsvector(%(cfg)s::regconfig, %(wd)s), 'D')
FROM {DOC} WHERE index_id = %(index_id)s
ON CONFLICT (index_id) DO UPDATE SET tsv = excluded.tsv;
INSERT INTO {STORED} (index_id, validated_data_dict, data_dict, doc)
VALUES (%(index_id)s, %(validated_data_dict)s, %(data_dict)s, %(stored)s)
ON CONFLICT (index_id) DO UPDATE SET
    validated_data_dict = excluded.validated_data_dict,
    data_dict = excluded.data_dict, doc = excluded.doc;
"""


# The index is derived from the catalog and can always be rebuilt, so its writes do
# not wait for the disk flush: a crash may lose the last fraction of a second of index
# writes (found by `ckan search-index rebuild -o`), never corrupt them. The catalog's
# own transactions keep PostgreSQL's synchronous commit.
_ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF"

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
        try:
            engine = get_engine()
            with engine.begin() as conn:
                return work(conn.connection)
        except QuerySyntaxError as e:
            raise pysolr.SolrError(
                f"org.apache.solr.search.SyntaxError: {e}") from e
        except sa.exc.OperationalError as e:
            raise pysolr.SolrError(
                f"Failed to connect to server at {self.url}: {e}") from e
        except psycopg2.errors.QueryCanceled as e:
            raise pysolr.SolrError(
                f"Search took longer than {config.statement_timeout_ms()} ms"
                " and was cancelled") from e
        except (sa.exc.DBAPIError, psycopg2.Error) as e:
            raise pysolr.SolrError(f"Search backend error: {e}") from e

    def search(self, q: str | None = None, search_handler: Any = None,
               **kwargs: Any) -> pysolr.Results:
        def work(dbapi: Any) -> dict[str, Any]:
            req = parse_request(q or "", kwargs, config.ts_config())
            return run(dbapi, req, config.statement_timeout_ms(), _cache())

        decoded = self._call(work)
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
        cfg = config.ts_config()
        try:
            rows = [build_row(doc, self._from_python, self._is_null_value, now)
                    for doc in docs]
        except DocumentError as e:
            # CKAN turns SolrError into SearchIndexError, as Solr's 400.
            raise pysolr.SolrError(f"Document is invalid: {e}") from e

        def work(dbapi: Any) -> None:
            cur = dbapi.cursor()
            cur.execute(_ASYNC_COMMIT)
            terms = facet_term_ids(cur, [t for row in rows for t in row.facet_terms])
            for row in rows:
                values = dict(row.columns)
                values.update(
                    index_id=row.index_id, fields=json.dumps(row.fields),
                    cfg=cfg, wa=row.weighted[0], wb=row.weighted[1],
                    wc=row.weighted[2], wd=row.weighted[3],
                    validated_data_dict=row.validated_data_dict,
                    data_dict=row.data_dict, stored=row.stored,
                    facet_ids=[terms[t] for t in row.facet_terms
                               if f.facet_ids_column(t[0]) == "facet_ids"],
                    extra_facet_ids=[terms[t] for t in row.facet_terms
                                     if f.facet_ids_column(t[0]) != "facet_ids"])
                cur.execute(_UPSERT, values)
            cur.execute(_NEXT_GENERATION)

        self._call(work)
        return '{"responseHeader":{"status":0}}'

    def delete(self, id: Any = None, q: str | None = None,  # noqa: A002
               commit: Any = None, softCommit: bool = False,
               waitFlush: Any = None, waitSearcher: Any = None,
               handler: str = "update") -> str:
        if id is None and q is None:
            raise ValueError('You must specify "id" or "q".')
        if id is not None and q is not None:
            raise ValueError('You many only specify "id" OR "q", not both.')

        def work(dbapi: Any) -> None:
            cur = dbapi.cursor()
            cur.execute(_ASYNC_COMMIT)
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
        # Every add and delete is its own committed transaction already.
        return '{"responseHeader":{"status":0}}'

    def optimize(self, commit: bool = True, waitFlush: Any = None,
                 waitSearcher: Any = None, maxSegments: Any = None,
                 handler: str = "update") -> str:
        def work(dbapi: Any) -> None:
            dbapi.cursor().execute(f"ANALYZE {DOC}; ANALYZE {STORED}")

        self._call(work)
        return '{"responseHeader":{"status":0}}'

    def ping(self, handler: str = "admin/ping", **kwargs: Any) -> str:
        self._call(lambda dbapi: dbapi.cursor().execute("SELECT 1"))
        return '{"status":"OK"}'
