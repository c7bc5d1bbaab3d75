"""PostgreSQL storage of the search index: schema, text search configs, tables.

Everything lives in the schema ``grll_search`` of the catalog database, because
CKAN's test fixture ``clean_db`` drops every table of ``public`` and the index
must survive it the way a Solr core does.

Scans stay cheap because each table holds one kind of data: ``document`` is
narrow (filter, facet and sort columns, facet ids), ``field_index`` has a jsonb
of every other indexed field, ``text_index`` the weighted tsvector, and
``stored`` the stored fields, read only for the rows of a page, with the two
big ones (the dataset dicts) in their own columns so that a page reads only
the one CKAN asks for.
"""
from __future__ import annotations

import logging
import threading

import sqlalchemy as sa
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

SCHEMA = "grll_search"

#: Run once per database as a superuser (the application role cannot create
#: extensions). Dictionaries and configurations built on them are then created
#: by :func:`ensure_schema` with the application role.
EXTENSIONS_SQL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent;\n"
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
)

#: The tables of the index (ANALYZE them after a full rebuild).
TABLES = tuple(f"{SCHEMA}.{name}" for name in (
    "document", "field_index", "text_index", "stored", "facet_term",
    "facet_bucket", "facet_count"))

#: Text search configurations by the value of ``ckanext.grll.search.language``.
TS_CONFIGS = {"spanish": f"{SCHEMA}.spanish", "english": f"{SCHEMA}.english"}

# Bumped when the DDL below changes in a way that needs a re-run.
SCHEMA_VERSION = 9
#: Older layouts upgraded in place (see _upgrade) rather than dropped.
UPGRADABLE_FROM = {8}

