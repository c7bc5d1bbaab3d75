"""Benchmark of grll_seguridad: comparison and map layers over 1,000,000 citizen reports
and 5 years of SIDPOL-layout statistics for the 84 districts.

Fills the TEST databases of the given ini (they are rebuilt by every test run), in
bulk with ``INSERT ... SELECT generate_series``: a SIDPOL-layout DataStore table of
2020-2024 (84 districts x 12 months x 14 modalities) in a dataset of the
seguridad-ciudadana group, and 1,000,000 citizen reports of the seguridad domain
(9 in 10 moderated, 1 in 50 hidden, points around the district capitals). It then
rebuilds the summary tables once (timed) and calls the real actions, warm:
``grll_seguridad_comparison`` and ``grll_seguridad_map_layer`` (districts and points),
printing p50/p95 against the 300 ms target, and weighs the map page.

    python bench/domain_seguridad.py --ini config/test1.ini
"""
from __future__ import annotations

import gzip
import posixpath
import random
import re
import statistics
import time
from typing import Any

import bench_common

REPORTS = 1_000_000
YEARS = range(2020, 2025)
MODALITIES = ("Hurto", "Robo", "Estafa", "Extorsión", "Homicidio", "Lesiones",
              "Violencia contra la mujer e integrantes del grupo familiar",
              "Violación de la libertad sexual", "Robo de vehículo",
              "Microcomercialización de drogas", "Cohecho", "Bandas y pandillaje",
              "Trata de personas", "Disturbios")
DATASET = "seguridad-bench-sidpol-2020-2024"
SAMPLES = 250
WARMUP = 20
TARGET_P95_MS = 300.0
TARGET_PAGE_KB = 500.0
MAP_OWN = ("/seguridad/mapa", "/grll/seguridad/", "/grll/feedback/vendor/leaflet-1.9.4/",
           "/api/3/action/grll_seguridad_")






def _array(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def official_table() -> str:
    """The DataStore table of the benchmark's SIDPOL dataset (created once)."""
    import ckan.model as model
    import ckan.plugins.toolkit as tk

    from ckanext.grll import reference
    from ckanext.grll.domains.seguridad import mapping

    site = {"user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"],
            "ignore_auth": True}
    if model.Group.get("seguridad-ciudadana-regional") is None:
        tk.get_action("organization_create")(site, {
            "name": "seguridad-ciudadana-regional",
            "title": "Secretaría Técnica del Comité Regional de Seguridad Ciudadana"})
    if model.Group.get("seguridad-ciudadana") is None:
        tk.get_action("group_create")(site, {"name": "seguridad-ciudadana",
                                             "title": "Seguridad ciudadana"})
    package = model.Package.get(DATASET)
    if package is None or not package.resources:
        metadata = mapping.sidpol_dataset(DATASET, [
            {"anio": YEARS.start, "ubigeo": u} for u in reference.distritos()])
        package_dict = tk.get_action("package_create")(site, {
            **metadata, "title": "Denuncias SIDPOL 2020-2024 (benchmark)",
            "cobertura_temporal_fin": f"{YEARS.stop - 1}-12-31",
            "owner_org": "seguridad-ciudadana-regional"})
        tk.get_action("datastore_create")(site, {
            "resource": {"package_id": package_dict["id"], "name": "Denuncias", "format": "CSV"},
            "fields": [{"id": "ANIO", "type": "int"}, {"id": "MES", "type": "int"},
                       {"id": "UBIGEO_HECHO", "type": "text"},
                       {"id": "P_MODALIDADES", "type": "text"},
                       {"id": "cantidad", "type": "int"}]})
        package = model.Package.get(DATASET)
    return package.resources[0].id


