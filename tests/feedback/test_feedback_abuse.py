"""Anti-abuse: rate limits (429 in Spanish), honeypot, identical submissions, flags,
duplicate suggestions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from feedback_helpers import act, ordinary_category, point_in, submission

from ckanext.grll.feedback import privacy
from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report
from portal_testing import backdate, form_token

API = "/api/3/action/grll_feedback_create"


def api_submission(category, n: int) -> dict:
    data = submission(category, description=f"Reporte número {n} sobre el mismo barrio.")
    data.pop("answers")
    return data


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.ip_per_hour", "3")
def test_too_many_submissions_from_one_address_get_429_in_spanish(app, organizations):
    category = enabled_domains()["agua"].categories["fuga"]
    for n in range(3):
        assert app.post(API, json=api_submission(category, n)).status_code == 200
    response = app.post(API, json=api_submission(category, 9))
    assert response.status_code == 429
    assert "Demasiados reportes" in response.json["error"]["message"]
    assert Report.query().count() == 3
    # The web form and Open311 share the same counter.
    browser = app.test_client()
    token = form_token(browser, "/reportes/agua/nuevo/fuga")
    form = browser.post("/reportes/agua/nuevo/fuga",
                        data={"description": "Otra fuga más en la avenida principal.",
                              "ubigeo": "130101", "_csrf_token": token})
    assert form.status_code == 429 and "Demasiados reportes" in form.body
    open311 = app.post("/open311/v2/requests.json",
                       data={"service_code": "agua-fuga", "address_id": "130101",
                             "description": "Fuga de agua en la avenida España."})
    assert open311.status_code == 429


def test_honeypot_and_bad_input_answer_409_through_the_api(app, organizations):
    category = enabled_domains()["agua"].categories["fuga"]
    response = app.post(API, json={**api_submission(category, 1), "sitio_web": "x"})
    assert response.status_code == 409
    assert "sitio_web" in response.json["error"]
    response = app.post(API, json={**api_submission(category, 1), "lat": 40.4, "lon": -3.7})
    assert response.status_code == 409 and "lat" in response.json["error"]
    assert Report.query().count() == 0


def test_identical_submission_is_refused(people):
    category = ordinary_category("agua")
    act("grll_feedback_create", people["ciudadana"], **submission(category))
    with pytest.raises(tk.ValidationError) as error:
        act("grll_feedback_create", None, **submission(category))
    assert "description" in error.value.error_dict
    assert Report.query().count() == 1


@pytest.mark.ckan_config("ckanext.grll.feedback.flag_hide_accounts", "2")
def test_flags_from_different_people_hide_the_record_for_review(people, staff_of):
    category = ordinary_category("agua")
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    backdate(code, 8)
    act("grll_feedback_status_update", staff_of(category), code=code, status="en_revision")
    assert act("grll_feedback_list", None, domain="agua")["count"] == 1
    act("grll_feedback_flag", people["ciudadana"], code=code, reason="Ofensivo")
    act("grll_feedback_flag", people["ciudadana"], code=code, reason="Otra vez")
    assert act("grll_feedback_show", None, code=code)["estado"] != "oculto"
    assert act("grll_feedback_flag", people["sysadmin"], code=code)["oculto"]
    assert act("grll_feedback_show", None, code=code)["estado"] == "oculto"
    assert act("grll_feedback_list", None, domain="agua")["count"] == 0
    queue = act("grll_feedback_list", staff_of(category), queue=True, status="oculto")
    assert [r["codigo"] for r in queue["results"]] == [code]
    act("grll_feedback_moderate", staff_of(category), code=code, hidden=False)
    assert act("grll_feedback_list", None, domain="agua")["count"] == 1


def test_similar_reports_nearby_are_suggested(people, staff_of):
    category = ordinary_category("agua")
    codes = []
    for n in range(7):
        code = act("grll_feedback_create", people["ciudadana"], **submission(
            category, description=f"Sin agua en la cuadra {n} del jirón."))["codigo"]
        backdate(code, 8)
        act("grll_feedback_status_update", staff_of(category), code=code, status="en_revision")
        codes.append(code)
    lat, lon = privacy.coarsen(*point_in("130101"))
    found = act("grll_feedback_suggest", None, domain="agua", category=category.code,
                lat=lat + 0.001, lon=lon)
    assert len(found) == 5 and {f["codigo"] for f in found} <= set(codes)
    assert all(f["distancia_aprox_m"] % 100 == 0 for f in found)
    far = act("grll_feedback_suggest", None, domain="agua", category=category.code,
              lat=lat + 0.01, lon=lon)
    assert far == []
    created = act("grll_feedback_create", people["ciudadana"], **submission(
        category, description="Otra vez sin agua cerca del parque principal."))
    assert len(created["similares"]) == 5
