"""The inventory's operations for the OpenAPI document: valid OpenAPI 3, and every
example answers as documented (a read with data, a write with the documented error)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from openapi_spec_validator import validate

from ckanext.grll.apertura.api_docs import openapi_paths
from ckanext.grll.catalog import openapi
from portal_testing import site_context


def document() -> dict:
    return {"openapi": "3.0.3", "info": {"title": "apertura", "version": "1"},
            "paths": openapi_paths(openapi._read_action, openapi._write_action,
                                   openapi._query),
            "components": {"securitySchemes": {"apiToken": {
                "type": "apiKey", "in": "header", "name": "Authorization"}}}}


def test_the_operations_are_valid_openapi_and_their_examples_answer(app, people):
    validate(document())
    token = tk.get_action("api_token_create")(
        site_context(), {"user": people["sysadmin"]["name"], "name": "apertura"})["token"]
    answered = {}
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            if method == "get":
                query = {p["name"]: p["example"] for p in operation["parameters"]
                         if "example" in p}
                response = app.get(path, query_string=query)
            else:
                example = operation["requestBody"]["content"]["application/json"]["example"]
                response = app.post(path, json=example, headers={"Authorization": token})
            assert str(response.status_code) in operation["responses"], path
            answered[operation["operationId"]] = response.status_code
    assert answered["grll_apertura_progress_show"] == 200
    assert answered["grll_apertura_candidate_list"] == 200
    assert answered["grll_apertura_candidate_show"] == 404
    assert answered["grll_apertura_candidate_create"] == 409
    assert len(answered) == 10
