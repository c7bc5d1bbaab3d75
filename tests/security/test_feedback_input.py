"""Bad input to the feedback API and Open311 is refused with the field and the reason.

Every case is a real HTTP request to the portal: the CKAN action API answers 409
with ``{"field": ["reason"]}``, Open311 400/404 with GeoReport's error list; none
answers 500, and nothing is stored from a refused submission.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedback_security_helpers
import pytest
from feedback_security_helpers import TRUJILLO, point_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ckanext.grll.feedback.model import Report

staff = feedback_security_helpers.staff

LIST = "/api/3/action/grll_feedback_list"
CREATE = "/api/3/action/grll_feedback_create"


def leak() -> dict:
    """A valid water-leak report, sent as JSON to the action API."""
    lat, lon = point_in(TRUJILLO)
    return {"domain": "agua", "category": "fuga", "identity": "anonimo", "lat": lat,
            "lon": lon, "description": "Fuga de agua en la esquina del mercado central."}


def farm_gate(**answers) -> dict:
    return {"domain": "agro", "category": "precio-chacra", "identity": "anonimo",
            "ubigeo": "130601", "description": "Precio en chacra de papa, vendido ayer.",
            "answers": {"cultivo": "papa", "precio-kg": 1.1, "comprador": "mercado",
                        "fecha-venta": "2024-11-15", **answers}}


@pytest.mark.parametrize(("query", "field"), [
    ("limit=abc", "limit"),
    ("limit=1e3", "limit"),
    ("limit=0", "limit"),
    ("limit=501", "limit"),
    ("limit=1&limit=2", "limit"),
    ("offset=9223372036854775808", "offset"),
    ("offset=-1", "offset"),
    ("offset=1.5", "offset"),
    ("month_to=9999-12", "month_to"),
    ("month_from=0001-01", "month_from"),
    ("month_from=2024-13", "month_from"),
    ("domain=agua%00", "domain"),
    ("domain=agua&domain=agro", "domain"),
    ("category=fuga%00x", "category"),
    ("ubigeo=%00", "ubigeo"),
    ("status=resuelto%00", "status"),
    ("organization=" + "x" * 200, "organization"),
    ("updated_after=9999-12-31T00:00:00%2B99:00", "updated_after"),
    ("updated_after=0001-01-01T00:00:00%2B23:59", "updated_after"),
    ("updated_after=ayer", "updated_after"),
    ("overdue=quizas", "overdue"),
])
def test_the_list_refuses_bad_parameters_with_the_field(app, query, field):
    response = app.get(f"{LIST}?{query}")
    assert response.status_code == 409, response.get_data(as_text=True)[:300]
    assert field in response.json["error"]


@pytest.mark.parametrize(("change", "field"), [
    ({"description": ["Fuga de agua en la esquina", "del mercado central."]}, "description"),
    ({"description": {"texto": "Fuga de agua en la esquina del mercado."}}, "description"),
    ({"description": "Fuga de agua\x00 en la esquina del mercado."}, "description"),
    ({"description": "Fuga de agua \ud800 en la esquina del mercado."}, "description"),
    ({"description": "x" * 4001}, "description"),
    ({"email": "a" * 100_000 + "@ejemplo.pe"}, "email"),
    ({"email": "a" * 250 + "@e.pe"}, "email"),
    ({"email": ["vecina@ejemplo.pe"]}, "email"),
    ({"name": "N" * 121}, "name"),
    ({"name": ["Rosa", "Quispe"]}, "name"),
    ({"address": "Jr. " * 100}, "address"),
    ({"identity": ["anonimo"]}, "identity"),
    ({"domain": ["agua"]}, "domain"),
    ({"lat": [-8.1], "lon": -79.0}, "lat"),
    ({"ubigeo": {"codigo": "130101"}}, "ubigeo"),
    ({"answers": ["cultivo", "papa"]}, "answers"),
    ({"answers": "{" + '"a": 1, ' * 5000 + "}"}, "answers"),
    ({"photos": "foto.jpg"}, "photos"),
    ({"photos": ["foto.jpg", "otra.jpg"]}, "photos"),
    ({"photos": {"filename": "foto.jpg"}}, "photos"),
])
def test_create_refuses_wrong_types_and_lengths_with_the_field(app, staff, change, field):
    response = app.post(CREATE, json={**leak(), **change})
    assert response.status_code == 409, response.get_data(as_text=True)[:300]
    assert field in response.json["error"]
    assert Report.query().count() == 0


@pytest.mark.parametrize(("answers", "field"), [
    ({"variedad": ["Canchán", "Yungay"]}, "answers.variedad"),
    ({"variedad": "V" * 301}, "answers.variedad"),
    ({"variedad": "Canchán\x00"}, "answers.variedad"),
    ({"precio-kg": [1.1, 2.2]}, "answers.precio-kg"),
    ({"precio-kg": "1e400"}, "answers.precio-kg"),
    ({"fecha-venta": "9999-12-31T00:00:00+23:59"}, "answers.fecha-venta"),
    ({"fecha-venta": "0001-01-01T00:00:00+23:59"}, "answers.fecha-venta"),
    ({"fecha-venta": ["2024-11-15"]}, "answers.fecha-venta"),
    ({"comprador": ["mercado", "empresa"]}, "answers.comprador"),
    ({"comprador": {"clave": "mercado"}}, "answers.comprador"),
    ({"desconocida\x00\ud800": "x"}, "answers"),
])
def test_create_refuses_bad_answers_with_the_question(app, staff, answers, field):
    response = app.post(CREATE, json=farm_gate(**answers))
    assert response.status_code == 409, response.get_data(as_text=True)[:300]
    assert field in response.json["error"]
    assert Report.query().count() == 0


def test_photos_sent_as_a_text_field_are_refused(app, staff):
    response = app.post(CREATE, data={**leak(), "photos": "foto.jpg"})
    assert response.status_code == 409
    assert "photos" in response.json["error"]


@pytest.mark.parametrize("variant", [
    "FUGA DE AGUA EN LA ESQUINA DEL MERCADO CENTRAL.",
    "Fuga  de agua\ten la esquina\n del mercado central. ",
    "Fu\u200bga de a\u200dgua en la esqui\ufeffna del mer\u00adcado central.",
    "Fugá de agüa en la ésquina del mercado céntral.",
])
def test_the_duplicate_check_compares_what_readers_see(app, staff, variant):
    assert app.post(CREATE, json=leak()).status_code == 200
    response = app.post(CREATE, json={**leak(), "description": variant})
    assert response.status_code == 409
    assert "idéntico" in response.json["error"]["description"][0]
    assert Report.query().count() == 1


def test_a_different_text_is_not_a_duplicate(app, staff):
    assert app.post(CREATE, json=leak()).status_code == 200
    other = {**leak(), "description": "Fuga de agua en la esquina del mercado mayorista."}
    assert app.post(CREATE, json=other).status_code == 200


@pytest.mark.parametrize(("query", "field"), [
    ("end_date=9999-12-31", "end_date"),
    ("start_date=0001-01-01", "start_date"),
    ("start_date=2024-01-01T00:00:00%2B99:00", "start_date"),
    ("updated_after=2024-01-01T00:00:00-99:00", "updated_after"),
    ("updated_after=0001-01-01T00:00:00%2B23:59", "updated_after"),
    ("updated_after=%00", "updated_after"),
    ("service_request_id=%00", "service_request_id"),
    ("service_request_id=" + "A" * 5000, "service_request_id"),
    ("page=abc", "page"),
    ("page_size=1e3", "page_size"),
    ("status=%00", "status"),
])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_refuses_bad_parameters_with_the_field(app, query, field, fmt):
    response = app.get(f"/open311/v2/requests.{fmt}?{query}")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    if fmt == "json":
        [error] = response.json
        assert error["code"] == 400 and field in error["description"]
    else:
        root = ET.fromstring(text)
        assert root.tag == "errors" and field in root.find("error/description").text


@pytest.mark.parametrize("path", ["%00x", "%00", "x" * 300, "7KQ4M-2XDHP%00", "%ud800"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_unknown_requests_are_404_in_well_formed_answers(app, path, fmt):
    response = app.get(f"/open311/v2/requests/{path}.{fmt}")
    assert response.status_code == 404
    if fmt == "xml":
        assert ET.fromstring(response.get_data(as_text=True)).tag == "errors"
    else:
        assert response.json[0]["code"] == 404


@pytest.mark.parametrize("code", ["%00x", "x" * 300, "7KQ4M-2XDHP%00"])
def test_unknown_tracking_codes_are_404_on_the_page_and_the_api(app, code):
    # A NUL character in a page's address is refused before any page runs (400, the
    # portal's request check); any other unknown code is simply not found.
    page = app.get(f"/seguimiento/{code}")
    assert page.status_code == (400 if "%00" in code else 404)
    assert app.get(f"/api/3/action/grll_feedback_show?code={code}").status_code == 404


# Values a client may send: text (control characters, lone surrogates, huge
# numbers as text), numbers, booleans, lists and objects, at any key.
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
              st.text(max_size=40), st.sampled_from(["1e3", "9999-12", "-1", "\x00",
                                                     "2" * 30, "9999-12-31T00:00+23:59"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=6)
LIST_KEYS = ["domain", "category", "ubigeo", "status", "organization", "month_from",
             "month_to", "updated_after", "queue", "overdue", "offset", "limit"]
CREATE_KEYS = ["domain", "category", "description", "lat", "lon", "ubigeo", "address",
               "answers", "identity", "name", "email", "channel", "photos"]
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(params=st.dictionaries(st.sampled_from(LIST_KEYS), VALUES, max_size=5))
def test_no_list_parameters_make_the_api_fail(app, params):
    response = app.post(LIST, data=json.dumps(params, allow_nan=True),
                        content_type="application/json")
    assert response.status_code in (200, 400, 403, 409), response.get_data(as_text=True)[:300]


@SETTINGS
@given(changes=st.dictionaries(st.sampled_from(CREATE_KEYS), VALUES, max_size=4))
def test_no_submission_makes_the_api_fail(app, changes):
    response = app.post(CREATE, data=json.dumps({**leak(), **changes}, allow_nan=True),
                        content_type="application/json")
    assert response.status_code in (200, 400, 403, 409, 429), \
        response.get_data(as_text=True)[:300]


@pytest.mark.parametrize("changes", [
    {"domain": float("inf"), "category": [{}, None]},   # found by a random run: was a 500
    {"lat": float("nan")},
    {"answers": {"precio-kg": float("-inf")}},
])
def test_numbers_json_does_not_have_are_refused_before_any_action(app, changes):
    # NaN and Infinity are not JSON; Python's parser takes them and CKAN failed
    # with a server error echoing them back. The portal refuses the body first.
    before = Report.query().count()
    response = app.post(CREATE, data=json.dumps({**leak(), **changes}, allow_nan=True),
                        content_type="application/json")
    assert response.status_code == 400
    message = response.json["error"]["message"]
    assert "número JSON válido" in message
    assert any(name in message for name in ("NaN", "Infinity"))
    assert Report.query().count() == before


OPEN311_KEYS = ["start_date", "end_date", "updated_after", "status", "service_code",
                "service_request_id", "page", "page_size"]


@SETTINGS
@given(params=st.dictionaries(st.sampled_from(OPEN311_KEYS), st.text(max_size=40), max_size=4),
       fmt=st.sampled_from(["json", "xml"]))
def test_no_open311_parameters_make_it_fail(app, params, fmt):
    response = app.get(f"/open311/v2/requests.{fmt}", query_string=params)
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]
    if fmt == "xml":
        ET.fromstring(response.get_data(as_text=True))