_DDL = """
CREATE SCHEMA IF NOT EXISTS {s};

CREATE TABLE IF NOT EXISTS {s}.meta (
    key text PRIMARY KEY,
    value text NOT NULL
);

-- Solr breaks ties in index order; a new sequence value on every write
-- reproduces that.
CREATE SEQUENCE IF NOT EXISTS {s}.document_seq;

CREATE TABLE IF NOT EXISTS {s}.document (
    index_id text PRIMARY KEY,
    seq bigint NOT NULL DEFAULT nextval('{s}.document_seq'),
    id text NOT NULL,
    site_id text NOT NULL,
    name text,
    entity_type text,
    dataset_type text,
    state text,
    capacity text,
    organization text,
    owner_org text,
    license_id text,
    -- Solr sorts its string fields by code point: so does collation "C".
    title_string text COLLATE "C",
    title text,
    metadata_created timestamptz,
    metadata_modified timestamptz,
    tags text[] NOT NULL DEFAULT '{{}}',
    groups text[] NOT NULL DEFAULT '{{}}',
    res_format text[] NOT NULL DEFAULT '{{}}',
    permission_labels text[] NOT NULL DEFAULT '{{}}',
    -- ids in facet_term of every facetable (field, value): all facets of a
    -- search are counted in one pass over small integers
    facet_ids integer[] NOT NULL DEFAULT '{{}}',
    -- the same for the other facetable fields (schemas, extras): counted
    -- only when a search asks for one of them
    extra_facet_ids integer[] NOT NULL DEFAULT '{{}}',
    -- title, name, tags and groups (weights A and B): ranks matches without
    -- reading the full text
    tsv_head tsvector NOT NULL
);

-- Every other indexed field but the stored text ones, always as arrays of
-- strings: apart, so that document rows stay short for scans and facets,
-- and joined only by searches that name such a field.
CREATE TABLE IF NOT EXISTS {s}.field_index (
    index_id text PRIMARY KEY
        REFERENCES {s}.document (index_id) ON DELETE CASCADE,
    fields jsonb NOT NULL
);

-- The weighted catch-all tsvector, alone: the GIN index answers text
-- matches without touching the documents, and scans of documents never
-- read it.
--
-- It also carries what a free-text search of the dataset list needs (the
-- document's facet bucket and facet ids, and its sort keys), so that such
-- a search counts, facets and ranks on this table alone, in parallel,
-- without joining the documents.
CREATE TABLE IF NOT EXISTS {s}.text_index (
    index_id text PRIMARY KEY
        REFERENCES {s}.document (index_id) ON DELETE CASCADE,
    tsv tsvector NOT NULL,
    bucket_id integer,
    facet_ids integer[],
    metadata_modified timestamptz,
    seq bigint
);
ALTER TABLE {s}.text_index ADD COLUMN IF NOT EXISTS bucket_id integer,
    ADD COLUMN IF NOT EXISTS facet_ids integer[],
    ADD COLUMN IF NOT EXISTS metadata_modified timestamptz,
    ADD COLUMN IF NOT EXISTS seq bigint;

CREATE TABLE IF NOT EXISTS {s}.facet_term (
    id serial PRIMARY KEY,
    field text NOT NULL,
    value text NOT NULL,
    UNIQUE (field, value)
);

CREATE TABLE IF NOT EXISTS {s}.stored (
    index_id text PRIMARY KEY
        REFERENCES {s}.document (index_id) ON DELETE CASCADE,
    validated_data_dict text,
    data_dict text,
    -- every other stored field, as JSON
    doc text NOT NULL
);

-- Bumped by every write, in the writing transaction: cached search results
-- are valid for one generation (Solr's caches end with each commit).
INSERT INTO {s}.meta (key, value) VALUES ('generation', '0')
ON CONFLICT (key) DO NOTHING;

-- All values of one field as a single text, for tokenized matching: from
-- field_index (arrays) or the JSON of stored (scalars or arrays).
CREATE OR REPLACE FUNCTION {s}.field_text(fields jsonb, name text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE jsonb_typeof(fields -> name)
       WHEN 'array' THEN (SELECT string_agg(v, ' ')
                          FROM jsonb_array_elements_text(fields -> name) v)
       ELSE fields ->> name END $$;

-- The values of one field as rows, whether stored as an array or a scalar.
CREATE OR REPLACE FUNCTION {s}.field_values(fields jsonb, name text)
RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT jsonb_array_elements_text(CASE jsonb_typeof(fields -> name)
       WHEN 'array' THEN fields -> name
       ELSE jsonb_build_array(fields -> name) END) $$;

-- Facet counts kept up to date by every write, for searches that filter
-- only on who may see what (the dataset list, the API's first page): the
-- documents fall into a few buckets of equal site, type, state, capacity
-- and permission labels, and facet_count holds, per bucket, how many
-- documents have each facet term (term 0: the documents themselves).
-- Such a search then adds up a few hundred rows instead of grouping the
-- whole catalog.
CREATE TABLE IF NOT EXISTS {s}.facet_bucket (
    id serial PRIMARY KEY,
    key text NOT NULL UNIQUE,
    site_id text,
    entity_type text,
    dataset_type text,
    state text,
    capacity text,
    permission_labels text[] NOT NULL
);

CREATE TABLE IF NOT EXISTS {s}.facet_count (
    bucket_id integer NOT NULL REFERENCES {s}.facet_bucket (id),
    term_id integer NOT NULL,
    -- a term of facet_ids (the default facets) rather than extra_facet_ids
    main boolean NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (bucket_id, term_id)
);

CREATE OR REPLACE FUNCTION {s}.bucket_key(
    site_id text, entity_type text, dataset_type text, state text,
    capacity text, permission_labels text[])
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT jsonb_build_array(site_id, entity_type, dataset_type, state,
       capacity, ARRAY(SELECT DISTINCT unnest(permission_labels) ORDER BY 1))::text $$;

-- The statements that add the documents of `source` (a query yielding
-- document columns and sign +1 or -1) to their buckets' counts. Rows that
-- cancel out (a re-indexed, unchanged document) write nothing, so
-- re-indexing takes no lock on the counts. Only the trigger function can
-- read its transition tables, hence statements it runs itself.
CREATE OR REPLACE FUNCTION {s}.facet_count_sql(source text)
RETURNS text[] LANGUAGE sql IMMUTABLE AS $f$ SELECT ARRAY[
    format($q$
        INSERT INTO {s}.facet_bucket (key, site_id, entity_type, dataset_type,
            state, capacity, permission_labels)
        SELECT DISTINCT ON (k) k, site_id, entity_type, dataset_type, state,
            capacity, permission_labels
        FROM (SELECT {s}.bucket_key(site_id, entity_type, dataset_type,
                  state, capacity, permission_labels) AS k, *
              FROM (%%s) r WHERE sign > 0) r
        ORDER BY k
        ON CONFLICT (key) DO NOTHING $q$, source),
    format($q$
        INSERT INTO {s}.facet_count AS c (bucket_id, term_id, main, n)
        SELECT b.id, t.term_id, t.main, sum(r.sign)
        FROM (%%s) r
        JOIN {s}.facet_bucket b ON b.key = {s}.bucket_key(r.site_id,
            r.entity_type, r.dataset_type, r.state, r.capacity,
            r.permission_labels)
        CROSS JOIN LATERAL (
            SELECT 0, true
            UNION ALL SELECT unnest(r.facet_ids), true
            UNION ALL SELECT unnest(r.extra_facet_ids), false) t(term_id, main)
        GROUP BY b.id, t.term_id, t.main
        HAVING sum(r.sign) <> 0
        ORDER BY 1, 2
        ON CONFLICT (bucket_id, term_id) DO UPDATE SET n = c.n + excluded.n
        $q$, source)] $f$;

CREATE OR REPLACE FUNCTION {s}.count_facets() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    statement text;
BEGIN
    FOREACH statement IN ARRAY {s}.facet_count_sql(CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
        ELSE 'SELECT *, 1 AS sign FROM new_rows'
             ' UNION ALL SELECT *, -1 AS sign FROM old_rows' END)
    LOOP
        EXECUTE statement;
    END LOOP;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER document_counts_insert AFTER INSERT ON {s}.document
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.count_facets();
CREATE OR REPLACE TRIGGER document_counts_update AFTER UPDATE ON {s}.document
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.count_facets();
CREATE OR REPLACE TRIGGER document_counts_delete AFTER DELETE ON {s}.document
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.count_facets();

CREATE INDEX IF NOT EXISTS document_id_idx ON {s}.document (id);
CREATE INDEX IF NOT EXISTS document_name_idx ON {s}.document (name);
CREATE INDEX IF NOT EXISTS document_owner_org_idx ON {s}.document (owner_org);
CREATE INDEX IF NOT EXISTS document_organization_idx
    ON {s}.document (organization);
-- The common sorts, in the order the searcher asks for (ties by seq).
CREATE INDEX IF NOT EXISTS document_modified_idx
    ON {s}.document (metadata_modified DESC NULLS LAST, seq);
CREATE INDEX IF NOT EXISTS document_created_idx
    ON {s}.document (metadata_created DESC NULLS LAST, seq);
CREATE INDEX IF NOT EXISTS document_title_string_idx
    ON {s}.document (title_string, seq);
CREATE INDEX IF NOT EXISTS document_tags_idx ON {s}.document USING gin (tags);
CREATE INDEX IF NOT EXISTS document_groups_idx
    ON {s}.document USING gin (groups);
CREATE INDEX IF NOT EXISTS document_res_format_idx
    ON {s}.document USING gin (res_format);
CREATE INDEX IF NOT EXISTS document_labels_idx
    ON {s}.document USING gin (permission_labels);
CREATE INDEX IF NOT EXISTS field_index_fields_idx
    ON {s}.field_index USING gin (fields jsonb_path_ops);
CREATE INDEX IF NOT EXISTS text_index_tsv_idx
    ON {s}.text_index USING gin (tsv);
-- Free-text matches outside the head, newest first (see searcher).
CREATE INDEX IF NOT EXISTS text_index_modified_idx
    ON {s}.text_index (metadata_modified DESC NULLS LAST, seq);
-- Field queries on title, name, tags and groups (autocomplete) combine with
-- OR into one bitmap scan.
CREATE INDEX IF NOT EXISTS document_tsv_head_idx
    ON {s}.document USING gin (tsv_head);
CREATE INDEX IF NOT EXISTS document_title_trgm_idx
    ON {s}.document USING gin (title {trgm}.gin_trgm_ops);
CREATE INDEX IF NOT EXISTS document_name_trgm_idx
    ON {s}.document USING gin (name {trgm}.gin_trgm_ops);
"""

