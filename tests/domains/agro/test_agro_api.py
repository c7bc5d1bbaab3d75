"""The compact JSON API over the seed catalog: payloads, errors, caching headers."""
from __future__ import annotations

import json
import re

import ckan.plugins.toolkit as tk
import pytest
from agro_testing import (  # noqa: F401 - agro_catalog is a module fixture
    FARMGATE,
    HUAMACHUCO,
    OTUZCO,
    PLANTING,
    TRUJILLO,
    WEATHER,
    WHOLESALE,
    act,
    agro_catalog,
    error_fields,
    seeded,
)
from bs4 import BeautifulSoup

pytestmark = pytest.mark.usefixtures("agro_catalog")

#: The last day of the wholesale sample once loaded (the file's 21/12/2024).
LAST_PRICE_DAY = seeded(WHOLESALE, "2024-12-21")


def test_latest_prices_of_papa_in_both_markets_with_trends():
    result = act("grll_agro_latest_prices", productos="papa,palta", ubigeo=OTUZCO)
    papa = result["precios"]["papa"]
    assert set(papa) == {"la-hermelinda", "gran-mercado-mayorista-lima"}
    hermelinda = papa["la-hermelinda"]
    assert hermelinda["f"] == LAST_PRICE_DAY
    assert 0 < hermelinda["n"] <= hermelinda["a"] <= hermelinda["x"] < 20
    assert isinstance(hermelinda["t4"], float)
    # The sample covers 12 weeks: nothing to compare with 12 weeks back, so no "t12".
    assert "t12" not in hermelinda
    # Palta is sold only in Trujillo in the sample.
    assert set(result["precios"]["palta"]) == {"la-hermelinda"}
    assert result["nombres"]["la-hermelinda"] == "Mercado Mayorista de Trujillo La Hermelinda"
    assert result["chacra"]["papa"]["m"][:4] in {seeded(FARMGATE, "2024-01")[:4],
                                                  seeded(FARMGATE, "2024-12")[:4]}
    assert "null" not in json.dumps(result)


def test_unknown_product_market_or_district_names_the_field():
    assert "productos" in error_fields("grll_agro_latest_prices", productos="platano-bellaco")
    assert "productos" in error_fields("grll_agro_latest_prices")
    assert "mercado" in error_fields("grll_agro_latest_prices", mercado="mercado-de-marte")
    assert "ubigeo" in error_fields("grll_agro_latest_prices", productos="papa",
                                    ubigeo="150101")
    assert "desde" in error_fields("grll_agro_price_history", producto="papa",
                                   desde="21/12/2024")
    assert "ubigeo" in error_fields("grll_agro_weather", ubigeo="x")


def test_price_history_is_weekly_over_a_quarter_and_daily_over_a_month():
    weekly = act("grll_agro_price_history", producto="papa", mercado="la-hermelinda")
    assert weekly["paso"] == "semana"
    serie = weekly["series"]["la-hermelinda"]
    assert len(serie["f"]) == len(serie["a"]) == len(serie["n"]) == len(serie["x"]) >= 12
    daily = act("grll_agro_price_history", producto="papa",
                desde=seeded(WHOLESALE, "2024-12-01"), hasta=LAST_PRICE_DAY)
    assert daily["paso"] == "dia"
    assert set(daily["series"]) == {"la-hermelinda", "gran-mercado-mayorista-lima"}
    assert daily["series"]["la-hermelinda"]["f"][-1] == LAST_PRICE_DAY


def test_weather_comes_from_the_nearest_station():
    here = act("grll_agro_weather", ubigeo=HUAMACHUCO)
    assert here["estacion"] == "Huamachuco" and here["km"] == 0
    assert here["f"] == seeded(WEATHER, "2024-12-31") and {"tx", "tn"} <= set(here["u"])
    assert len(here["dias"]) == 7
    trujillo = act("grll_agro_weather", ubigeo=TRUJILLO)
    assert trujillo["estacion"] == "Virú" and 0 < trujillo["km"] < 60


def test_planting_compares_the_campaign_with_the_previous_ones():
    result = act("grll_agro_planting", ubigeo=HUAMACHUCO)
    last_year = int(seeded(PLANTING, "2024")[:4])
    assert result["campana"] == f"{last_year - 1}-{last_year}" and result["previas"] == 2
    papa = result["distrito"]["papa"]
    assert papa["ha"] > 0 and papa["prom5"] > 0
    assert result["provincia"]["papa"]["ha"] >= papa["ha"]
    assert result["nombres"]["papa"] == "Papa"


def test_api_endpoint_sends_etag_and_answers_304(app):
    url = "/agro/api/precios?productos=papa"
    first = app.get(url)
    assert first.status_code == 200
    assert len(first.data) < 20_000
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"].endswith("GMT")
    again = app.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    since = app.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    bad = app.get("/agro/api/precios?productos=papa&mercado=nada")
    assert bad.status_code == 400 and "mercado" in bad.json["error"]


def test_every_plain_curl_example_of_the_agro_api_docs_answers(app):
    page = BeautifulSoup(app.get("/desarrolladores").get_data(as_text=True), "html.parser")
    section = page.find("section", id="api-agro")
    assert section.find("h3")
    code = "\n".join(block.get_text() for block in section.find_all("code"))
    urls = re.findall(r'curl "([^"]+)"', code)
    assert len(urls) >= 7
    site_url = tk.config["ckan.site_url"].rstrip("/")
    for url in urls:
        response = app.get(url[len(site_url):])
        assert response.status_code == 200, url
        if "/api/3/action/" in url:
            assert response.json["success"] is True, url


def test_a_prices_table_loaded_as_text_is_left_out_not_a_server_error():
    """A steward's CSV loaded without its data dictionary keeps every column as text."""
    site = {"ignore_auth": True,
            "user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]}
    dataset = tk.get_action("package_show")(dict(site), {"id": "precios-mayoristas-sisap"})
    columns = ("fecha", "mercado", "producto", "precio_minimo", "precio_maximo",
               "precio_promedio")
    tk.get_action("datastore_create")(dict(site), {
        "resource": {"package_id": dataset["id"], "name": "Precios sin tipos", "format": "CSV"},
        "fields": [{"id": column, "type": "text"} for column in columns],
        "records": [dict(zip(columns, (seeded(WHOLESALE, "2024-12-30"),
                                       "Gran Mercado Mayorista de Lima", "Papa",
                                       "9", "9", "9"), strict=True))]})
    papa = act("grll_agro_latest_prices", productos="papa")["precios"]["papa"]
    assert papa["gran-mercado-mayorista-lima"]["f"] == LAST_PRICE_DAY
