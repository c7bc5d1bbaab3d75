"""/apertura on a 360 px touch phone, in Spanish and in English: it fits the screen,
says how old its data is, passes axe-core without serious or critical violations, and a
secretariat member who forgets the legal basis is taken to the field."""
from __future__ import annotations

from pathlib import Path

import pytest
from apertura_testing import act

from portal_testing import log_in, phone_context

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def inventory(people, live_server: str) -> dict:
    from ckanext.grll.apertura import seed

    assert seed.load()["candidatos"] > 0
    return {"base": live_server}


@pytest.fixture
def small_phone(browser):
    context = phone_context(browser, touch=True)
    yield context.new_page()
    context.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("prefix,heading,age", [
    ("", "Inventario de apertura de datos", "Última modificación del inventario"),
    ("/en", "Data-opening inventory", "Inventory last changed"),
])
def test_the_inventory_on_a_small_phone(inventory, small_phone, prefix, heading, age):
    response = small_phone.goto(f"{inventory['base']}{prefix}/apertura")
    assert response.status == 200
    assert small_phone.locator("h1").inner_text() == heading
    assert age in small_phone.locator(".grll-apertura-age").inner_text()
    assert small_phone.locator(".grll-apertura-progress tbody tr").count() >= 4
    assert small_phone.locator(".grll-apertura-late").count() >= 3
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(small_phone) == []
    # A filter from the form: the late ones of one Gerencia.
    small_phone.select_option("#filtro-organization", "gerencia-regional-educacion")
    small_phone.check("#filtro-late")
    with small_phone.expect_navigation():
        small_phone.click(".grll-apertura-filters button[type=submit]")
    assert "late=1" in small_phone.url
    items = small_phone.locator(".grll-apertura-item h3 a")
    assert items.all_inner_texts() == [
        "Matrícula escolar por institución educativa, nivel y grado"]
    with small_phone.expect_navigation():
        items.first.click()
    assert small_phone.locator(".grll-apertura-late").count() == 1
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(small_phone) == []


def test_the_secretariat_is_taken_to_the_missing_legal_basis(inventory, people, small_phone):
    candidate = act(people["editor"], "grll_apertura_candidate_create",
                    organization="gerencia-regional-transportes",
                    process="Emisión de licencias de conducir",
                    title="Conductores sancionados con suspensión")
    log_in(small_phone, inventory["base"], people["secretaria"]["name"],
           "Clave-de-prueba-2026")
    small_phone.goto(f"{inventory['base']}/apertura/candidato/{candidate['id']}")
    small_phone.check("#analisis-outcome-reservada")
    small_phone.fill("#analisis-legal_notes", "Datos de conductores identificados")
    with small_phone.expect_navigation():
        small_phone.click("#formulario-analisis button[type=submit]")
    error = small_phone.locator("#formulario-analisis .alert-danger a")
    assert "Base legal" in error.inner_text()
    assert small_phone.input_value("#analisis-legal_notes") == "Datos de conductores identificados"
    assert serious_violations(small_phone) == []
    error.click()
    assert small_phone.url.endswith("#analisis-legal_basis")
    small_phone.check("#analisis-legal_basis-ley29733_datos_personales")
    with small_phone.expect_navigation():
        small_phone.click("#formulario-analisis button[type=submit]")
    assert small_phone.locator(".alert-success").count() == 1
    assert "Reservada" in small_phone.locator("main, #grll-main").first.inner_text()