# Solr's schema has no stop words, hence no StopWords option on the stemmers.
_TS_DDL = """
CREATE TEXT SEARCH DICTIONARY {s}.spanish_stem (
    TEMPLATE = pg_catalog.snowball, Language = spanish);
CREATE TEXT SEARCH DICTIONARY {s}.english_stem (
    TEMPLATE = pg_catalog.snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION {s}.spanish (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION {s}.spanish
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword,
        hword_part
    WITH {ua}.unaccent, {s}.spanish_stem;
CREATE TEXT SEARCH CONFIGURATION {s}.english (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION {s}.english
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword,
        hword_part
    WITH {ua}.unaccent, {s}.english_stem;
"""

_ensured: set[str] = set()
_lock = threading.Lock()


class MissingExtensionError(RuntimeError):
    """The superuser step (:data:`EXTENSIONS_SQL`) has not been run."""


def _extension_schemas(conn: sa.engine.Connection) -> dict[str, str]:
    rows = conn.execute(sa.text(
        "SELECT e.extname, n.nspname FROM pg_extension e"
        " JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname IN ('unaccent', 'pg_trgm')"))
    return {name: schema for name, schema in rows}


def _stored_version(conn: sa.engine.Connection) -> int | None:
    """The layout version the index was written with (None: no index yet)."""
    if not conn.execute(sa.text("SELECT to_regclass(:t) IS NOT NULL"),
                        {"t": f"{SCHEMA}.meta"}).scalar():
        return None
    version = conn.execute(sa.text(
        f"SELECT value FROM {SCHEMA}.meta WHERE key = 'schema_version'")).scalar()
    return None if version is None else int(version)


