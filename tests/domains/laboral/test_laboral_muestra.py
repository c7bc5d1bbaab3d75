"""A fresh portal's /empleo pages have something to show: the seed catalog plus the
labelled demonstration sample, dated from today (offers and courses still open)."""
from __future__ import annotations

import datetime
from collections import Counter

import ckan.plugins.toolkit as tk
import pytest
from laboral_testing import act, page

from ckanext.grll import reference
from ckanext.grll.domains.laboral import demostracion, mapping, ofertas
from ckanext.grll.domains.laboral.model import Oferta

PROVINCES = {d.provincia for d in reference.distritos().values()}


@pytest.fixture(scope="module")
def load_day():
    """The day the sample is dated from, kept: a run that crosses midnight still checks
    the sample against the day it was generated for."""
    return ofertas.today()


@pytest.fixture(scope="module")
def loaded(seeded_catalog, load_day):
    assert not seeded_catalog.failures
    assert demostracion.pendiente(load_day)
    return demostracion.cargar(load_day)


def _all_offers() -> list[dict]:
    found, page_number = [], 1
    while True:
        result = act("grll_laboral_offer_search", None, page=str(page_number))
        found += result["results"]
        if len(found) >= result["count"]:
            return found
        page_number += 1


def test_the_sample_is_loaded_once_a_month_and_marked_as_demonstration(loaded, load_day):
    assert loaded["ofertas"] >= 50 and loaded["cursos"] >= 20
    assert loaded["conflictos"] >= 15 and loaded["tramites"] >= 200
    assert not demostracion.pendiente(load_day)
    again = demostracion.cargar(load_day)
    assert again["ofertas"] == 0
    assert Oferta.query().count() == loaded["ofertas"]
    for name in demostracion.DATASETS:
        dataset = tk.get_action("package_show")({"ignore_auth": True}, {"id": name})
        assert dataset["muestra_demostrativa"] == "true", name


def test_offers_are_open_today_across_the_twelve_provinces_and_many_occupations(
        app, loaded, load_day):
    offers = _all_offers()
    assert len(offers) >= 50
    assert all(o["fecha_cierre"] >= load_day.isoformat() >= o["fecha_publicacion"]
               for o in offers)
    assert {o["provincia"] for o in offers} == PROVINCES
    assert len({o["ocupacion"] for o in offers}) >= 20
    assert all("Demostrativ" in o["empresa"] for o in offers)
    assert all(mapping.ruc_valido(o["ruc"]) for o in offers)

    html = page(app.get("/empleo/ofertas"))
    assert html.select_one(".grll-demo-banner") is not None
    assert f"{len(offers)} ofertas vigentes" in html.get_text()
    assert len(html.select(".grll-laboral-lista h2")) == 20
    assert html.select_one('.grll-laboral-paginas a[href*="page=2"]') is not None
    offer = page(app.get(f"/empleo/ofertas/{offers[0]['codigo_oferta']}"))
    assert offer.select_one(".grll-demo-banner") is not None
    assert "Vigente" in offer.select_one(".grll-laboral-etiqueta").get_text()
    pataz = next(o for o in offers if o["provincia"] == "Pataz")
    filtered = page(app.get("/empleo/ofertas", query_string={"ubigeo": pataz["ubigeo"]}))
    assert pataz["puesto"] in filtered.get_text()
    by_pay = page(app.get("/empleo/ofertas", query_string={"remuneracion_min": "4000"}))
    shown = int(by_pay.select_one("#grll-laboral-total").get_text().split()[0])
    assert 0 < shown < len(offers)


def test_conflicts_cover_every_state_and_type(app, loaded):
    html = page(app.get("/empleo/conflictos"))
    assert html.select_one(".grll-demo-banner") is not None
    summary = html.select_one("#grll-laboral-conflictos-resumen").get_text(" ", strip=True)
    for state in ("activo", "latente", "resuelto"):
        assert state in summary
        listed = page(app.get("/empleo/conflictos", query_string={"estado": state}))
        rows = listed.select(".grll-laboral-lista h2 a")
        assert rows, state
        assert all(f"· {state} ·" in li.get_text(" ", strip=True)
                   for li in listed.select(".grll-laboral-lista li"))
    types = Counter(r["tipo"] for r in act("grll_laboral_conflict_search", None)["results"])
    assert set(types) == set(mapping.TIPOS_CONFLICTO)
    assert sum(types.values()) >= 15
    assert html.select_one("time") is not None


def test_courses_are_open_and_filterable(app, loaded, load_day):
    result = act("grll_laboral_course_search", None)
    assert result["count"] >= 20
    assert all(str(c["fecha_fin"])[:10] >= load_day.isoformat() for c in result["results"])
    html = page(app.get("/empleo/capacitacion"))
    assert html.select_one(".grll-demo-banner") is not None
    assert len(html.select(".grll-laboral-lista h2")) == result["count"]
    occupation = result["results"][0]["ocupacion"]
    filtered = page(app.get("/empleo/capacitacion", query_string={"ocupacion": occupation}))
    listed = filtered.select(".grll-laboral-lista li")
    assert 0 < len(listed) < result["count"]


def test_procedures_show_their_stages_and_answer_lookups(app, loaded):
    html = page(app.get("/empleo/tramites"))
    assert html.select_one(".grll-demo-banner") is not None
    table = html.select_one("#grll-laboral-tramites-resumen table")
    stages = {row.th.get_text(strip=True): int(row.td.get_text(strip=True).replace("\u202f", "")
                                               .replace("\xa0", ""))
              for row in table.select("tbody tr")}
    assert set(stages) == set(mapping.ETAPAS_TRAMITE) and all(stages.values())
    assert sum(stages.values()) >= 200
    example = html.select_one("#grll-laboral-tramites-resumen p a")
    found = page(app.get(example["href"]))
    assert found.select_one("#grll-laboral-tramite") is not None
    assert found.select_one('[aria-current="step"]').get_text(strip=True) in stages


def test_the_periodic_task_keeps_the_sample_current(loaded, load_day):
    next_month = (load_day.replace(day=1) + datetime.timedelta(days=32)).replace(day=5)
    assert demostracion.pendiente(next_month)
    assert demostracion.cargar(next_month)["ofertas"] >= 50
    codes = {code for (code,) in Oferta.query().with_entities(Oferta.codigo_oferta)}
    assert any(code.startswith(f"OE-MD-{next_month:%y%m}") for code in codes)
