"""Benchmark of grll_agro: latest prices and price history over 5 years of daily prices.

Fills the TEST databases of the given ini (they are rebuilt by every test run): the
agro seed datasets, then two harvest-shaped datasets whose DataStore tables get, by one
``INSERT ... SELECT generate_series`` each, 5 years of daily wholesale prices for 60
products in 5 markets (548,100 rows) and the last year of hourly weather for 20
stations (175,680 rows; the app reads only the latest days of weather). Rebuilds the summary tables (timed), then calls the real actions
warm, 250 times each with random arguments, and prints p50/p95 against the 100 ms
target and the largest answer against 20 KB; then the first load of the app (/agro
with its stylesheet, script and icons) against 300 KB.

    python bench/domain_agro.py --ini config/test3.ini
"""
from __future__ import annotations

import json
import random
import re
import statistics
import time
from collections.abc import Callable
from typing import Any

import bench_common

FIRST_DAY = "2020-01-01"
DAYS = 1827  # 2020-01-01 .. 2024-12-31: 5 years of daily prices
WEATHER_FIRST_DAY = "2024-01-01"
WEATHER_DAYS = 366  # the last year, hourly
STATIONS = 20
CALLS = 250
WARM_UP = 20
TARGET_P95_MS = 100.0
TARGET_BYTES = 20 * 1024
TARGET_FIRST_LOAD = 300 * 1024
SEED = {"precios-mayoristas-sisap", "precios-en-chacra-2024", "clima-diario-estaciones-2024",
        "superficie-sembrada-campanas-agricolas"}
#: 60 products: the portal's catalogue plus other produce of the wholesale markets.
EXTRA_PRODUCTS = ["Ajo", "Ají amarillo", "Apio", "Beterraga", "Brócoli", "Coliflor",
                  "Culantro", "Espinaca", "Lechuga", "Mandarina", "Maracuyá", "Naranja",
                  "Papaya", "Piña", "Plátano", "Pepinillo", "Pimiento", "Poro", "Rabanito",
                  "Vainita", "Zanahoria", "Granadilla", "Fresa", "Chirimoya", "Lúcuma",
                  "Tuna", "Kion", "Betarraga china"]
MARKETS = ["Mercado Mayorista de Trujillo La Hermelinda", "Gran Mercado Mayorista de Lima",
           "Mercado Mayorista de Frutas N.° 2 (Lima)", "Mercado Mayorista Moshoqueque (Chiclayo)",
           "Mercado Mayorista de Chimbote"]






def _values(rows: list[tuple[Any, ...]]) -> str:
    def literal(value: Any) -> str:
        return str(value) if isinstance(value, int | float) else "'" + str(value).replace(
            "'", "''") + "'"
    return ", ".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)


