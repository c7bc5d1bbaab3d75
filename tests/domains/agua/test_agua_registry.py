"""Stewards keep the provider registry; the harvester and the pages follow it."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from agua_testing import agua_catalog  # noqa: F401 - module fixture
from ckan.tests import factories, helpers

from ckanext.grll.domains.agua import harvester, registry

pytestmark = pytest.mark.usefixtures("agua_catalog")

NEW_JASS = {"id": "jass-el-progreso-salpo", "nombre": "JASS El Progreso (Salpo)",
            "grupo": "jass", "ubigeos": "130613", "localidades": "El Progreso",
            "supervision": "Municipalidad Distrital de Salpo (ATM)",
            "poblacion_servida_estimada": "640"}


@pytest.fixture
def steward() -> dict:
    user = factories.User()
    helpers.call_action("organization_member_create", {"ignore_auth": True},
                        id="gerencia-regional-vivienda", username=user["name"],
                        role="editor")
    return user


def save(user: dict | None, **data: object) -> dict:
    return tk.get_action("grll_agua_provider_save")(
        {"user": user["name"] if user else "", "ignore_auth": False}, data)


def test_steward_adds_a_provider_that_samples_may_then_name(steward):
    row = {"codigo_muestra": "M-9", "fecha_muestreo": "2024-07-01", "hora_muestreo": "10:00",
           "ubigeo": "130613", "localidad": "El Progreso", "punto_muestreo": "Pileta pública",
           "prestador": NEW_JASS["nombre"], "cloro_residual_libre_mg_l": "0.6",
           "laboratorio": "Laboratorio de Salud Pública", "fuente": "Vigilancia sanitaria"}
    with pytest.raises(harvester.RowError):
        harvester.registered_muestra_row(row)
    saved = save(steward, **NEW_JASS)
    assert saved["grupo_nombre"] == "Organizaciones comunales (JASS)"
    assert saved["ubigeos"] == ["130613"] and saved["poblacion_servida_estimada"] == 640
    assert harvester.registered_muestra_row(row)["prestador"] == NEW_JASS["nombre"]
    listing = helpers.call_action("grll_agua_provider_list")
    jass = next(g for g in listing["grupos"] if g["grupo"] == "jass")
    assert NEW_JASS["id"] in [p["id"] for p in jass["prestadores"]]


def test_correcting_a_provider_replaces_its_row(steward):
    before = len(registry.prestadores())
    save(steward, **{**registry.by_id("municipalidad-distrital-de-salpo").as_dict(),
                     "supervision": "SUNASS (corregido)"})
    registry.forget()
    assert registry.by_id("municipalidad-distrital-de-salpo").supervision == "SUNASS (corregido)"
    assert len(registry.prestadores()) == before


def test_bad_rows_name_every_field_and_write_nothing(steward):
    before = len(registry.prestadores())
    with pytest.raises(tk.ValidationError) as error:
        save(steward, id="Mal Id", nombre="SEDALIB S.A.", grupo="privado", ubigeos="150101",
             supervision="", poblacion_servida_estimada="mucha")
    assert set(error.value.error_dict) == {"id", "nombre", "grupo", "ubigeos", "supervision",
                                           "poblacion_servida_estimada"}
    registry.forget()
    assert len(registry.prestadores()) == before


def test_only_stewards_may_change_the_registry(app):
    with pytest.raises(tk.NotAuthorized):
        save(factories.User(), **NEW_JASS)
    assert app.get("/agua/prestadores/registro").status_code == 403


def test_steward_form(app, steward):
    token = helpers.call_action("api_token_create", {"user": steward["name"]},
                                user=steward["name"], name="web")["token"]
    headers = {"Authorization": token}
    form = app.get("/agua/prestadores/registro", query_string={"id": "sedalib-s-a"},
                   headers=headers).get_data(as_text=True)
    assert 'value="SEDALIB S.A."' in form and "130101; 130102" in form
    bad = app.post("/agua/prestadores/registro", data={**NEW_JASS, "grupo": "otro"},
                   headers=headers)
    assert bad.status_code == 400 and "Elija eps, municipal o jass" in bad.get_data(as_text=True)
    good = app.post("/agua/prestadores/registro",
                    data={**NEW_JASS, "id": "jass-la-union", "nombre": "JASS La Unión"},
                    headers=headers)
    assert good.status_code == 200 and "Guardado: JASS La Unión." in good.get_data(as_text=True)
