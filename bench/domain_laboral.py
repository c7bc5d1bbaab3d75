"""Benchmark of grll_laboral: job search with three filters over 200,000 offers.

Fills the TEST databases of the given ini (they are rebuilt by every test run):
200,000 job offers in ``grll_laboral_offer`` (the search index) and in the open
dataset's DataStore table, 20,000 seeker profiles, all by ``INSERT ... SELECT
generate_series`` with deterministic values (half the offers already closed).
Then it calls the real action ``grll_laboral_offer_search`` (occupation +
district + minimum salary), warm, and prints p50/p95 against the 150 ms target; then
the profile search (occupation + district) for information.

    python bench/domain_laboral.py --ini config/test4.ini
"""
from __future__ import annotations

import random
import statistics
import time
from typing import Any

import bench_common

OFFERS = 200_000
PROFILES = 20_000
SAMPLES = 300
TARGET_P95_MS = 150.0






def _array(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def lists(ocupaciones: list[str], distritos: list[Any]) -> str:
    """The value lists, built once per statement (a one-row subquery named ``a``)."""
    return (f"(SELECT {_array(ocupaciones)} AS ocupacion, "
            f"{_array([d.ubigeo for d in distritos])} AS ubigeo, "
            f"{_array([d.provincia for d in distritos])} AS provincia, "
            f"{_array([d.nombre for d in distritos])} AS distrito) AS a")


def offer_select(count: int, ocupaciones: list[str], distritos: list[Any]) -> str:
    """Row n: occupation n*7 mod 30, district n*13 mod 84, salary 1130..4129, closing
    dates from 90 days ago to 30 days ahead (so 3 offers in 4 are closed)."""
    o, d = len(ocupaciones), len(distritos)
    return f"""
        SELECT 'OE-B-' || n AS codigo_oferta, 'cosecha' AS origen,
               'Puesto ' || n AS puesto, a.ocupacion[1 + (n * 7) % {o}] AS ocupacion,
               '20883974591' AS ruc, 'Empleador ilustrativo ' || (n % 500) AS empresa,
               a.ubigeo[1 + (n * 13) % {d}] AS ubigeo,
               a.provincia[1 + (n * 13) % {d}] AS provincia,
               a.distrito[1 + (n * 13) % {d}] AS distrito,
               1 + n % 20 AS vacantes, 1130 + (n * 37) % 3000 AS remuneracion,
               'Plazo fijo' AS tipo_contrato, 'Tiempo completo' AS jornada,
               'Secundaria completa' AS nivel_educativo, (n % 5) * 6 AS experiencia_meses,
               current_date - 120 + (n % 150) AS fecha_publicacion,
               current_date - 90 + (n % 120) AS fecha_cierre,
               CASE WHEN current_date - 90 + (n % 120) < current_date THEN 'vencida'
                    ELSE 'vigente' END AS estado
        FROM generate_series(1, {count}) AS n, {lists(ocupaciones, distritos)}"""


def fill() -> None:
    import ckan.model as model
    import ckan.plugins.toolkit as tk

    from ckanext.grll import reference
    from ckanext.grll.domains.laboral import datastore, mapping, ofertas

    ocupaciones = list(mapping.ocupaciones())
    distritos = sorted(reference.distritos().values(), key=lambda d: d.ubigeo)
    columns = ("codigo_oferta, origen, puesto, ocupacion, ruc, empresa, ubigeo, provincia, "
               "distrito, vacantes, remuneracion, tipo_contrato, jornada, nivel_educativo, "
               "experiencia_meses, fecha_publicacion, fecha_cierre, estado")
    select = offer_select(OFFERS, ocupaciones, distritos)
    started = time.perf_counter()
    if model.Group.get(datastore.OWNER_ORG) is None:
        tk.get_action("organization_create")(datastore.site_context(), {
            "name": datastore.OWNER_ORG, "title": "Gerencia Regional de Trabajo"})
    model.Session.execute(model.sa.text(
        "TRUNCATE grll_laboral_contacto, grll_laboral_perfil, grll_laboral_oferta"))
    model.Session.execute(model.sa.text(f"INSERT INTO grll_laboral_oferta ({columns}) {select}"))
    model.Session.execute(model.sa.text(f"""
        INSERT INTO grll_laboral_perfil (id, codigo, ocupacion, ubigeo, provincia, distrito,
            experiencia_meses, nivel_educativo, nombre, email, token)
        SELECT 'perfil-' || n, 'P-' || n, a.ocupacion[1 + (n * 11) % {len(ocupaciones)}],
               a.ubigeo[1 + (n * 17) % {len(distritos)}],
               a.provincia[1 + (n * 17) % {len(distritos)}],
               a.distrito[1 + (n * 17) % {len(distritos)}], (n % 10) * 6,
               'Secundaria completa', 'Persona ' || n, 'persona' || n || '@example.org',
               md5('token' || n)
        FROM generate_series(1, {PROFILES}) AS n, {lists(ocupaciones, distritos)}"""))
    model.Session.execute(model.sa.text("ANALYZE grll_laboral_oferta"))
    model.Session.commit()
    print(f"  own tables filled: {time.perf_counter() - started:.1f} s")
    # The open dataset: the same rows in the DataStore table, written in bulk too.
    rid = datastore.resource_id(ofertas.DATASET, ofertas.DATASET_METADATA, ofertas.RESOURCE,
                                ofertas.FIELDS, ["codigo_oferta"])
    from ckanext.datastore.backend.postgres import get_write_engine

    public = ", ".join(ofertas.PUBLIC_COLUMNS)
    values = ", ".join("NULL" if c in ("descripcion", "como_postular") else c
                       for c in ofertas.PUBLIC_COLUMNS)
    with get_write_engine().begin() as connection:
        connection.execute(model.sa.text(f'TRUNCATE "{rid}"'))
        connection.execute(model.sa.text(
            f'INSERT INTO "{rid}" ({public}) SELECT {values} FROM ({select}) AS o'))


def measure(action: str, with_salary: bool) -> list[float]:
    """Milliseconds of ``action`` with random occupation + district (+ minimum salary)."""
    import ckan.plugins.toolkit as tk

    from ckanext.grll import reference
    from ckanext.grll.domains.laboral import mapping

    rnd = random.Random(8)
    ocupaciones = list(mapping.ocupaciones())
    ubigeos = list(reference.distritos())
    search = tk.get_action(action)
    timings = []
    for i in range(SAMPLES + 20):
        params = {"ocupacion": rnd.choice(ocupaciones), "ubigeo": rnd.choice(ubigeos)}
        if with_salary:
            params["remuneracion_min"] = str(rnd.choice([0, 1200, 1500, 2000, 3000]))
        start = time.perf_counter()
        search({"user": ""}, params)
        if i >= 20:  # the first calls warm caches and connections
            timings.append((time.perf_counter() - start) * 1000)
    return sorted(timings)




def main() -> int:
    bench_common.start(__doc__.split("\n")[0])
    started = time.perf_counter()
    fill()
    print(f"grll_laboral: {OFFERS:,} offers and {PROFILES:,} profiles loaded in "
          f"{time.perf_counter() - started:.1f} s")
    offers = measure("grll_laboral_offer_search", with_salary=True)
    offers_p95 = bench_common.p95(offers)
    print(f"offer search, 3 filters ({len(offers)} calls): p50 "
          f"{statistics.median(offers):.1f} ms, p95 {offers_p95:.1f} ms, target p95 < "
          f"{TARGET_P95_MS:.0f} ms, ratio {offers_p95 / TARGET_P95_MS:.2f}")
    profiles = measure("grll_laboral_profile_search", with_salary=False)
    profiles_p95 = bench_common.p95(profiles)
    print(f"profile search, 2 filters ({len(profiles)} calls): p50 "
          f"{statistics.median(profiles):.1f} ms, p95 {profiles_p95:.1f} ms (no target in "
          f"the issue; same 150 ms used: ratio {profiles_p95 / TARGET_P95_MS:.2f})")
    return 0 if offers_p95 <= TARGET_P95_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
