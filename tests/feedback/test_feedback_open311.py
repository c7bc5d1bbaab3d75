"""Open311 GeoReport v2 over all domains, JSON and XML, checked against the spec's fields."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from feedback_helpers import DOMAINS, act, ordinary_category, point_in, token_for

from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report
from portal_testing import backdate

SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type",
                  "keywords", "group"}
ATTRIBUTE_FIELDS = {"variable", "code", "datatype", "required", "datatype_description",
                    "order", "description", "values"}
REQUEST_FIELDS = {"service_request_id", "status", "status_notes", "service_name",
                  "service_code", "description", "agency_responsible", "service_notice",
                  "requested_datetime", "updated_datetime", "expected_datetime", "address",
                  "address_id", "zipcode", "lat", "long", "media_url"}


def xml(response) -> ET.Element:
    assert response.headers["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.body.encode())


def test_discovery(app):
    data = app.get("/open311/v2/discovery.json").json
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    root = xml(app.get("/open311/v2/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == [
        "text/xml", "application/json"]


def test_services_list_every_category_of_every_domain(app):
    services = app.get("/open311/v2/services.json").json
    expected = {c.service_code for d in enabled_domains().values()
                for c in d.categories.values()}
    assert {s["service_code"] for s in services} == expected
    assert all(set(s) == SERVICE_FIELDS for s in services)
    root = xml(app.get("/open311/v2/services.xml"))
    assert root.tag == "services"
    assert {s.findtext("service_code") for s in root.findall("service")} == expected


@pytest.mark.parametrize("domain", DOMAINS)
def test_service_definitions_carry_the_questions(app, domain):
    category = next(c for c in enabled_domains()[domain].categories.values() if c.questions)
    data = app.get(f"/open311/v2/services/{category.service_code}.json").json
    assert data["service_code"] == category.service_code
    assert [a["code"] for a in data["attributes"]] == [q.code for q in category.questions]
    assert all(set(a) == ATTRIBUTE_FIELDS for a in data["attributes"])
    root = xml(app.get(f"/open311/v2/services/{category.service_code}.xml"))
    assert root.tag == "service_definition"
    first = root.find("attributes/attribute")
    assert first.findtext("code") == category.questions[0].code
    assert first.findtext("datatype") == category.questions[0].datatype


def test_unknown_service_and_bad_calls_use_the_error_format(app):
    response = app.get("/open311/v2/services/no-existe.json")
    assert response.status_code == 404
    assert response.json[0]["code"] == 404 and response.json[0]["description"]
    root = xml(app.get("/open311/v2/services/no-existe.xml"))
    assert root.tag == "errors" and root.find("error/code").text == "404"
    assert app.get("/open311/v2/requests.json?start_date=ayer").status_code == 400
    assert app.get("/open311/v2/requests.json?status=perdido").status_code == 400
    assert app.get("/open311/v2/requests.json?page_size=-1").status_code == 400


@pytest.mark.parametrize("domain", DOMAINS)
def test_post_get_and_follow_a_request(app, domain, people, staff_of):
    category = ordinary_category(domain)
    lat, lon = point_in("130101")
    form = {"service_code": category.service_code, "lat": str(lat), "long": str(lon),
            "description": "Reporte enviado por una aplicación externa de la ciudad.",
            "email": "vecina@example.com", "first_name": "Rosa", "last_name": "Quispe"}
    for question in category.questions:
        if question.required:
            value = {"number": "5", "datetime": "2026-11-20", "string": "dato",
                     "text": "texto"}.get(question.datatype) or question.value_keys[0]
            form[f"attribute[{question.code}]"] = value
    if not category.anonymous_allowed:
        assert app.post("/open311/v2/requests.json", data=form).status_code == 403
        form["api_key"] = token_for(people["ciudadana"])
    response = app.post("/open311/v2/requests.json", data=form)
    assert response.status_code == 201, response.body
    [answer] = response.json
    code = answer["service_request_id"]
    assert code in answer["service_notice"]
    report = Report.by_code(code)
    assert report.channel == "open311"
    assert report.reporter_name == (None if category.identity_reserve else "Rosa Quispe")

    backdate(code, category.publication_delay_days + 1)
    if category.moderation_required:
        act("grll_feedback_status_update", staff_of(category), code=code,
            status="en_revision", public_note="Recibido por la entidad")
    act("grll_feedback_status_update", staff_of(category), code=code, status="resuelto",
        public_note="Listo")
    listed = app.get(f"/open311/v2/requests.json?service_code={category.service_code}"
                     "&status=closed").json
    [item] = listed
    assert set(item) >= REQUEST_FIELDS
    assert item["service_request_id"] == code and item["status"] == "closed"
    assert item["detailed_status"] == "resuelto" and item["status_notes"] == "Listo"
    assert item["requested_datetime"].endswith("T05:00:00-05:00") or \
        item["requested_datetime"][8:10] == "01"
    assert (item["lat"], item["long"]) != (lat, lon) and item["lat"] is not None
    assert app.get(f"/open311/v2/requests.json?service_code={category.service_code}"
                   "&status=open").json == []
    root = xml(app.get(f"/open311/v2/requests/{code}.xml"))
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == code
    assert root.find("request/status").text == "closed"


def test_post_errors_name_the_field(app, organizations):
    response = app.post("/open311/v2/requests.json",
                        data={"service_code": "agua-fuga", "lat": "40.4", "long": "-3.7",
                              "description": "Fuga de agua fuera de la región."})
    assert response.status_code == 400
    assert response.json[0]["description"].startswith("lat:")
    response = app.post("/open311/v2/requests.xml", data={"service_code": "nada"})
    assert response.status_code == 400 and xml(response).tag == "errors"
    bad_token = app.post("/open311/v2/requests.json",
                         data={"service_code": "agua-fuga", "api_key": "falso",
                               "address_id": "130101",
                               "description": "Fuga de agua en la avenida."})
    assert bad_token.status_code == 403
    assert Report.query().count() == 0


def test_paging_and_dates(app, people, staff_of):
    category = ordinary_category("agua")
    for n in range(3):
        code = act("grll_feedback_create", people["ciudadana"], **{
            "domain": "agua", "category": category.code, "ubigeo": "130101",
            "description": f"Reporte {n} para probar la paginación.",
            "answers": {"desde": "2026-11-01"}})["codigo"]
        backdate(code, 8)
        act("grll_feedback_status_update", staff_of(category), code=code, status="en_revision")
    page1 = app.get("/open311/v2/requests.json?page_size=2").json
    page2 = app.get("/open311/v2/requests.json?page_size=2&page=2").json
    assert len(page1) == 2 and len(page2) == 1
    assert not {r["service_request_id"] for r in page1} & {r["service_request_id"] for r in page2}
    assert app.get("/open311/v2/requests.json?end_date=2000-01-01T00:00:00Z").json == []

