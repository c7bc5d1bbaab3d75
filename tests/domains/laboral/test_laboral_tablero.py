"""The /empleo dashboard: indicator charts drawn from the open datasets, with their
numbers, a CSV download and a link to each dataset."""
from __future__ import annotations

import csv
import io

import pytest
from laboral_testing import page

from ckanext.grll import numbers
from ckanext.grll.reference import DATASETS_DIR
from ckanext.grll.seed.loader import load_catalog, seeded_date
from portal_testing import empty_datastore


@pytest.fixture(scope="module")
def catalog(reset_db, reset_index):
    reset_db()
    reset_index()
    empty_datastore()
    report = load_catalog(only={"indicadores-mercado-laboral-2015-2024",
                                "empleo-formal-privado-provincia"})
    assert not report.failures


def seed_rows(name: str) -> list[dict[str, str]]:
    with (DATASETS_DIR / "data" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_dashboard_draws_each_indicator_with_its_numbers_and_sources(app, catalog):
    html = page(app.get("/empleo"))
    charts = {s["id"].removeprefix("grafico-"): s for s in html.select(".grll-laboral-grafico")}
    assert set(charts) == {"desempleo", "informalidad", "subempleo", "ingreso",
                           "empleo-formal", "empleo-formal-provincia",
                           "empleo-formal-actividad"}
    unemployment = charts["desempleo"]
    assert len(unemployment.select("svg polyline")) == 3  # total, men, women
    last = unemployment.select("tbody tr")[-1]
    total_2024 = next(r for r in seed_rows("indicadores_mercado_laboral_2015_2024.csv")
                      if r["anio"] == "2024" and r["desagregacion"] == "Total")
    assert last.th.get_text() == seeded_date("indicadores-mercado-laboral-2015-2024", "2024")
    assert last.td.get_text() == numbers.porcentaje(total_2024["tasa_desempleo_pct"])
    assert unemployment.select_one('a[href$="/indicadores-mercado-laboral-2015-2024"]')
    underemployment = charts["subempleo"].select("tbody tr")[-1]
    assert underemployment.td.get_text() == numbers.porcentaje(total_2024["tasa_subempleo_pct"])
    by_province = charts["empleo-formal-provincia"]
    assert by_province.select("tbody th")[0].get_text() == "Trujillo"
    assert len(by_province.select("svg rect")) == 12
    # The home's entry points to the rest of the system.
    for path in ("/empleo/ofertas", "/empleo/negociaciones", "/empleo/sindicatos",
                 "/empleo/conflictos"):
        assert html.select_one(f'.grll-laboral-tarjetas a[href="{path}"]'), path


def test_csv_download_holds_the_numbers_drawn(app, catalog):
    response = app.get("/empleo/indicadores/empleo-formal.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["periodo", "La Libertad"]
    assert len(rows) == 1 + 24
    december = sum(int(r["trabajadores"])
                   for r in seed_rows("empleo_formal_privado_provincia.csv")
                   if r["anio"] == "2024" and r["mes"] == "12")
    # The sample's December 2024, moved so that the series ends last month.
    year, month = seeded_date("empleo-formal-privado-provincia", "2024-12").split("-")
    months = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic"]
    assert rows[-1] == [f"{months[int(month) - 1]} {year}", str(december)]
    assert app.get("/empleo/indicadores/desempleo-juvenil.csv").status_code == 404


def test_english_dashboard_names_its_charts_in_english(app, catalog):
    html = page(app.get("/en/empleo"))
    titles = [h.get_text() for h in html.select(".grll-laboral-grafico h3")]
    assert "Unemployment rate" in titles and "Underemployment rate" in titles
    assert any(t.startswith("Formal private employment by province") for t in titles)
