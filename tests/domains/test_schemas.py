"""The commitments' dataset schemas: valid datasets are accepted, bad values refused with
the field, the forms show Spanish labels, and the four domains keep the same file set."""
from __future__ import annotations

from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
import yaml
from ckan.tests import factories, helpers

from ckanext.grll.domains import agro
from ckanext.grll.domains.agro import mapping as agro_mapping
from ckanext.grll.domains.agua import mapping as agua_mapping
from ckanext.grll.domains.laboral.mapping import ruc_valido
from portal_testing import commitments

DOMAINS_DIR = Path(agro.__file__).resolve().parent.parent
DOMAINS = commitments()

COMMON = {
    "notes": "Datos de prueba del esquema.", "entidad": "Gobierno Regional La Libertad",
    "fuente": "Registro de prueba", "license_id": "odc-by", "frecuencia": "MONTHLY",
    "cobertura_espacial": "13", "cobertura_temporal_inicio": "2024-01-01",
    "cobertura_temporal_fin": "2024-12-31", "maintainer": "Oficina de Estadística",
    "maintainer_email": "estadistica@regionlalibertad.gob.pe",
}
#: dataset type -> (its own valid fields, bad values that must be refused by field)
SCHEMAS = {
    "seguridad": (
        {"institucion_fuente": "pnp", "clasificacion_delitos": "sidpol",
         "resolucion_temporal": "mensual", "ubigeos": ["1301", "130101"]},
        {"ubigeos": ["139999"], "institucion_fuente": "fbi",
         "cobertura_temporal_fin": "2023-12-31"}),
    "agua": (
        {"prestador": "SEDALIB S.A.", "tipo_prestador": "eps", "ubigeos": ["130101"],
         "localidades": ["Trujillo", "Buenos Aires"], "programa_muestreo": "control",
         "parametros_medidos": ["cloro-residual-libre", "turbiedad", "ph"],
         "laboratorio": "Laboratorio de SEDALIB S.A."},
        {"programa_muestreo": "a-veces", "parametros_medidos": ["plomo"], "prestador": "",
         "ubigeos": ["150101"]}),
    "agro-precios": (
        {"tipo_precio": "mayorista", "productos": ["arandano", "papa"],
         "unidad_precio": "soles-kg", "mercados": ["la-hermelinda"],
         "resolucion_temporal": "diaria"},
        {"productos": ["kiwi"], "unidad_precio": "soles-saco", "mercados": ["mercado-x"]}),
    "agro-clima": (
        {"estaciones": ["Huamachuco"], "tipo_estacion": "convencional",
         "variables_meteorologicas": ["temperatura-maxima", "precipitacion"],
         "ubigeos": ["130901"], "resolucion_temporal": "diaria"},
        {"estaciones": [], "variables_meteorologicas": ["granizo"],
         "cobertura_temporal_inicio": "2024-13-01"}),
    "agro-siembras": (
        {"campanias": ["2024-2025"], "productos": ["papa"],
         "variables_siembra": ["intencion-siembra"], "ubigeos": ["130901"]},
        {"campanias": ["2024-2026"], "variables_siembra": [], "ubigeos": ["13099"]}),
    "laboral-indicadores": (
        {"indicadores": ["Empleo formal privado"],
         "definicion_indicadores": "Trabajadores en la Planilla Electrónica.",
         "fuente_estadistica": "planilla-electronica", "unidad_medida": "personas",
         "desagregaciones": ["provincia"], "resolucion_temporal": "mensual"},
        {"fuente_estadistica": "rumores", "definicion_indicadores": "",
         "unidad_medida": "docenas"}),
    "laboral-registros": (
        {"tipo_registro": "ofertas-empleo", "origen_registro": "cosecha",
         "datos_personales": "excluidos", "resolucion_temporal": "evento"},
        {"datos_personales": "incluidos", "tipo_registro": "chismes",
         "origen_registro": ""}),
}
TYPES = pytest.mark.parametrize("dataset_type", list(SCHEMAS))


@pytest.fixture
def organization(clean_db, clean_index):
    return factories.Organization()