def _drop_outdated_tables(conn: sa.engine.Connection, version: int | None) -> None:
    """An index written by an older layout is dropped, not migrated (but for
    :data:`UPGRADABLE_FROM`): it is derived data, and ``ckan search-index
    rebuild`` refills it."""
    if version is not None and version != SCHEMA_VERSION \
            and version not in UPGRADABLE_FROM:
        log.warning("grll_search: index layout %s replaced by %s; run "
                    "`ckan search-index rebuild`", version, SCHEMA_VERSION)
        conn.exec_driver_sql(
            f"DROP TABLE IF EXISTS {SCHEMA}.stored, {SCHEMA}.text_index,"
            f" {SCHEMA}.field_index, {SCHEMA}.document, {SCHEMA}.facet_term,"
            f" {SCHEMA}.facet_count, {SCHEMA}.facet_bucket")


def _upgrade(conn: sa.engine.Connection) -> None:
    """Layout 8 to 9: count the documents into the facet buckets, and copy
    their buckets, facet ids and sort keys into ``text_index``."""
    log.warning("grll_search: upgrading the index layout to %s", SCHEMA_VERSION)
    conn.exec_driver_sql(f"TRUNCATE {SCHEMA}.facet_count, {SCHEMA}.facet_bucket")
    for (statement,) in conn.execute(sa.text(
            f"SELECT unnest({SCHEMA}.facet_count_sql("
            f"'SELECT *, 1 AS sign FROM {SCHEMA}.document'))")).all():
        conn.exec_driver_sql(statement.replace("%", "%%"))
    conn.exec_driver_sql(f"""
        UPDATE {SCHEMA}.text_index t SET bucket_id = b.id,
            facet_ids = d.facet_ids, metadata_modified = d.metadata_modified,
            seq = d.seq
        FROM {SCHEMA}.document d JOIN {SCHEMA}.facet_bucket b
            ON b.key = {SCHEMA}.bucket_key(d.site_id, d.entity_type,
                d.dataset_type, d.state, d.capacity, d.permission_labels)
        WHERE t.index_id = d.index_id""")


def ensure_schema(engine: Engine) -> None:
    """Create the search schema, text search configurations and tables.

    Idempotent and cheap after the first call per process. Run it with the
    application role so that it owns the tables; the extensions must already
    exist (see :data:`EXTENSIONS_SQL`).
    """
    key = str(engine.url)
    if key in _ensured:
        return
    with _lock:
        if key in _ensured:
            return
        with engine.begin() as conn:
            # Serialises concurrent first starts (web and worker processes).
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(74851234)"))
            ext = _extension_schemas(conn)
            missing = {"unaccent", "pg_trgm"} - ext.keys()
            if missing:
                raise MissingExtensionError(
                    "grll_search needs the PostgreSQL extensions {}: run "
                    "ckanext.grll.search.storage.EXTENSIONS_SQL as a superuser".format(", ".join(sorted(missing))))
            has_configs = conn.execute(sa.text(
                "SELECT count(*) FROM pg_ts_config c"
                " JOIN pg_namespace n ON n.oid = c.cfgnamespace"
                " WHERE n.nspname = :s"), {"s": SCHEMA}).scalar()
            conn.exec_driver_sql(
                f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            version = _stored_version(conn)
            _drop_outdated_tables(conn, version)
            if not has_configs:
                conn.exec_driver_sql(
                    _TS_DDL.format(s=SCHEMA, ua=ext["unaccent"]))
            conn.exec_driver_sql(_DDL.format(s=SCHEMA, trgm=ext["pg_trgm"]))
            if version in UPGRADABLE_FROM:
                _upgrade(conn)
            conn.execute(sa.text(
                f"INSERT INTO {SCHEMA}.meta (key, value)"
                " VALUES ('schema_version', :v)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                {"v": str(SCHEMA_VERSION)})
        _ensured.add(key)


def stats(engine: Engine) -> dict[str, int]:
    """Document count and on-disk sizes in bytes of tables and indexes."""
    ensure_schema(engine)
    with engine.connect() as conn:
        row = conn.execute(sa.text(
            f"SELECT (SELECT count(*) FROM {SCHEMA}.document),"
            f" pg_table_size('{SCHEMA}.document'),"
            f" pg_indexes_size('{SCHEMA}.document'),"
            f" pg_table_size('{SCHEMA}.stored'),"
            f" pg_indexes_size('{SCHEMA}.stored')")).one()
    return {
        "documents": row[0],
        "document_table_bytes": row[1],
        "document_indexes_bytes": row[2],
        "stored_table_bytes": row[3],
        "stored_indexes_bytes": row[4],
    }