def fill() -> None:
    import ckan.model as model

    from ckanext.datastore.backend.postgres import get_write_engine
    from ckanext.grll import reference
    from ckanext.grll.feedback.domains import enabled_domains

    districts = sorted(reference.distritos().values(), key=lambda d: d.ubigeo)
    started = time.perf_counter()
    resource_id = official_table()
    with get_write_engine().begin() as connection:
        connection.execute(model.sa.text(f'TRUNCATE "{resource_id}"'))
        connection.execute(model.sa.text(f"""
            INSERT INTO "{resource_id}" ("ANIO", "MES", "UBIGEO_HECHO", "P_MODALIDADES",
                                         cantidad)
            SELECT y, m, u, mo, 1 + ((y * 7 + m * 13 + hashtext(u || mo)) & 1023) % 90
            FROM generate_series({YEARS.start}, {YEARS.stop - 1}) AS y,
                 generate_series(1, 12) AS m,
                 unnest({_array([d.ubigeo for d in districts])}) AS u,
                 unnest({_array(list(MODALITIES))}) AS mo"""))
    rows = len(YEARS) * 12 * len(districts) * len(MODALITIES)
    print(f"  SIDPOL table: {rows:,} rows in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    categories = list(enabled_domains()["seguridad"].categories)
    days = (YEARS.stop - YEARS.start) * 365
    if model.Session.execute(model.sa.text(
            "SELECT 1 FROM grll_feedback_report WHERE id = 'bench-seg-1'")).first():
        # A previous run's rows: deleting a million rows one by one checks the
        # unindexed self-reference duplicate_of each time; the test database is
        # rebuilt by every test run anyway.
        model.Session.execute(model.sa.text("TRUNCATE grll_feedback_report CASCADE"))
    model.Session.execute(model.sa.text(f"""
        INSERT INTO grll_feedback_report (
            id, tracking_code, public_id, domain, category, description, answers,
            latitude, longitude, ubigeo, identity, channel, status, hidden, owner_org, flags,
            content_hash, created, updated, due_at, publication_pending)
        SELECT 'bench-seg-' || n, 'BSEG-' || n, 'bseg' || n, 'seguridad',
               a.categoria[1 + (n * 7) % {len(categories)}], 'Reporte de prueba ' || n, '{{}}',
               a.lat[1 + (n * 13) % {len(districts)}] + (random() - 0.5) * 0.04,
               a.lon[1 + (n * 13) % {len(districts)}] + (random() - 0.5) * 0.04,
               a.ubigeo[1 + (n * 13) % {len(districts)}], 'anonimo', 'web',
               CASE WHEN n % 10 = 0 THEN 'recibido' WHEN n % 3 = 0 THEN 'resuelto'
                    ELSE 'en_proceso' END,
               n % 50 = 0, 'seguridad-ciudadana-regional', 0, md5('bseg' || n),
               t, t, t + interval '30 days', false
        FROM generate_series(1, {REPORTS}) AS n,
             LATERAL (SELECT timestamp '{YEARS.start}-01-01'
                             + ((n::bigint * 7919) % {days}) * interval '1 day' AS t) AS c,
             (SELECT {_array(categories)} AS categoria,
                     {_array([d.ubigeo for d in districts])} AS ubigeo,
                     ARRAY[{",".join(str(d.lat) for d in districts)}] AS lat,
                     ARRAY[{",".join(str(d.lon) for d in districts)}] AS lon) AS a"""))
    model.Session.execute(model.sa.text("ANALYZE grll_feedback_report"))
    model.Session.commit()
    print(f"  citizen reports: {REPORTS:,} in {time.perf_counter() - started:.1f} s")


def timed(call: Any, make_params: Any) -> list[float]:
    timings = []
    for i in range(SAMPLES + WARMUP):
        params = make_params()
        start = time.perf_counter()
        call({"user": ""}, params)
        if i >= WARMUP:  # the first calls warm caches and connections
            timings.append((time.perf_counter() - start) * 1000)
    return sorted(timings)


def report(name: str, timings: list[float]) -> bool:
    return bench_common.report_latency(name, timings, TARGET_P95_MS)


def measure() -> bool:
    import ckan.plugins.toolkit as tk

    from ckanext.grll import reference
    from ckanext.grll.domains.seguridad.categorias import categorias

    rnd = random.Random(5)
    ubigeos = list(reference.distritos())
    codes = [None, *categorias()]
    points = [None, *(c.code for c in categorias().values() if c.citizen and not c.sensitive)]

    def period() -> dict[str, str]:
        year = rnd.choice(list(YEARS))
        return rnd.choice([{}, {"desde": f"{year}-01", "hasta": f"{year}-12"},
                           {"desde": f"{YEARS.start}-01", "hasta": f"{YEARS.stop - 1}-12"}])

    def without_none(params: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in params.items() if v is not None}

    ok = report("grll_seguridad_comparison", timed(
        tk.get_action("grll_seguridad_comparison"),
        lambda: {"distrito": rnd.choice(ubigeos),
                 "fuente": rnd.choice(["policial", "ciudadana"]), **period()}))
    ok &= report("grll_seguridad_map_layer capa=distritos", timed(
        tk.get_action("grll_seguridad_map_layer"),
        lambda: without_none({"capa": "distritos", "categoria": rnd.choice(codes),
                              "fuente": rnd.choice(["policial", "ciudadana"]), **period()})))
    ok &= report("grll_seguridad_map_layer capa=puntos", timed(
        tk.get_action("grll_seguridad_map_layer"),
        lambda: without_none({"capa": "puntos", "categoria": rnd.choice(points),
                              **period()})))
    # No target in the issue: the page /seguridad/autoridades reads these figures.
    timings = timed(tk.get_action("grll_seguridad_authority_stats"), dict)
    print(f"grll_seguridad_authority_stats ({len(timings)} calls): p50 "
          f"{statistics.median(timings):.1f} ms, p95 "
          f"{timings[int(len(timings) * 0.95) - 1]:.1f} ms (no target)")
    return ok


def page_weight(app: Any) -> bool:
    """Bytes a phone downloads on a first visit to /seguridad/mapa (gzip, as browsers
    ask): the page, what it links, the layer its script asks and the icon font."""
    from werkzeug.test import Client

    client = Client(app)  # the whole middleware stack, as `ckan run` serves it

    def fetch(url: str) -> bytes:
        return client.get(url, headers={"Accept-Encoding": "gzip"}).get_data()

    def text(body: bytes) -> bytes:
        return gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body

    urls = {"/seguridad/mapa": fetch("/seguridad/mapa")}
    for url in re.findall(rb'(?:src|href)="(/[^"]+\.(?:js|css|svg))"',
                          text(urls["/seguridad/mapa"])):
        urls[url.decode()] = fetch(url.decode())
    layer = "/api/3/action/grll_seguridad_map_layer?capa=distritos&fuente=policial"
    urls[layer] = fetch(layer)
    # The header's icons use Font Awesome's solid face.
    for css_url, body in list(urls.items()):
        if "fontawesome" in css_url:
            font = re.search(rb'url\("?([^")]*fa-solid-900\.woff2)', text(body))
            base = css_url.rsplit("/", 1)[0]
            urls["font"] = fetch(posixpath.normpath(f"{base}/{font.group(1).decode()}"))
    own = sum(len(text(body)) for url, body in urls.items() if url.startswith(MAP_OWN))
    total = sum(len(body) for body in urls.values())
    print(f"map page, first visit (gzip, fonts included): {total / 1024:.0f} KB, "
          f"target < {TARGET_PAGE_KB:.0f} KB, ratio {total / 1024 / TARGET_PAGE_KB:.2f}")
    print(f"  of which the map's own files (page, Leaflet, script, style, layer), "
          f"uncompressed: {own / 1024:.0f} KB")
    return total / 1024 <= TARGET_PAGE_KB


def main() -> int:
    app = bench_common.start(__doc__.split("\n")[0])
    started = time.perf_counter()
    fill()
    print(f"grll_seguridad: data loaded in {time.perf_counter() - started:.1f} s")
    from ckanext.grll.domains.seguridad import resumen

    started = time.perf_counter()
    resumen.refresh()
    print(f"summary tables rebuilt (official + 1M citizen reports) in "
          f"{time.perf_counter() - started:.1f} s")
    ok = measure()
    ok &= page_weight(app)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
