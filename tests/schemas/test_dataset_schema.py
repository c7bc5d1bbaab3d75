"""The portal's dataset schema: national-portal metadata, validated, in Spanish and English."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories, helpers


@pytest.fixture
def organization(clean_db, clean_index):
    return factories.Organization()


def _create(**data_dict: object) -> dict[str, object]:
    context = {"user": factories.Sysadmin()["name"]}
    return helpers.call_action("package_create", context=context, **data_dict)


def _dataset(organization: dict, **changes: object) -> dict[str, object]:
    valid = {
        "name": "padron-jass-otuzco", "title": "Padrón de JASS de Otuzco",
        "notes": "Juntas administradoras de servicios de saneamiento.",
        "owner_org": organization["id"],
        "entidad": "Gobierno Regional La Libertad - Gerencia Regional de Vivienda",
        "fuente": "Registro de organizaciones comunales", "license_id": "cc-by",
        "frecuencia": "ANNUAL", "cobertura_espacial": "1306",
        "cobertura_temporal_inicio": "2024-01-01", "cobertura_temporal_fin": "2024-12-31",
        "maintainer": "Oficina de Saneamiento",
        "maintainer_email": "saneamiento@regionlalibertad.gob.pe",
    }
    return {**valid, **changes}


def test_valid_dataset_is_stored_with_every_field(organization):
    created = _create(**_dataset(organization))
    shown = helpers.call_action("package_show", id=created["id"])
    assert shown["frecuencia"] == "ANNUAL"
    assert shown["cobertura_espacial"] == "1306"
    assert shown["cobertura_temporal_fin"] == "2024-12-31"
    assert shown["idioma"] == "es"


@pytest.mark.parametrize("field, value", [
    ("frecuencia", "cada-tanto"),
    ("cobertura_espacial", "150101"),
    ("cobertura_temporal_inicio", "31/12/2024"),
    ("maintainer_email", "no-es-un-correo"),
    ("entidad", ""),
])
def test_bad_value_is_refused_naming_the_field(organization, field, value):
    with pytest.raises(tk.ValidationError) as error:
        _create(**_dataset(organization, **{field: value}))
    assert field in error.value.error_dict


def test_end_of_coverage_before_its_start_is_refused(organization):
    with pytest.raises(tk.ValidationError) as error:
        _create(**_dataset(
            organization, cobertura_temporal_inicio="2025-01-01",
            cobertura_temporal_fin="2024-01-01"))
    assert "cobertura_temporal_fin" in error.value.error_dict


def test_form_labels_follow_the_language(app, organization):
    user = factories.User()
    helpers.call_action("organization_member_create", id=organization["id"],
                        username=user["name"], role="editor")
    headers = {"Authorization": factories.APIToken(user=user["name"])["token"]}
    spanish = app.get("/dataset/new", headers=headers).body
    english = app.get("/en/dataset/new", headers=headers).body
    assert "Frecuencia de actualización" in spanish and "Cobertura espacial" in spanish
    assert "Update frequency" in english and "Spatial coverage" in english
    assert "Provincia Otuzco" in spanish
