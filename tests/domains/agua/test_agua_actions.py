"""The grll_agua_* actions over the seed registry, indicators and samples (dated by the
seed loader relative to today: seeded_date says where a file's date falls)."""
from __future__ import annotations

import csv

import ckan.plugins.toolkit as tk
import pytest
from agua_testing import agua_catalog  # noqa: F401 - module fixture
from ckan.tests import helpers

from ckanext.grll.domains.agua import harvester
from ckanext.grll.harvesting.base import RowError
from ckanext.grll.reference import DATASETS_DIR
from ckanext.grll.seed.loader import seeded_date

AGUA_HEADER = ("codigo_muestra,fecha_muestreo,hora_muestreo,ubigeo,localidad,punto_muestreo,"
               "prestador,cloro_residual_libre_mg_l,turbiedad_unt,ph,color_ucv,"
               "conductividad_umho_cm,coliformes_totales_ufc_100ml,"
               "coliformes_termotolerantes_ufc_100ml,laboratorio,fuente")

pytestmark = pytest.mark.usefixtures("agua_catalog")


def test_summary_reads_every_seed_sample():
    built = helpers.call_action("grll_agua_summary_refresh")
    assert built["muestras"] == 1710 and built["recursos"] == 1


def test_lookup_trujillo():
    result = helpers.call_action("grll_agua_locality_lookup", ubigeo="130101")
    assert result["distrito"] == "Trujillo"
    assert [p["id"] for p in result["prestadores"]] == ["sedalib-s-a"]
    place = result["localidades"][0]
    assert place["prestador"] == "SEDALIB S.A." and place["prestador_id"] == "sedalib-s-a"
    assert place["ultima_muestra"]["fecha_hora"].startswith(_seeded(SAMPLES, "2024-12"))
    # By whom: the seed samples name no source, so the dataset's maintainer answers.
    assert place["ultima_muestra"]["fuente"] == "Salud Ambiental - Gerencia Regional de Salud"
    months = place["cumplimiento_mensual"]
    assert months[0]["mes"] == _seeded(SAMPLES, "2024-12") and len(months) <= 12
    assert all(m["muestras"] >= 1 for m in months)


def test_pages_smoke(app):
    for url in ("/agua?ubigeo=130101", "/agua/prestadores", "/agua/prestadores/sedalib-s-a"):
        response = app.get(url)
        assert response.status_code == 200, (url, response.body[-3000:])
        print(url, len(response.body))


SAMPLES = "vigilancia-calidad-agua-consumo-2024"
INDICATORS = "indicadores-prestadores-agua"


def _seeded(dataset: str, value: str) -> str:
    return seeded_date(dataset, value)


