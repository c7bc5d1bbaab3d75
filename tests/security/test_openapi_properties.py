"""Property-based tests of the portal's own API: schemathesis generates requests for
every operation of /api/grll/openapi.json (the POSTs included), sends them to the
running portal anonymously and with a sysadmin's API token, and every answer must be
what the document says: no server error, a documented status code and content type,
a body that matches the documented schema, and authentication where it is declared.

One schemathesis check is left out on purpose: `negative_data_rejection` wants invalid
input refused with 400 or 422, while CKAN's action API answers invalid input with 409
(Validation Error, documented for every action) and, by design, ignores parameters it
does not know."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ckanext.grll.catalog import openapi

#: Examples per operation and identity: about 40 operations, a few minutes in all.
EXAMPLES = 25
REQUEST_TIMEOUT = 30
CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance)
#: Anonymous calls only: the sysadmin's token is sent outside the generated case, so
#: schemathesis's "wrong credentials" replay would still carry it.
ANONYMOUS_CHECKS = (*CHECKS, ignored_auth)


@pytest.fixture(scope="module")
def seeded(seeded_catalog, reset_redis) -> Iterator[None]:
    """The seed catalog: the document's examples name its datasets and organizations.
    Afterwards the citizen reports' limits start again from zero: the examples sent
    here reached them, and the live server is shared by the whole suite."""
    assert seeded_catalog.failures == []
    yield
    reset_redis("grll:*feedback*")


@pytest.fixture(scope="module")
def sysadmin_token(seeded) -> str:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return tk.get_action("api_token_create")(
        {"user": site_user["name"], "ignore_auth": True},
        {"user": site_user["name"], "name": "openapi-properties"})["token"]


#: The document the portal serves (openapi.json is this function's output); built at
#: collection so that each operation is a test of its own.
#: Positive examples follow the document; negative ones break it (wrong types, missing
#: fields, out-of-range numbers), which must be refused, not crash.
schema = schemathesis.openapi.from_dict(openapi.build_document())
schema.config.generation.update(modes=list(GenerationMode))
PROPERTIES = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))


def _call(case: Any, base_url: str, headers: dict[str, str],
          checks: tuple[Any, ...] = CHECKS) -> None:
    response = case.call(base_url=base_url, headers=headers, timeout=REQUEST_TIMEOUT)
    case.validate_response(response, checks=list(checks))


@schema.parametrize()
@PROPERTIES
def test_every_operation_answers_an_anonymous_visitor_as_documented(case, live_server,
                                                                    seeded):
    _call(case, live_server, {}, ANONYMOUS_CHECKS)


@schema.parametrize()
@PROPERTIES
def test_every_operation_answers_a_sysadmin_as_documented(case, live_server,
                                                          sysadmin_token):
    _call(case, live_server, {"Authorization": sysadmin_token})
