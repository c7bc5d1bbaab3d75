"""Search benchmark of grll_search (issue 3), measured at ``package_search``.

    .venv/bin/python bench/run.py [--size 1000|10000|100000] [--seconds 15]
                                  [--adversarial-only]

Uses its own database ``grll_srch_bench`` (created through ``--admin-url``)
and ``config/search-bench.local.ini``; the corpus is loaded and indexed once
per size and reused on later runs. Prints every figure with its ratio to the
target (ratio <= 1 meets a latency target, >= 1 a throughput target).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import adversarial  # noqa: E402
import corpus  # noqa: E402

INI = ROOT / "config" / "search-bench.local.ini"
SITE_ID = "grll-bench"
FACETS = '["organization", "groups", "tags", "res_format", "license_id"]'

#: class -> (share of the mix, p95 target in ms)
CLASSES = {
    "browse": (0.35, 20), "free_text": (0.25, 150), "drill_down": (0.15, 150),
    "sort": (0.05, 150), "deep_page": (0.05, 150), "api": (0.05, 150),
    "autocomplete": (0.05, 150), "org_group_tags": (0.05, 150),
}
COMMON_TEXT_TARGET_MS = 150
#: No single search, however built, may hold a worker longer than this.
ADVERSARIAL_TARGET_MS = 1000
THROUGHPUT_TARGET = 100.0
INDEX_RATE_TARGET = 100.0

INI_TEXT = """[app:main]
use = egg:ckan
SECRET_KEY = bench-only-not-a-secret
WTF_CSRF_SECRET_KEY = bench-only-not-a-secret
sqlalchemy.url = {db_url}
ckan.site_id = {site_id}
ckan.site_url = http://127.0.0.1:5099
solr_url = http://127.0.0.1:8983/solr/ckan
ckan.redis.url = redis://127.0.0.1:6379/9
ckan.plugins = grll_search
ckanext.grll.search.backend = postgres
ckan.storage_path = {root}/var/search-bench

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = ERROR
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)s [%(name)s] %(message)s
"""


# set-up ----------------------------------------------------------------
def prepare_database(admin_url: str, database: str) -> str:
    from ckanext.grll.search.storage import EXTENSIONS_SQL

    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :d"),
                            {"d": database}).scalar():
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    url = admin.url.set(database=database)
    with sa.create_engine(url).begin() as conn:
        conn.exec_driver_sql(EXTENSIONS_SQL)
    db_url = url.render_as_string(hide_password=False)
    INI.write_text(INI_TEXT.format(db_url=db_url, site_id=SITE_ID, root=ROOT))
    return db_url


def load_app() -> Any:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(str(INI)))
    context = app._wsgi_app.test_request_context()
    context.push()
    return app


def load_corpus(size: int, reload: bool) -> None:
    """Organizations and groups by action, datasets by bulk insert."""
    import ckan.plugins.toolkit as tk
    from ckan import model
    from psycopg2.extras import execute_values

    model.repo.init_db()
    # The portal's own migrations of grll_search (an index package_show needs).
    subprocess.run([str(Path(sys.executable).parent / "ckan"), "-c", str(INI), "db",
                    "upgrade", "-p", "grll_search"], check=True, capture_output=True)
    if not reload and model.Session.query(model.Package).count() == size:
        return
    model.repo.delete_all()
    import ckan.lib.search as search
    search.clear_all()
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    creator = model.User.get(site_user["name"]).id
    organizations = []
    for topic in corpus.TEMAS:
        for k in range(3):
            org = tk.get_action("organization_create")(dict(context), {
                "name": f"gerencia-{topic}-{k}", "title": f"Gerencia de {topic} {k}"})
            organizations.append((org["id"], topic))
    groups = {}
    for name in ("agua-segura", "seguridad-ciudadana", "mercado-agrario",
                 "empleo", "transparencia", "cambio-climatico", "salud-publica",
                 "educacion-de-calidad"):
        groups[name] = tk.get_action("group_create")(dict(context), {"name": name})["id"]

    tag_ids: dict[str, str] = {}
    batch: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    raw = model.Session.connection().connection

    def flush() -> None:
        cur = raw.cursor()
        for table, columns in (
                ("package", "id, name, title, notes, owner_org, license_id, private, "
                            "state, type, metadata_created, metadata_modified, "
                            "creator_user_id, extras"),
                ("tag", "id, name"),
                ("package_tag", "id, package_id, tag_id, state"),
                ("resource", "id, package_id, name, format, url, position, state, "
                             "extras, created, metadata_modified, url_type"),
                ("member", "id, table_name, table_id, capacity, group_id, state")):
            if batch[table]:
                execute_values(cur, f'INSERT INTO "{table}" ({columns}) VALUES %s',
                               batch[table], page_size=1000)
        batch.clear()

    import uuid
    for n, ds in enumerate(corpus.generate(size, organizations, list(groups))):
        batch["package"].append((ds.id, ds.name, ds.title, ds.notes, ds.owner_org,
                                 ds.license_id, ds.private, ds.state, "dataset",
                                 ds.created, ds.modified, creator,
                                 # CKAN 2.12 keeps a dataset's extras in this column.
                                 json.dumps(ds.extras)))
        for tag in ds.tags:
            if tag not in tag_ids:
                tag_ids[tag] = str(uuid.uuid4())
                batch["tag"].append((tag_ids[tag], tag))
            batch["package_tag"].append((str(uuid.uuid4()), ds.id, tag_ids[tag], "active"))
        for pos, (name, fmt, url) in enumerate(ds.resources):
            batch["resource"].append((str(uuid.uuid4()), ds.id, name, fmt, url, pos,
                                      "active", "{}", ds.created, ds.modified, ""))
        for group in ds.groups:
            batch["member"].append((str(uuid.uuid4()), "package", ds.id, "public",
                                    groups[group], "active"))
        if n % 5000 == 4999:
            flush()
    flush()
    model.Session.commit()


def _index_worker(ids: list[str]) -> None:
    load_app()
    import ckan.lib.search as search

    search.rebuild(package_ids=ids, defer_commit=True, quiet=True)
    search.commit()  # as `ckan search-index rebuild` ends


def index_corpus(size: int) -> None:
    """Index what is not indexed yet, in two processes through CKAN's path."""
    import ckan.lib.search as search
    from ckan import model

    indexed = set(search.query_for(model.Package).get_all_entity_ids(max_results=size * 2))
    missing = [i for (i,) in model.Session.query(model.Package.id) if i not in indexed]
    if not missing:
        return
    started = time.monotonic()
    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(_index_worker, [missing[0::2], missing[1::2]])
    elapsed = time.monotonic() - started
    print(f"indexed {len(missing)} datasets in {elapsed:.0f} s with 2 processes "
          f"({len(missing) / elapsed:.0f}/s)")