@pytest.fixture
def steward() -> dict:
    return {"user": factories.Sysadmin()["name"]}


def _dataset(dataset_type: str, organization: dict, **changes: object) -> dict:
    return {"type": dataset_type, "name": f"prueba-{dataset_type}",
            "title": f"Prueba {dataset_type}", "owner_org": organization["id"],
            **COMMON, **SCHEMAS[dataset_type][0], **changes}


@TYPES
def test_a_valid_dataset_is_accepted_and_read_back(dataset_type, organization, steward):
    created = helpers.call_action("package_create", context=steward,
                                  **_dataset(dataset_type, organization))
    shown = helpers.call_action("package_show", id=created["id"])
    assert shown["type"] == dataset_type
    for field, value in SCHEMAS[dataset_type][0].items():
        assert shown[field] == value, field


@TYPES
def test_bad_values_are_refused_with_their_field(dataset_type, organization):
    bad = SCHEMAS[dataset_type][1]
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("package_create", **_dataset(dataset_type, organization, **bad))
    assert set(bad) <= set(error.value.error_dict), error.value.error_dict
    with pytest.raises(tk.ObjectNotFound):
        helpers.call_action("package_show", id=f"prueba-{dataset_type}")


def test_end_of_period_before_its_start_says_so(organization):
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("package_create", **_dataset(
            "agua", organization, cobertura_temporal_inicio="2024-06-01",
            cobertura_temporal_fin="2024-05-31"))
    assert error.value.error_dict["cobertura_temporal_fin"] == [
        "La fecha final es anterior a la fecha inicial"]


@TYPES
def test_the_form_shows_spanish_labels(dataset_type, app, clean_db, clean_index):
    user = factories.SysadminWithToken()
    factories.Organization(users=[{"name": user["name"], "capacity": "admin"}])
    page = app.get(f"/{dataset_type}/new", headers={"Authorization": user["token"]})
    assert page.status_code == 200
    for text in ("Periodo (desde)", "Cobertura espacial", "Correo de contacto"):
        assert text in page.body
    schema = helpers.call_action("scheming_dataset_schema_show", type=dataset_type)
    own = [f for f in schema["dataset_fields"] if f["field_name"] in SCHEMAS[dataset_type][0]]
    for field in own:
        assert field["label"] in page.body


def test_catalogues_of_the_harvesters_match_the_schema_choices():
    def choices(dataset_type: str, field_name: str) -> set[str]:
        schema = helpers.call_action("scheming_dataset_schema_show", type=dataset_type)
        field = next(f for f in schema["dataset_fields"] if f["field_name"] == field_name)
        return {choice["value"] for choice in field["choices"]}

    assert set(agro_mapping.PRODUCTOS) == choices("agro-precios", "productos")
    assert set(agro_mapping.PRODUCTOS) == choices("agro-siembras", "productos")
    assert set(agro_mapping.MERCADOS) == choices("agro-precios", "mercados")
    assert set(agua_mapping.PARAMETRO_SCHEMA.values()) <= choices("agua", "parametros_medidos")
    assert {variable for _, variable, *_ in agro_mapping.VARIABLES.values()} \
        == choices("agro-clima", "variables_meteorologicas")


@pytest.mark.parametrize(("ruc", "valid"), [
    ("20131312955", True),   # SUNAT's own RUC
    ("10417014441", True),   # a natural person with business
    ("20131312954", False),  # wrong check digit
    ("30131312955", False),  # unknown prefix
    ("2013131295", False), ("2013131295a", False),
])
def test_ruc_check_digit(ruc, valid):
    assert ruc_valido(ruc) is valid


def test_each_domain_has_the_same_files_and_at_least_one_schema():
    for domain in DOMAINS:
        folder = DOMAINS_DIR / domain
        assert {"plugin.py", "mapping.py", "harvester.py"} <= {p.name for p in folder.iterdir()}
        schemas = sorted(folder.glob("dataset_schema*.yaml"))
        assert schemas, domain
        for path in schemas:
            assert yaml.safe_load(path.read_text(encoding="utf-8"))["dataset_type"]
