"""District figures from the seeded SIDPOL and MPFN tables: rates checked by hand.

Hand computation from datasets/data/denuncias_sidpol_2024.csv and the INEI 2025
populations of datasets/reference/la_libertad_districts.csv:
- Trujillo (130101, 359 982 inhabitants): 15 651 complaints in 2024 → 4 347.7 per
  100 000; Robo 3 775 → 1 048.7.
- El Porvenir (130102, 134 258): 4 118 complaints → 3 067.2 per 100 000.
- Huaso (130306): 3 complaints, under the small-count threshold (20): no rate.
The seed loader moves the sample's months so that its twelve months end last month
(``seeded`` says where a month of the file falls); the counts stay the same.
"""
from __future__ import annotations

import csv

import ckan.plugins.toolkit as tk
import pytest
from seguridad_testing import (
    EL_PORVENIR,
    MPFN_2024,
    SIDPOL_2024,
    TRUJILLO,
    act,
    load_official_statistics,
)

from ckanext.grll.reference import DATASETS_DIR
from ckanext.grll.seed.loader import seeded_date

SMALL = "130306"


@pytest.fixture(scope="module", autouse=True)
def official_statistics(reset_db, reset_index) -> None:
    load_official_statistics(reset_db, reset_index)


def seeded(month: str) -> str:
    return seeded_date(SIDPOL_2024, month)


FIRST, LAST = seeded("2024-01"), seeded("2024-12")


def by_ubigeo(stats: dict) -> dict:
    return {d["ubigeo"]: d for d in stats["distritos"]}


def test_rates_of_two_districts_match_the_hand_computed_values():
    stats = act("grll_seguridad_district_stats", fuente="policial", desde=FIRST, hasta=LAST)
    districts = by_ubigeo(stats)
    assert len(districts) == 84
    assert districts[TRUJILLO]["cantidad"] == 15651
    assert districts[TRUJILLO]["tasa_100k"] == 4347.7
    assert districts[EL_PORVENIR]["cantidad"] == 4118
    assert districts[EL_PORVENIR]["tasa_100k"] == 3067.2
    # The seed's own comparison dataset publishes the same rate and Trujillo first.
    assert districts[TRUJILLO]["puesto"] == 1

    robo = by_ubigeo(act("grll_seguridad_district_stats", categoria="robo",
                         desde=FIRST, hasta=LAST))
    assert robo[TRUJILLO]["cantidad"] == 3775
    assert robo[TRUJILLO]["tasa_100k"] == 1048.7


def test_default_period_is_the_last_twelve_months_of_the_source():
    stats = act("grll_seguridad_district_stats")
    assert (stats["desde"], stats["hasta"]) == (FIRST, LAST)
    assert by_ubigeo(stats)[TRUJILLO]["cantidad"] == 15651


def test_small_counts_show_counts_per_year_and_no_rate_nor_rank():
    district = by_ubigeo(act("grll_seguridad_district_stats"))[SMALL]
    assert district["cantidad"] == 3
    assert district["conteo_pequeno"] is True
    assert district["tasa_100k"] is None and district["puesto"] is None
    per_year: dict[str, int] = {}
    with (DATASETS_DIR / "data" / "denuncias_sidpol_2024.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["UBIGEO_HECHO"] == SMALL:
                year = seeded(f"{row['ANIO']}-{int(row['MES']):02d}")[:4]
                per_year[year] = per_year.get(year, 0) + int(row["cantidad"])
    assert district["cantidad_por_anio"] == per_year and sum(per_year.values()) == 3


def test_province_and_region_add_up_their_districts():
    stats = act("grll_seguridad_district_stats")
    total = sum(d["cantidad"] for d in stats["distritos"])
    population = sum(d["poblacion"] for d in stats["distritos"])
    assert stats["region"]["cantidad"] == total
    assert stats["region"]["tasa_100k"] == round(total * 100_000 / population, 1)
    trujillo = next(p for p in stats["provincias"] if p["ubigeo"] == "1301")
    in_province = [d for d in stats["distritos"] if d["ubigeo"].startswith("1301")]
    assert trujillo["cantidad"] == sum(d["cantidad"] for d in in_province)


def test_one_month_counts_only_that_month():
    january = by_ubigeo(act("grll_seguridad_district_stats", desde=FIRST, hasta=FIRST))
    year = by_ubigeo(act("grll_seguridad_district_stats"))
    assert 0 < january[TRUJILLO]["cantidad"] < year[TRUJILLO]["cantidad"]


def test_prosecutors_figures_map_subgenerico_to_portal_categories():
    """MPFN: HURTO and ROBO are counted as the portal's hurto and robo (yearly source)."""
    hurto = by_ubigeo(act("grll_seguridad_district_stats", fuente="fiscalia",
                          categoria="hurto"))
    assert hurto[TRUJILLO]["cantidad"] > 0
    categories = act("grll_seguridad_categories")
    fiscalia = next(f for f in categories["fuentes"] if f["codigo"] == "fiscalia")
    assert fiscalia["anios"] == [int(seeded_date(MPFN_2024, "2024"))]


def test_comparison_places_the_district_among_province_and_region():
    result = act("grll_seguridad_comparison", distrito=EL_PORVENIR)
    assert result["distrito"]["tasa_100k"] == 3067.2
    total = result["categorias"][0]
    assert total["categoria"] == "total"
    assert total["distrito"]["tasa_100k"] == 3067.2
    assert total["region"]["tasa_100k"] is not None
    months = [point["periodo"] for point in result["tendencia"]]
    assert months == [seeded(f"2024-{m:02d}") for m in range(1, 13)]
    assert sum(p["cantidad_distrito"] for p in result["tendencia"]) == 4118
    assert {d["ubigeo"] for d in result["distritos_de_la_provincia"]} >= {
        TRUJILLO, EL_PORVENIR}
    robo = next(row for row in result["categorias"] if row["categoria"] == "robo")
    assert robo["provincia"]["cantidad"] >= robo["distrito"]["cantidad"] > 0


@pytest.mark.parametrize(("action", "data", "field"), [
    ("grll_seguridad_comparison", {"distrito": "150101"}, "distrito"),
    ("grll_seguridad_comparison", {}, "distrito"),
    ("grll_seguridad_district_stats", {"categoria": "piratería"}, "categoria"),
    ("grll_seguridad_district_stats", {"fuente": "serenazgo"}, "fuente"),
    ("grll_seguridad_map_layer", {"desde": "2024-13"}, "desde"),
    ("grll_seguridad_map_layer", {"capa": "calor"}, "capa"),
])
def test_unknown_district_or_category_is_refused_naming_the_field(action, data, field):
    with pytest.raises(tk.ValidationError) as error:
        act(action, **data)
    assert field in error.value.error_dict


def test_the_action_api_answers_bad_input_with_the_field(app):
    response = app.get("/api/3/action/grll_seguridad_comparison",
                       query_string={"distrito": "999999"}, status=409)
    assert "distrito" in response.json["error"]
