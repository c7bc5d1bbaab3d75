"""What stock GeoReport v2 clients do: answer with the published keys, ask for several
statuses at once, send media_url, and hit addresses that do not exist."""
from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from feedback_helpers import act, answer_for, ordinary_category, point_in, token_for

from ckanext.grll.feedback.domains import DomainConfigError, enabled_domains, load_domain
from ckanext.grll.feedback.model import Report
from portal_testing import backdate


def published_choices() -> list[tuple[str, str, str]]:
    """(service_code, attribute code, key) of every value every service publishes."""
    return [(category.service_code, question.code, key)
            for domain in enabled_domains().values()
            for category in domain.categories.values()
            for question in category.questions for key in question.value_keys]


def test_no_published_key_is_a_yaml_boolean(app):
    keys = set()
    for service in app.get("/open311/v2/services.json").json:
        code = service["service_code"]
        for attribute in app.get(f"/open311/v2/services/{code}.json").json["attributes"]:
            keys |= {(code, attribute["code"], value["key"]) for value in attribute["values"]}
    assert keys == set(published_choices())
    assert not {key for *_rest, key in keys} & {"True", "False", "None"}
    assert "no" in {key for *_rest, key in keys}


@pytest.mark.parametrize("service_code,attribute,key", published_choices())
def test_every_published_key_is_accepted_as_an_answer(app, people, service_code,
                                                      attribute, key):
    category = next(c for d in enabled_domains().values() for c in d.categories.values()
                    if c.service_code == service_code)
    lat, lon = point_in("130101")
    form = {"service_code": service_code, "lat": str(lat), "long": str(lon),
            "description": "Reporte de prueba enviado por un cliente GeoReport.",
            "api_key": token_for(people["ciudadana"])}
    for question in category.questions:
        if question.code == attribute:
            form[f"attribute[{question.code}]"] = key
        elif question.required:
            value = answer_for(question)
            form[f"attribute[{question.code}]"] = (
                value[0] if isinstance(value, list) else str(value))
    response = app.post("/open311/v2/requests.json", data=form)
    assert response.status_code == 201, response.body
    report = Report.by_code(response.json[0]["service_request_id"])
    stored = report.answers[attribute]
    assert stored == key or stored == [key]


def test_the_loader_refuses_keys_yaml_reads_as_booleans(tmp_path: Path):
    path = Path(__file__).parents[2] / "ckanext-grll/ckanext/grll/domains/agua/domain.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    question = next(q for c in raw["feedback"]["categories"] for q in c["questions"] or ()
                    if q.get("values"))
    question["values"][0]["key"] = False
    broken = tmp_path / "domain.yaml"
    broken.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DomainConfigError, match=r"values\[0\]\.key: must be a text"):
        load_domain(broken)


def test_a_comma_list_of_statuses_is_both(app, people, staff_of):
    category = ordinary_category("agua")
    codes = []
    for n in range(2):
        code = act("grll_feedback_create", people["ciudadana"], **{
            "domain": "agua", "category": category.code, "ubigeo": "130101",
            "description": f"Reporte {n} para probar los estados.",
            "answers": {q.code: answer_for(q) for q in category.questions if q.required}})[
            "codigo"]
        backdate(code, category.publication_delay_days + 1)
        act("grll_feedback_status_update", staff_of(category), code=code,
            status="en_revision")
        codes.append(code)
    act("grll_feedback_status_update", staff_of(category), code=codes[0], status="resuelto",
        public_note="Listo")

    def listed(status: str) -> set[str]:
        response = app.get(f"/open311/v2/requests.json?status={status}")
        assert response.status_code == 200, response.body
        return {item["service_request_id"] for item in response.json}

    assert listed("closed") == {codes[0]}
    assert listed("open") == {codes[1]}
    assert listed("open,closed") == listed("closed,open") == set(codes)
    bad = app.get("/open311/v2/requests.json?status=open,perdido")
    assert bad.status_code == 400
    assert bad.json[0]["description"].startswith("status:")


def test_media_url_is_refused_in_the_spec_format_and_nothing_is_stored(app, organizations):
    category = ordinary_category("agua")
    form = {"service_code": category.service_code, "address_id": "130101",
            "description": "Fuga de agua en la avenida principal.",
            "media_url": "http://127.0.0.1:9/foto.jpg"}
    response = app.post("/open311/v2/requests.json", data=form)
    assert response.status_code == 400
    [error] = response.json
    assert error["code"] == 400 and error["description"].startswith("media_url:")
    root = ET.fromstring(app.post("/open311/v2/requests.xml", data=form).body.encode())
    assert root.tag == "errors" and root.findtext("error/code") == "400"
    assert Report.query().count() == 0


@pytest.mark.parametrize("path,status", [
    ("/open311/v2/requests/%00x.json", 404),
    ("/open311/v2/requests.yaml", 404),
    ("/open311/v2/tokens.json", 404),
    ("/open311/v2/requests.%0A", 404),
])
def test_bad_addresses_answer_in_the_spec_format(app, path, status):
    response = app.get(path)
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json[0]["code"] == status


def test_wrong_method_answers_in_the_spec_format(app):
    response = app.post("/open311/v2/services.xml", data={})
    assert response.status_code == 405
    root = ET.fromstring(response.body.encode())
    assert root.tag == "errors" and root.findtext("error/code") == "405"
    unknown_format = app.post("/open311/v2/requests.0", data={})
    assert unknown_format.status_code == 404
    assert unknown_format.json[0]["code"] == 404


def test_nul_in_the_address_answers_in_the_spec_format_on_the_real_server(live_server):
    try:
        urllib.request.urlopen(f"{live_server}/open311/v2/requests/%00x.json", timeout=30)
    except urllib.error.HTTPError as error:
        assert error.code in (400, 404)
        assert error.headers["Content-Type"].startswith("application/json")
        body = error.read().decode()
        assert body.startswith('[{"code": ')
    else:
        raise AssertionError("a NUL tracking code was answered with 200")