def measure_rebuild_rate(sample: int = 1500) -> float:
    """Single-process ``search-index rebuild`` rate on a sample of ids."""
    import ckan.lib.search as search
    from ckan import model

    ids = [i for (i,) in model.Session.query(model.Package.id).limit(sample)]
    started = time.monotonic()
    search.rebuild(package_ids=ids, defer_commit=True, quiet=True)
    search.commit()  # as `ckan search-index rebuild` ends
    return len(ids) / (time.monotonic() - started)


# the query mix ---------------------------------------------------------
Query = tuple[str, str, dict[str, Any]]  # class, action, data_dict


def query_mix(count: int, seed: int, org_ids: list[str], group_names: list[str],
              tags: list[str]) -> list[Query]:
    rnd = random.Random(seed)
    common = [w for phrases in corpus.TEMAS.values() for p in phrases for w in p.split()
              if len(w) > 3]
    medium = corpus.PALABRAS + [p.lower() for p in corpus.PROVINCIAS]
    classes = list(CLASSES)
    shares = [CLASSES[c][0] for c in classes]
    queries: list[Query] = []
    for _ in range(count):
        kind = rnd.choices(classes, shares)[0]
        base = {"facet.field": FACETS, "rows": 20}
        if kind == "browse":
            data = dict(base, start=20 * rnd.choice([0, 0, 0, 0, 1, 2]))
        elif kind == "free_text":
            pool = rnd.choice([corpus.RARAS, medium, common, [corpus.COMMON_TERM]])
            data = dict(base, q=" ".join(rnd.sample(pool, min(len(pool), rnd.randint(1, 3)))))
        elif kind == "drill_down":
            fq = rnd.choice([f'tags:"{rnd.choice(tags[:50])}"',
                             f'organization:"{rnd.choice(org_ids)}"',
                             f'res_format:"{rnd.choice(corpus.FORMATOS)}"',
                             f'license_id:"{rnd.choice(corpus.LICENCIAS)}"'])
            data = dict(base, fq=fq)
        elif kind == "sort":
            data = dict(base, sort=rnd.choice(["title_string asc", "metadata_modified desc",
                                               "name desc", "metadata_created asc"]))
        elif kind == "deep_page":
            data = dict(base, start=rnd.randint(100, 500) * 20)
        elif kind == "api":
            data = rnd.choice([
                {"rows": 1000, "fl": ["id"]},
                {"fq": "metadata_modified:[2026-01-01T00:00:00Z TO NOW]",
                 "sort": "metadata_modified desc", "rows": 100,
                 "start": 100 * rnd.randint(0, 5)}])
        elif kind == "autocomplete":
            word = rnd.choice(common)
            queries.append((kind, "package_autocomplete", {"q": word[:rnd.randint(3, 6)]}))
            continue
        else:
            data = rnd.choice([
                dict(base, fq=f'owner_org:"{rnd.choice(org_ids)}"'),
                dict(base, fq=f'groups:"{rnd.choice(group_names)}"'),
                {"rows": 0, "facet.field": '["tags"]', "facet.limit": 100}])
        queries.append((kind, "package_search", data))
    return queries