def _seed_rows(name: str) -> list[dict[str, str]]:
    with (DATASETS_DIR / "data" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_scorecard_figures_match_the_seed_data():
    card = helpers.call_action("grll_agua_scorecard", id="sedalib-s-a")
    assert card["prestador"]["grupo"] == "eps"

    # Official KPIs: latest year, weighted by water connections over SEDALIB's rows.
    rows = [r for r in _seed_rows("indicadores_prestadores_agua.csv")
            if r["prestador"] == "SEDALIB S.A." and r["anio"] == "2024"]
    weights = [int(r["conexiones_agua"]) for r in rows]
    continuity = sum(float(r["continuidad_horas_dia"]) * w
                     for r, w in zip(rows, weights, strict=True)) / sum(weights)
    kpis = card["indicadores_oficiales"]
    assert kpis["anio"] == int(_seeded(INDICATORS, "2024")) and kpis["filas"] == len(rows)
    assert kpis["continuidad_horas_dia"] == round(continuity, 1)

    # Monitoring: every 2024 chlorine sample of SEDALIB, with its count.
    samples = [r for r in _seed_rows("vigilancia_calidad_agua_2024.csv")
               if r["prestador"] == "SEDALIB S.A." and r["cloro_residual_libre_mg_l"]]
    chlorine = next(p for p in card["monitoreo"]["parametros"]
                    if p["parametro"] == "cloro_residual_libre_mg_l")
    assert chlorine["n"] == len(samples)
    assert chlorine["conformes"] == sum(
        1 for r in samples if 0.5 <= float(r["cloro_residual_libre_mg_l"]) <= 5)
    assert chlorine["bajo_piso"] == sum(
        1 for r in samples if float(r["cloro_residual_libre_mg_l"]) < 0.3)
    assert (card["monitoreo"]["desde"], card["monitoreo"]["hasta"]) == (
        _seeded(SAMPLES, "2024-01"), _seeded(SAMPLES, "2024-12"))
    assert card["monitoreo"]["conjuntos"] == [SAMPLES]

    # Peers: the EPS group holds SEDALIB only; ratings hidden below the threshold.
    assert [p["id"] for p in card["grupo"]["prestadores"]] == ["sedalib-s-a"]
    assert card["grupo"]["prestadores"][0]["cloro_muestras"] == len(samples)
    assert card["calificaciones"]["n"] == 0 and not card["calificaciones"]["visible"]
    assert card["reportes_ciudadanos"]["total"] == 0


def test_jass_are_compared_with_jass_only():
    card = helpers.call_action("grll_agua_scorecard",
                               id="organizaciones-comunales-jass-de-el-porvenir")
    peers = card["grupo"]["prestadores"]
    assert len(peers) == 79
    assert all("JASS" in p["nombre"] for p in peers)
    assert sum(p["es_este"] for p in peers) == 1


def test_compliance_filters_and_counts():
    result = helpers.call_action("grll_agua_compliance", prestador_id="sedalib-s-a",
                                 ubigeo="130101", desde=_seeded(SAMPLES, "2024-03"),
                                 hasta=_seeded(SAMPLES, "2024-03"))
    samples = [r for r in _seed_rows("vigilancia_calidad_agua_2024.csv")
               if r["prestador"] == "SEDALIB S.A." and r["ubigeo"] == "130101"
               and r["fecha_muestreo"].startswith("2024-03")]
    assert result["count"] == len({r["localidad"] for r in samples})
    assert sum(r["muestras"] for r in result["results"]) == len(samples)
    assert all(r["veredicto"] in ("apta", "con_observaciones", "no_apta")
               for r in result["results"])


@pytest.mark.parametrize(("action", "data", "field"), [
    ("grll_agua_locality_lookup", {}, "ubigeo"),
    ("grll_agua_locality_lookup", {"ubigeo": "150101"}, "ubigeo"),
    ("grll_agua_locality_lookup", {"localidad": "Atlántida"}, "localidad"),
    ("grll_agua_locality_lookup", {"lat": "-12.05", "lon": "-77.04"}, "lat"),
    ("grll_agua_locality_lookup", {"lat": "norte", "lon": "-79"}, "lat"),
    ("grll_agua_compliance", {"desde": "2024-13"}, "desde"),
    ("grll_agua_compliance", {"limit": "5000"}, "limit"),
    ("grll_agua_scorecard", {"id": "no-existe"}, "id"),
])
def test_bad_input_names_the_field(action, data, field):
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action(action, **data)
    assert field in error.value.error_dict


def test_lookup_by_point_and_by_locality():
    # The capital of Trujillo province, as a phone would report it.
    by_point = helpers.call_action("grll_agua_locality_lookup", lat="-8.1116", lon="-79.0287")
    assert by_point["ubigeo"] == "130101"
    by_name = helpers.call_action("grll_agua_locality_lookup", localidad="trujillo")
    assert by_name["ubigeo"] == "130101"
    assert {p["localidad"] for p in by_name["localidades"]} == {"Trujillo"}


def test_unknown_provider_is_a_row_error_known_one_passes():
    row = dict(zip(AGUA_HEADER.split(","), ["M-1", "2024-05-06", "09:30", "130101", "Trujillo", "Red de distribución", "SEDALIB S.A.", "0.8", "1.2", "7.2", "5", "640", "0", "0", "Laboratorio SEDALIB", "Control de calidad del prestador"],
        strict=True))
    assert harvester.registered_muestra_row(row)["prestador"] == "SEDALIB S.A."
    with pytest.raises(RowError, match="no está en el registro de prestadores"):
        harvester.registered_muestra_row({**row, "prestador": "Aguas del Norte S.A."})