def _bench_table(layout_name: str, key: str, sample: dict[str, Any]) -> str:
    """A harvest-shaped dataset (like the `agro` harvester makes) with an empty table."""
    import ckan.plugins.toolkit as tk

    from ckanext.grll.domains.agro import mapping

    site = {"ignore_auth": True,
            "user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]}
    layout = mapping.LAYOUTS[layout_name]
    try:
        package = tk.get_action("package_show")(dict(site), {"id": key})
    except tk.ObjectNotFound:
        metadata = layout.dataset_metadata(key, [sample])
        metadata["owner_org"] = "gerencia-regional-agricultura"
        package = tk.get_action("package_create")(dict(site), metadata)
    resource = next((r for r in package["resources"] if r["name"] == layout.resource_name), None)
    if resource is None:
        return tk.get_action("datastore_create")(dict(site), {
            "resource": {"package_id": package["id"], "name": layout.resource_name,
                         "format": "CSV"},
            "fields": list(layout.fields), "records": []})["resource_id"]
    return resource["id"]


def fill() -> None:
    import sqlalchemy as sa

    from ckanext.datastore.backend.postgres import get_write_engine
    from ckanext.grll.domains.agro.mapping import PRODUCTOS, VARIABLES
    from ckanext.grll.reference import distritos
    from ckanext.grll.seed.loader import load_catalog

    report = load_catalog(only=SEED)
    if report.failures:
        raise SystemExit(f"seed failed: {report.failures}")
    products = sorted(PRODUCTOS.values()) + EXTRA_PRODUCTS
    assert len(products) == 60 and len(MARKETS) == 5
    stations = sorted(distritos().values(), key=lambda d: d.ubigeo)[::4][:STATIONS]
    prices = _bench_table("precios_mayoristas", "precios-mayoristas-bench-cosecha", {
        "fecha": FIRST_DAY, "mercado": MARKETS[0], "producto": products[0]})
    weather = _bench_table("clima", "clima-horario-bench-cosecha", {
        "estacion": "Bench", "tipo_estacion": "automatica", "ubigeo": stations[0].ubigeo,
        "provincia": stations[0].provincia, "distrito": stations[0].nombre,
        "fecha": FIRST_DAY, "hora": "00:00",
        **{field: None for field, *_ in VARIABLES.values()}, "temperatura": 20.0})
    started = time.perf_counter()
    with get_write_engine().begin() as connection:
        # The DataStore's full-text trigger would take most of the time: the bench
        # measures the app's queries, not DataStore text search, so it is off meanwhile.
        for table in (prices, weather):
            connection.execute(sa.text(f'ALTER TABLE "{table}" DISABLE TRIGGER zfulltext'))
        connection.execute(sa.text(f'TRUNCATE "{prices}"'))
        connection.execute(sa.text(f"""
            WITH p (i, producto) AS (VALUES {_values(list(enumerate(products)))}),
                 m (j, mercado) AS (VALUES {_values(list(enumerate(MARKETS)))}),
                 d (n, fecha) AS (SELECT n, date '{FIRST_DAY}' + n
                                  FROM generate_series(0, {DAYS - 1}) AS n),
                 base AS (
                   SELECT d.fecha, m.mercado, p.producto,
                          round(((0.8 + (p.i * 37 % 60) / 10.0) * (1 + 0.1 * m.j)
                                * (1 + 0.2 * sin(d.n / 58.0 + p.i)))::numeric, 2) AS promedio
                   FROM d CROSS JOIN m CROSS JOIN p)
            INSERT INTO "{prices}" (fecha, mercado, producto, variedad, procedencia,
                precio_minimo, precio_maximo, precio_promedio, volumen_t)
            SELECT fecha, mercado, producto, 'Corriente', 'La Libertad',
                   round(promedio * 0.85, 2), round(promedio * 1.2, 2), promedio, 25
            FROM base"""))
        print(f"grll_agro: prices written in {time.perf_counter() - started:.1f} s")
        connection.execute(sa.text(f'TRUNCATE "{weather}"'))
        connection.execute(sa.text(f"""
            WITH s (k, estacion, ubigeo, provincia, distrito) AS (VALUES {_values(
                [(k, f"Automática {d.nombre}", d.ubigeo, d.provincia, d.nombre)
                 for k, d in enumerate(stations)])}),
                 h AS (SELECT n, timestamp '{WEATHER_FIRST_DAY}' + n * interval '1 hour' AS t
                       FROM generate_series(0, {WEATHER_DAYS * 24 - 1}) AS n)
            INSERT INTO "{weather}" (estacion, tipo_estacion, ubigeo, provincia, distrito,
                fecha, hora, temperatura, humedad_relativa, precipitacion_mm,
                direccion_viento, velocidad_viento)
            SELECT s.estacion, 'automatica', s.ubigeo, s.provincia, s.distrito, h.t::date,
                   to_char(h.t, 'HH24:MI'),
                   round((18 - s.k * 0.5 + 6 * sin(h.n / 3.82))::numeric, 1),
                   60 + (h.n * 7 + s.k) % 35, CASE WHEN (h.n + s.k) % 41 = 0 THEN 1.2 ELSE 0 END,
                   (h.n * 13 + s.k * 29) % 360, round(((h.n + s.k) % 9)::numeric, 1)
            FROM s CROSS JOIN h"""))
        for table in (prices, weather):
            connection.execute(sa.text(f'ALTER TABLE "{table}" ENABLE TRIGGER zfulltext'))
            connection.execute(sa.text(f'ANALYZE "{table}"'))
    print(f"grll_agro: {DAYS * 60 * 5:,} daily prices and {WEATHER_DAYS * 24 * STATIONS:,} "
          "hourly observations loaded")


def measure(call: Callable[[dict[str, Any], dict[str, Any]], Any],
            params: list[dict[str, Any]]) -> tuple[list[float], int]:
    """Sorted timings (ms) of the warm calls and the largest answer as served (bytes)."""
    timings, largest = [], 0
    for i, data in enumerate(params):
        start = time.perf_counter()
        result = call({"user": ""}, dict(data))
        elapsed = (time.perf_counter() - start) * 1000
        if i >= WARM_UP:  # the first calls warm caches and connections
            timings.append(elapsed)
        size = len(json.dumps(result, ensure_ascii=False, separators=(",", ":"),
                              default=str).encode())
        largest = max(largest, size)
    return sorted(timings), largest


def report(label: str, timings: list[float], largest: int, targets: bool = True) -> bool:
    p95 = timings[int(len(timings) * 0.95) - 1]
    line = (f"{label} ({len(timings)} calls): p50 {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms")
    if not targets:
        print(f"{line}, largest answer {largest / 1024:.1f} KB (no target)")
        return True
    print(f"{line}, target p95 < {TARGET_P95_MS:.0f} ms, ratio {p95 / TARGET_P95_MS:.2f}; "
          f"largest answer {largest / 1024:.1f} KB, target < 20 KB, "
          f"ratio {largest / TARGET_BYTES:.2f}")
    return p95 <= TARGET_P95_MS and largest <= TARGET_BYTES


def first_load(app: Any) -> int:
    """Bytes of /agro plus the stylesheets, scripts and images it links to."""
    from werkzeug.test import Client

    client = Client(app)
    html = client.get("/agro").get_data()
    assets = set(re.findall(rb'(?:href|src)="(/[^"]+\.(?:css|js|png|svg)(?:\?[^"]*)?)"', html))
    return len(html) + sum(len(client.get(a.decode()).get_data()) for a in assets)


def main() -> int:
    app = bench_common.start(__doc__.split("\n")[0])

    import ckan.plugins.toolkit as tk

    from ckanext.grll import reference
    from ckanext.grll.domains.agro import consultas, resumen

    started = time.perf_counter()
    fill()
    print(f"grll_agro: data loaded in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    resumen.refresh()
    print(f"grll_agro: summaries rebuilt in {time.perf_counter() - started:.1f} s")

    rnd = random.Random(7)
    products = [key for key, _ in consultas.con_precio("producto")]
    markets = [key for key, _ in consultas.con_precio("mercado")]
    ubigeos = sorted(reference.distritos())
    runs = CALLS + WARM_UP
    act = tk.get_action
    met = [
        report("latest prices, 5 random crops in every market + farm-gate (the app)",
               *measure(act("grll_agro_latest_prices"), [
                   {"productos": ",".join(rnd.sample(products, 5)),
                    "ubigeo": rnd.choice(ubigeos)} for _ in range(runs)])),
        report("latest prices, every product of a random market (20 at most per call "
               "otherwise)", *measure(act("grll_agro_latest_prices"), [
                   {"mercado": rnd.choice(markets)} for _ in range(runs)])),
        report("price history, random product in every market, last 365 days (weekly)",
               *measure(act("grll_agro_price_history"), [
                   {"producto": rnd.choice(products)} for _ in range(runs)])),
        report("price history, random product and market, 5 years (monthly)",
               *measure(act("grll_agro_price_history"), [
                   {"producto": rnd.choice(products), "mercado": rnd.choice(markets),
                    "desde": "2020-01-01", "hasta": "2024-12-31"} for _ in range(runs)])),
        report("price history, random product and market, 90 days (daily)",
               *measure(act("grll_agro_price_history"), [
                   {"producto": rnd.choice(products), "mercado": rnd.choice(markets),
                    "desde": "2024-10-03"} for _ in range(runs)])),
    ]
    report("weather, random district (nearest of 20 hourly stations)",
           *measure(act("grll_agro_weather"), [{"ubigeo": rnd.choice(ubigeos)}
                                               for _ in range(runs)]), targets=False)
    report("planting, random district", *measure(act("grll_agro_planting"), [
        {"ubigeo": rnd.choice(ubigeos)} for _ in range(runs)]), targets=False)
    weight = first_load(app)
    print(f"first load of /agro (HTML, stylesheet, script, icons): {weight / 1024:.1f} KB, "
          f"target < 300 KB, ratio {weight / TARGET_FIRST_LOAD:.2f}")
    met.append(weight <= TARGET_FIRST_LOAD)
    return 0 if all(met) else 1


if __name__ == "__main__":
    raise SystemExit(main())