def run_adversarial() -> None:
    """Every search of ``adversarial_queries.txt`` at ``package_search``
    without the result cache: the worst single time against the target.
    Refusals (CKAN's SearchError, 409 at the API) and CKAN's own validation
    errors are timed too; anything else is what the API would answer 500."""
    import ckan.plugins.toolkit as tk
    from ckan.lib.search import SearchError

    queries = adversarial.load()
    size = tk.config.get("ckanext.grll.search.cache_size")
    tk.config["ckanext.grll.search.cache_size"] = 0
    worst: dict[str, tuple[float, str]] = {}
    outcomes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    failures: list[str] = []
    try:
        for query in queries:
            kind = query["class"]
            started = time.perf_counter()
            try:
                tk.get_action("package_search")({"user": ""}, dict(query["params"]))
                outcome = "answered"
            except SearchError:
                outcome = "refused"
            except tk.ValidationError:
                outcome = "invalid"
            except Exception as e:  # noqa: BLE001 - what the API would answer 500
                outcome = "error"
                failures.append(f"{kind}: {type(e).__name__}: {str(e)[:120]}")
            elapsed = (time.perf_counter() - started) * 1000
            outcomes[kind][outcome] += 1
            if elapsed > worst.get(kind, (0.0, ""))[0]:
                worst[kind] = (elapsed, f"{outcome}: {json.dumps(query['params'])[:90]}")
    finally:
        tk.config["ckanext.grll.search.cache_size"] = size

    print(f"\nadversarial searches ({len(queries)}, bench/adversarial_queries.txt, no cache)")
    print(f"{'class':<16}{'n':>6}{'answered':>10}{'refused':>9}{'invalid':>9}{'errors':>8}"
          f"{'worst ms':>10}")
    for kind in adversarial.CLASSES:
        counts = outcomes[kind]
        print(f"{kind:<16}{sum(counts.values()):>6}{counts['answered']:>10}"
              f"{counts['refused']:>9}{counts['invalid']:>9}{counts['error']:>8}"
              f"{worst[kind][0]:>10.1f}")
    kind, (value, example) = max(worst.items(), key=lambda item: item[1][0])
    print(f"worst single search: {value:.0f} ms ({kind}, {example})")
    print(f"worst against the target: {value:.0f} ms / {ADVERSARIAL_TARGET_MS} ms,"
          f" ratio {value / ADVERSARIAL_TARGET_MS:.2f}; errors (HTTP 500): {len(failures)}")
    for failure in failures[:10]:
        print("  ", failure)


def catalog_facts() -> tuple[list[str], list[str], list[str]]:
    import ckan.plugins.toolkit as tk

    result = tk.get_action("package_search")({"ignore_auth": True}, {
        "rows": 0, "facet.field": '["organization", "groups", "tags"]', "facet.limit": -1})
    facets = result["facets"]
    tags = sorted(facets["tags"], key=lambda t: -facets["tags"][t])
    return list(facets["organization"]), list(facets["groups"]), tags


def run_queries(queries: list[Query]) -> dict[str, list[float]]:
    import ckan.plugins.toolkit as tk

    timings: dict[str, list[float]] = defaultdict(list)
    for kind, action, data in queries:
        started = time.perf_counter()
        tk.get_action(action)({"user": ""}, dict(data))
        timings[kind].append((time.perf_counter() - started) * 1000)
    return timings


def _throughput_worker(args: tuple[list[Query], float]) -> int:
    queries, seconds = args
    load_app()
    run_queries(queries[:50])
    done, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        run_queries([queries[done % len(queries)]])
        done += 1
    return done


def overhead_ratio(data: dict[str, Any]) -> tuple[float, float]:
    """package_search time against running our SQL for the same request."""
    import ckan.plugins.toolkit as tk

    from ckanext.grll.search import backend, config, searcher

    captured: list[tuple[str, dict[str, Any]]] = []

    class Recording(backend.PostgresSolr):
        def search(self, q: Any = None, search_handler: Any = None, **kw: Any) -> Any:
            captured.append((q, dict(kw)))
            return super().search(q, search_handler, **kw)

    import pysolr
    pysolr.Solr = Recording
    try:
        tk.get_action("package_search")({"user": ""}, dict(data))
    finally:
        backend.install()
    q, params = captured[0]
    engine = backend.get_engine()

    def bare() -> None:
        with engine.begin() as conn:
            request = searcher.parse_request(q, params, config.ts_config())
            searcher.run(conn.connection, request, 0)

    def full() -> None:
        tk.get_action("package_search")({"user": ""}, dict(data))

    # Both sides without the result cache: the ratio is our Python overhead.
    size = tk.config.get("ckanext.grll.search.cache_size")
    tk.config["ckanext.grll.search.cache_size"] = 0
    try:
        return _median_ms(full), _median_ms(bare)
    finally:
        tk.config["ckanext.grll.search.cache_size"] = size


