"""Citizen pages are honest about their data: dated, flagged when old, samples announced."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories, helpers

from ckanext.grll.catalog import data_freshness
from ckanext.grll.domains.agua import resumen
from ckanext.grll.seed import loader

pytestmark = pytest.mark.usefixtures("seeded_catalog")

TODAY = dt.date.today()
LAST_MONTH = TODAY.replace(day=1) - dt.timedelta(days=1)
STALE = "puede no reflejar la situación actual"
BANNER = 'class="grll-demo-banner"'

#: Each application's main page, with what makes it show figures.
MAIN_PAGES = {
    "agua": "/agua?ubigeo=130102",
    "agro": "/agro",
    "seguridad": "/seguridad",
    "empleo": "/empleo",
}


def _newest(dataset: str, column: str) -> str:
    package = helpers.call_action("package_show", id=dataset)
    resource = next(r for r in package["resources"] if r.get("datastore_active"))
    found = helpers.call_action("datastore_search", resource_id=resource["id"],
                                sort=f'"{column}" desc', limit=1)
    return str(found["records"][0][column])


@pytest.mark.parametrize(("dataset", "column"), [
    ("vigilancia-calidad-agua-consumo-2024", "fecha_muestreo"),
    ("precios-mayoristas-sisap", "fecha"),
    ("clima-diario-estaciones-2024", "Fecha"),
    ("negociaciones-colectivas-2024", "fecha_presentacion_pliego"),
])
def test_seeded_samples_end_last_month(dataset, column):
    newest = dt.date.fromisoformat(_newest(dataset, column)[:10])
    assert (newest.year, newest.month) == (LAST_MONTH.year, LAST_MONTH.month)


def test_seeded_monthly_counts_end_last_month_and_coverage_moves_with_them():
    package = helpers.call_action("package_show", id="denuncias-policiales-sidpol-2024")
    resource = package["resources"][0]
    found = helpers.call_action("datastore_search", resource_id=resource["id"],
                                sort='"ANIO" desc, "MES" desc', limit=1)["records"][0]
    assert (found["ANIO"], found["MES"]) == (LAST_MONTH.year, LAST_MONTH.month)
    assert package["cobertura_temporal_fin"] == LAST_MONTH.isoformat()
    assert "2024" not in package["title"]
    assert package["muestra_demostrativa"] == "true"


def test_annual_samples_end_in_the_last_finished_year():
    newest = int(_newest("indicadores-mercado-laboral-2015-2024", "anio"))
    assert dt.date(newest, 12, 31) <= LAST_MONTH < dt.date(newest + 1, 12, 31)


def test_demo_marker_survives_a_steward_edit():
    package = helpers.call_action("package_show", id="precios-en-chacra-2024")
    assert package["muestra_demostrativa"] == "true"
    package["notes"] += "\n\nRevisado por la Gerencia."
    steward = factories.Sysadmin()
    updated = helpers.call_action("package_update", {"user": steward["name"]}, **package)
    assert updated["muestra_demostrativa"] == "true"
    reference = helpers.call_action("package_show", id="distritos-la-libertad-ubigeo-poblacion")
    assert reference["muestra_demostrativa"] == "false"


@pytest.mark.parametrize("app_name", sorted(MAIN_PAGES))
def test_main_pages_date_their_figures_and_announce_samples_once(app, app_name):
    body = app.get(MAIN_PAGES[app_name]).body
    assert '<time datetime="' in body
    assert body.count(BANNER) == 1, app_name
    assert "Datos de demostración" in body
    assert "de hoy" not in body.lower()


def test_agro_heading_promises_only_the_last_published_prices(app):
    body = app.get("/agro").body
    assert "Últimos precios publicados" in body
    assert f'datetime="{LAST_MONTH.year:04d}-{LAST_MONTH.month:02d}' in body


def test_banner_names_and_links_the_sample_datasets(app):
    body = app.get("/agua?ubigeo=130102").body
    assert tk.url_for("dataset.read", id="vigilancia-calidad-agua-consumo-2024") in body
    assert tk.url_for("dataset.read", id="agua-prestadores") in body


def _old_water_samples() -> str:
    """A monthly water dataset whose only samples are two years old, for one locality."""
    old = TODAY.replace(day=1) - dt.timedelta(days=730)
    steward = {"user": factories.Sysadmin()["name"]}
    package = helpers.call_action(
        "package_create", steward, name="vigilancia-caserio-antiguo", title="Vigilancia del caserío",
        notes="Muestras de un caserío.", owner_org="gerencia-regional-salud",
        entidad="Gerencia Regional de Salud", fuente="Vigilancia sanitaria",
        license_id="odc-by", frecuencia="MONTHLY", cobertura_espacial="13",
        maintainer="Oficina de Estadística", maintainer_email="datos@example.org")
    helpers.call_action("datastore_create", steward, force=True, resource={
        "package_id": package["id"], "name": "Muestras"},
        fields=[{"id": "ubigeo", "type": "text"}, {"id": "localidad", "type": "text"},
                {"id": "prestador", "type": "text"}, {"id": "fecha_muestreo", "type": "date"},
                {"id": "cloro_residual_libre_mg_l", "type": "numeric"},
                {"id": "coliformes_totales_ufc_100ml", "type": "numeric"},
                {"id": "coliformes_termotolerantes_ufc_100ml", "type": "numeric"}],
        records=[{"ubigeo": "130102", "localidad": "Caserío Antiguo",
                  "prestador": "JASS Caserío Antiguo", "fecha_muestreo": old.isoformat(),
                  "cloro_residual_libre_mg_l": 1.0, "coliformes_totales_ufc_100ml": 0,
                  "coliformes_termotolerantes_ufc_100ml": 0}])
    resumen.refresh()
    return old.strftime("%Y-%m")


def test_old_analysis_is_flagged_and_its_verdict_softened(app):
    month = _old_water_samples()
    body = app.get("/agua", params={"ubigeo": "130102", "localidad": "Caserío Antiguo"}).body
    place = body[body.index("Caserío Antiguo · "):]
    place = place[:place.index("</article>")]
    assert f'<time datetime="{month}">' in place
    assert STALE in place
    assert "Apta en el último análisis (hace 2" in place
    assert "grll-agua-apta" not in place and "grll-agua-antiguo" in place
    # Not a sample: this dataset adds nothing to the banner.
    assert "vigilancia-caserio-antiguo" not in body[:body.index("Caserío Antiguo · ")]


# --- the rules, without a portal ---------------------------------------------------

@pytest.mark.parametrize(("frecuencia", "period", "stale"), [
    ("MONTHLY", LAST_MONTH.strftime("%Y-%m"), False),
    ("MONTHLY", f"{TODAY.year - 2}-{TODAY.month:02d}", True),
    ("ANNUAL", str(LAST_MONTH.year - 1), False),
    ("ANNUAL", str(TODAY.year - 3), True),
    ("DAILY", (TODAY - dt.timedelta(days=3)).isoformat(), False),
    ("DAILY", (TODAY - dt.timedelta(days=90)).isoformat(), True),
    ("NEVER", "2007", False),
    (None, "2007", False),
])
def test_data_is_stale_only_past_its_frequency_and_margin(frecuencia, period, stale):
    date = data_freshness.parse_data_date(period)
    assert data_freshness.is_stale(date, frecuencia, TODAY) is stale


def test_shift_keeps_the_day_or_cuts_it_to_the_month_end():
    assert loader.shift_date(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert loader.shift_date(dt.date(2024, 12, 21), 23) == dt.date(2026, 11, 21)


def test_seed_shift_is_relative_to_the_seeding_day():
    path = loader.DATASETS_DIR / "catalog" / "vigilancia-calidad-agua-consumo-2024.yaml"
    spec = loader.parse_dataset_file(path, today=dt.date(2030, 3, 15))
    assert spec.metadata["cobertura_temporal_fin"] == "2030-02-28"
    rows = list(loader.read_records(spec.resources[0], path, "resources[0]"))
    assert max(r["fecha_muestreo"] for r in rows)[:7] == "2030-02"
