"""Job offers: employers publish, seekers search, offers expire but stay open data."""
from __future__ import annotations

import datetime
import json
import re

import ckan.model as model
import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from laboral_testing import (
    RUC,
    TRUJILLO,
    VIRU,
    act,
    labour_org,
    make_employer,
    open_dataset_rows,
    page,
    token_for,
    valid_offer,
)

from ckanext.grll.domains.laboral import ofertas
from ckanext.grll.domains.laboral.model import Oferta

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


@pytest.fixture
def employer():
    labour_org()
    return make_employer()


def test_employer_publishes_and_seekers_find_it_with_three_filters(employer):
    created = act("grll_laboral_offer_create", employer, **valid_offer())
    act("grll_laboral_offer_create", employer,
        **valid_offer(ubigeo=TRUJILLO, remuneracion="1200"))
    found = act("grll_laboral_offer_search", None, ocupacion="Operario de empaque",
                ubigeo=VIRU, remuneracion_min="1400")
    assert found["count"] == 1
    assert found["results"][0]["codigo_oferta"] == created["codigo_oferta"]
    assert found["results"][0]["distrito"] == "Virú"
    assert act("grll_laboral_offer_search", None, remuneracion_min="1600")["count"] == 0
    assert act("grll_laboral_offer_search", None, q="empaque")["count"] == 2
    shown = act("grll_laboral_offer_show", None, codigo_oferta=created["codigo_oferta"])
    assert shown["estado"] == "vigente" and shown["ruc"] == RUC
    rows = open_dataset_rows(ofertas.DATASET)
    assert {r["codigo_oferta"] for r in rows} >= {created["codigo_oferta"]}
    assert {r["estado"] for r in rows} == {"vigente"}
    assert all(r["origen"] == "portal" for r in rows)


def test_only_employers_publish():
    labour_org()
    citizen = factories.User(name="buscadora")
    with pytest.raises(tk.NotAuthorized):
        act("grll_laboral_offer_create", citizen, **valid_offer())
    with pytest.raises(tk.NotAuthorized):
        act("grll_laboral_offer_create", None, **valid_offer())
    assert Oferta.query().count() == 0


@pytest.mark.parametrize(("change", "field", "reason"), [
    ({"ruc": "20883974592"}, "ruc", "dígito verificador"),
    ({"ruc": "2088397459"}, "ruc", "11 dígitos"),
    ({"fecha_cierre": "2024-01-31"}, "fecha_cierre", "ya pasó"),
    ({"remuneracion": "900"}, "remuneracion", "mínima vital"),
    ({"ocupacion": "Astronauta"}, "ocupacion", "desconocida"),
    ({"ubigeo": "150101"}, "ubigeo", "desconocido"),
    ({"remuneracion": "1,250"}, "remuneracion", "puede leerse como 1,25 o como 1250"),
    ({"vacantes": "2,5"}, "vacantes", "debe ser un número entero"),
])
def test_bad_offers_are_refused_with_the_field_and_nothing_stored(employer, change, field,
                                                                 reason):
    with pytest.raises(tk.ValidationError) as error:
        act("grll_laboral_offer_create", employer, **valid_offer(**change))
    assert list(error.value.error_dict) == [field]
    assert reason in " ".join(error.value.error_dict[field])
    assert Oferta.query().count() == 0


@pytest.mark.parametrize(("typed", "stored"), [
    ("1500,50", 1500.5), ("1500.50", 1500.5), ("1 500,50", 1500.5), ("1.500,50", 1500.5)])
def test_a_salary_is_typed_with_a_decimal_comma_or_point(employer, typed, stored):
    created = act("grll_laboral_offer_create", employer,
                  **valid_offer(remuneracion=typed, vacantes="1 200"))
    assert created["remuneracion"] == stored
    assert created["vacantes"] == 1200


def test_part_time_offers_may_pay_below_the_monthly_minimum(employer):
    created = act("grll_laboral_offer_create", employer,
                  **valid_offer(jornada="Tiempo parcial", remuneracion="700"))
    assert created["remuneracion"] == 700