def _median_ms(fn: Callable[[], None], repeat: int = 15) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1500)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reload", action="store_true",
                        help="regenerate the corpus even if one of this size is loaded")
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1/postgres")
    parser.add_argument("--database", default="grll_srch_bench")
    parser.add_argument("--adversarial-only", action="store_true",
                        help="time only the adversarial searches")
    args = parser.parse_args()

    prepare_database(args.admin_url, args.database)
    load_app()
    started = time.monotonic()
    load_corpus(args.size, args.reload)
    from ckan import model
    # A catalog in use has its statistics (autovacuum); a bulk load has not yet.
    model.Session.execute(sa.text("ANALYZE"))
    model.Session.commit()
    print(f"corpus: {args.size} datasets ready in {time.monotonic() - started:.0f} s")
    index_corpus(args.size)

    from ckanext.grll.search import backend, storage
    with backend.get_engine().begin() as conn:
        conn.exec_driver_sql(f"ANALYZE {', '.join(storage.TABLES)}")
        settings = {name: conn.exec_driver_sql(f"SHOW {name}").scalar()
                    for name in ("shared_buffers", "max_parallel_workers_per_gather")}
    print("index:", json.dumps(storage.stats(backend.get_engine())))
    print("PostgreSQL:", json.dumps(settings))
    if args.adversarial_only:
        run_adversarial()
        return 0

    org_ids, group_names, tags = catalog_facts()
    queries = query_mix(args.queries, args.seed, org_ids, group_names, tags)
    run_queries(queries[:100])
    timings = run_queries(queries)

    print(f"\npackage_search at {args.size} datasets ({args.queries} queries, seed {args.seed})")
    print(f"{'class':<16}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'target':>8}{'ratio':>7}")
    for kind, (_, target) in CLASSES.items():
        values = timings.get(kind, [])
        if values:
            print(f"{kind:<16}{len(values):>6}{statistics.median(values):>9.1f}"
                  f"{p95(values):>9.1f}{target:>8}{p95(values) / target:>7.2f}")

    # Without the result cache: every query pays the full SQL, as a first
    # visitor after a write would.
    import ckan.plugins.toolkit as tk
    tk.config["ckanext.grll.search.cache_size"] = 0
    cold = run_queries(queries)
    for kind, (_, target) in CLASSES.items():
        values = cold.get(kind, [])
        if values:
            print(f"{kind + ' (cold)':<16}{len(values):>6}{statistics.median(values):>9.1f}"
                  f"{p95(values):>9.1f}{target:>8}{p95(values) / target:>7.2f}")
    common = run_queries([("common", "package_search",
                           {"q": corpus.COMMON_TERM, "facet.field": FACETS, "rows": 20})] * 30)
    value = p95(common["common"])
    print(f"{'40% term (cold)':<16}{30:>6}{statistics.median(common['common']):>9.1f}"
          f"{value:>9.1f}{COMMON_TEXT_TARGET_MS:>8}{value / COMMON_TEXT_TARGET_MS:>7.2f}")
    tk.config["ckanext.grll.search.cache_size"] = 512
    run_adversarial()

    with mp.get_context("spawn").Pool(2) as pool:
        done = pool.map(_throughput_worker, [(queries, args.seconds)] * 2)
    qps = sum(done) / args.seconds
    print(f"\nthroughput, 2 processes: {qps:.0f} queries/s "
          f"(target {THROUGHPUT_TARGET:.0f}, ratio {qps / THROUGHPUT_TARGET:.2f})")

    rate = measure_rebuild_rate()
    print(f"search-index rebuild, 1 process: {rate:.0f} datasets/s "
          f"(target {INDEX_RATE_TARGET:.0f}, ratio {rate / INDEX_RATE_TARGET:.2f})")

    print("\noverhead of package_search over our bare SQL (median ms, no cache):")
    for label, data in (("browse", {"facet.field": FACETS, "rows": 20}),
                        ("free text", {"q": corpus.COMMON_TERM, "facet.field": FACETS}),
                        ("api ids", {"rows": 1000, "fl": ["id"]})):
        full, bare = overhead_ratio(data)
        print(f"  {label:<10} package_search {full:7.1f}  bare SQL {bare:7.1f}"
              f"  ratio {full / bare:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
