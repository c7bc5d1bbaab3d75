"""The `domain` of the public feedback actions: an unknown or disabled one is refused
alike by every action, with the values that would do, as the OpenAPI document says."""
from __future__ import annotations

import ckan.plugins as plugins
import pytest
from feedback_helpers import DOMAINS

from ckanext.grll.catalog import openapi

ACTIONS = ("grll_feedback_services", "grll_feedback_list", "grll_feedback_stats")


@pytest.mark.parametrize("action", ACTIONS)
def test_an_unknown_domain_is_refused_naming_the_allowed_ones(app, action):
    response = app.get(f"/api/3/action/{action}", query_string={"domain": "salud"})
    assert response.status_code == 409
    [message] = response.json["error"]["domain"]
    assert message.startswith("Dominio desconocido o no habilitado")
    assert all(name in message for name in DOMAINS)

    answered = app.get(f"/api/3/action/{action}", query_string={"domain": "agua"})
    assert answered.status_code == 200 and answered.json["success"]


def test_a_disabled_domain_is_refused_and_no_longer_offered(app):
    plugins.unload("grll_laboral")
    try:
        for action in ACTIONS:
            response = app.get(f"/api/3/action/{action}", query_string={"domain": "laboral"})
            assert response.status_code == 409, action
            [message] = response.json["error"]["domain"]
            assert "laboral" not in message and "seguridad" in message
    finally:
        plugins.load("grll_laboral")
    assert app.get("/api/3/action/grll_feedback_services",
                   query_string={"domain": "laboral"}).status_code == 200


@pytest.mark.parametrize("action", ACTIONS)
def test_the_openapi_document_lists_the_domains(action):
    operation = openapi.build_document()["paths"][f"/api/3/action/{action}"]["get"]
    [parameter] = [p for p in operation["parameters"] if p["name"] == "domain"]
    assert sorted(parameter["schema"]["enum"]) == sorted(DOMAINS)