@pytest.mark.ckan_config("ckanext.grll.laboral.rmv", "1500")
def test_the_minimum_wage_is_a_setting(employer):
    with pytest.raises(tk.ValidationError) as error:
        act("grll_laboral_offer_create", employer, **valid_offer(remuneracion="1400"))
    assert "1500" in error.value.error_dict["remuneracion"][0]


def _close(codigo: str, days_ago: int) -> None:
    """What the passing of time does: the closing date is now in the past."""
    oferta = model.Session.get(Oferta, codigo)
    oferta.fecha_cierre = datetime.date.today() - datetime.timedelta(days=days_ago)
    model.Session.commit()


def test_closed_offers_leave_search_at_once_and_stay_in_the_open_dataset(employer):
    sysadmin = factories.Sysadmin()
    old = act("grll_laboral_offer_create", employer, **valid_offer())
    current = act("grll_laboral_offer_create", employer, **valid_offer())
    _close(old["codigo_oferta"], days_ago=1)
    # Before any expiry run, search already hides it.
    codes = [r["codigo_oferta"] for r in act("grll_laboral_offer_search", None)["results"]]
    assert codes == [current["codigo_oferta"]]
    assert act("grll_laboral_offer_show", None,
               codigo_oferta=old["codigo_oferta"])["estado"] == "vencida"
    with pytest.raises(tk.NotAuthorized):
        act("grll_laboral_offer_expire", employer)
    assert act("grll_laboral_offer_expire", sysadmin) == {"nuevas_cosechadas": 0,
                                                          "vencidas": 1}
    states = {r["codigo_oferta"]: r["estado"] for r in open_dataset_rows(ofertas.DATASET)}
    assert states == {old["codigo_oferta"]: "vencida", current["codigo_oferta"]: "vigente"}
    assert act("grll_laboral_offer_expire", sysadmin)["vencidas"] == 0


def test_harvested_offers_join_search_and_the_open_dataset(employer, harvest_file):
    """Offers join when their harvest is imported; one already closed arrives vencida."""
    today = datetime.date.today()
    raw = {"codigo_oferta": "OE-X-1", "puesto": "Cajero", "ocupacion": "Cajero", "ruc": RUC,
           "empresa": "Tienda ilustrativa", "ubigeo": TRUJILLO, "vacantes": "2",
           "remuneracion": "1300", "tipo_contrato": "Plazo fijo", "jornada": "Tiempo completo",
           "nivel_educativo": "Secundaria completa", "experiencia_meses": "6",
           "fecha_publicacion": today.isoformat(),
           "fecha_cierre": (today + datetime.timedelta(days=5)).isoformat()}
    closed = {**raw, "codigo_oferta": "OE-X-2",
              "fecha_publicacion": (today - datetime.timedelta(days=30)).isoformat(),
              "fecha_cierre": (today - datetime.timedelta(days=2)).isoformat()}
    assert harvest_file("ofertas.json", json.dumps([raw, closed]), "ofertas")["messages"] == []

    found = act("grll_laboral_offer_search", None, ocupacion="Cajero", ubigeo=TRUJILLO)
    assert [r["codigo_oferta"] for r in found["results"]] == ["OE-X-1"]
    states = {r["codigo_oferta"]: (r["estado"], r["origen"])
              for r in open_dataset_rows(ofertas.DATASET)}
    assert states == {"OE-X-1": ("vigente", "cosecha"), "OE-X-2": ("vencida", "cosecha")}
    assert ofertas.expire() == 0
    # The next harvest of the source brings its new offer and nothing twice.
    later = {**raw, "codigo_oferta": "OE-X-3", "puesto": "Cajera de turno noche"}
    harvest_file("ofertas.json", json.dumps([raw, closed, later]), "ofertas")
    assert sorted(o.codigo_oferta for o in Oferta.query()) == ["OE-X-1", "OE-X-2", "OE-X-3"]
    assert len(open_dataset_rows(ofertas.DATASET)) == 3


def test_search_page_filters_by_district_and_pages(app, employer):
    for n in range(23):
        act("grll_laboral_offer_create", employer, **valid_offer(puesto=f"Empacador {n}"))
    act("grll_laboral_offer_create", employer, **valid_offer(ubigeo=TRUJILLO,
                                                             puesto="Empacador urbano"))
    html = page(app.get("/empleo/ofertas", query_string={"ubigeo": VIRU}))
    assert "23 ofertas vigentes" in html.get_text()
    titles = [h.get_text(strip=True) for h in html.select(".grll-laboral-lista h2")]
    assert len(titles) == 20 and "Empacador urbano" not in titles
    second = html.select_one('.grll-laboral-paginas a[href*="page=2"]')["href"]
    assert "ubigeo=131201" in second
    assert len(page(app.get(second)).select(".grll-laboral-lista h2")) == 3
    bad = page(app.get("/empleo/ofertas", query_string={"ubigeo": "999999"}))
    assert "Distrito desconocido" in bad.select_one("#error-ubigeo").get_text()


def test_offer_page_and_unknown_code(app, employer):
    created = act("grll_laboral_offer_create", employer, **valid_offer())
    html = page(app.get(f"/empleo/ofertas/{created['codigo_oferta']}"))
    assert html.h1.get_text(strip=True) == "Operario de planta de empaque"
    assert "seleccion@agro-ilustrativa.example" in html.get_text()
    assert app.get("/empleo/ofertas/OE-NADA").status_code == 404


def test_publish_form_shows_field_errors_and_publishes(app, employer):
    headers = token_for(employer)
    response = app.post("/empleo/ofertas/publicar", headers=headers,
                        data=valid_offer(ruc="12345678901", remuneracion="800"))
    assert response.status_code == 400
    html = page(response)
    assert "dígito verificador" in html.select_one("#error-ruc").get_text()
    assert "mínima vital" in html.select_one("#error-remuneracion").get_text()
    assert html.select_one("#puesto")["value"] == "Operario de planta de empaque"
    assert Oferta.query().count() == 0
    response = app.post("/empleo/ofertas/publicar", headers=headers, data=valid_offer(),
                        follow_redirects=False)
    assert response.status_code == 302
    assert "/empleo/ofertas/OE-P-" in response.headers["Location"]


def test_publish_form_explains_the_role_to_other_accounts(app):
    labour_org()
    citizen = factories.User()
    html = page(app.get("/empleo/ofertas/publicar", headers=token_for(citizen)))
    assert "empleadores" in html.select_one(".alert-info").get_text()
    assert html.select_one("#grll-laboral-oferta") is None


def test_the_documented_offer_example_publishes_an_offer(app, employer):
    """The POST example on /desarrolladores works as written (with an employer's token)."""
    code = page(app.get("/desarrolladores")).select_one("#api-laboral").get_text()
    body = re.search(r"grll_laboral_offer_create\".*?-d '(\{.*?\})'", code, re.S).group(1)
    response = app.post("/api/3/action/grll_laboral_offer_create", json=json.loads(body),
                        headers=token_for(employer))
    assert response.json["success"] is True, response.json
    found = app.get("/api/3/action/grll_laboral_offer_search",
                    query_string={"ubigeo": "130101", "remuneracion_min": "1200"}).json
    assert found["result"]["count"] == 1


def test_pages_are_offered_in_english(app):
    html = page(app.get("/en/empleo/ofertas", query_string={"ubigeo": "999999"}))
    assert html.h1.get_text(strip=True) == "Job offers"
    assert "Unknown district" in html.select_one("#error-ubigeo").get_text()


def test_the_periodic_command_marks_closed_offers(cli, employer):
    from ckan.cli.cli import ckan

    created = act("grll_laboral_offer_create", employer, **valid_offer())
    _close(created["codigo_oferta"], days_ago=3)
    result = cli.invoke(ckan, ["grll", "laboral", "actualizar"])
    assert result.exit_code == 0, result.output
    assert "marcadas como vencidas: 1" in result.output
    assert [r["estado"] for r in open_dataset_rows(ofertas.DATASET)] == ["vencida"]


def test_anonymous_visitors_are_sent_to_log_in_before_publishing(app):
    response = app.get("/empleo/ofertas/publicar", follow_redirects=False)
    assert response.status_code == 302 and "/user/login" in response.headers["Location"]
