""""Reportar abuso": anonymous flags only ask the responsible organization's moderators
for a review; several distinct logged-in accounts are needed to hide a report."""
from __future__ import annotations

import feedback_security_helpers
import pytest
from bs4 import BeautifulSoup
from client_identity_helpers import (
    FLAG,
    TRUJILLO,
    account,
    flag_from_page,
    from_address,
    new_report,
    water_leak,
)
from feedback_security_helpers import (
    act,
    make_public,
    published_rows,
    token_for,
)

from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report

staff = feedback_security_helpers.staff
run_jobs = feedback_security_helpers.run_jobs

@pytest.fixture
def public_report(staff, run_jobs):
    """A published water-leak report: (code, its moderator's API header, the publication job runner)."""
    category = water_leak()
    moderator = staff(category.responsible_for(TRUJILLO))
    staff(enabled_domains()["agua"].dataset_org)  # the open-data dataset's publisher
    code = new_report(category, "Fuga de agua en el jirón Pizarro desde ayer.")
    make_public(code, category, moderator)
    run_jobs()
    return code, {"Authorization": token_for(moderator)}, run_jobs


def visibility(app, code: str) -> dict[str, bool]:
    """Whether the report appears in each public output."""
    category = water_leak()
    report = Report.by_code(code)
    shown = act("grll_feedback_show", code=code)
    listed = [r["codigo"] for r in act("grll_feedback_list", domain="agua")["results"]]
    open311 = app.get(f"/open311/v2/requests.json?service_code={category.service_code}").json
    return {
        "show": shown["estado"] != "oculto" and shown["descripcion"] is not None,
        "list": code in listed,
        "open311": code in [r["service_request_id"] for r in open311],
        "datastore": report.public_id in [r["id"] for r in published_rows("agua")],
    }


EVERYWHERE = {"show": True, "list": True, "open311": True, "datastore": True}
NOWHERE = {"show": False, "list": False, "open311": False, "datastore": False}


def test_anonymous_flags_from_many_addresses_never_hide_a_report(app, public_report):
    code, moderator, publish = public_report
    assert visibility(app, code) == EVERYWHERE
    for n in range(4):
        assert flag_from_page(app, code, f"179.7.{n}.1").status_code == 302
    for n in range(3):  # and a client that forges X-Forwarded-For for every flag
        response = app.post(FLAG, json={"code": code, "reason": "falso"},
                            **from_address("179.7.9.9", forged=f"10.{n}.0.1"))
        assert response.json["result"] == {"recibido": True, "oculto": False}
    publish()
    assert visibility(app, code) == EVERYWHERE

    queue = BeautifulSoup(app.get("/reportes/gestion?marcados=1", headers=moderator).body,
                          "html.parser")
    assert "Marcados por la ciudadanía (1)" in queue.get_text()
    row = queue.find("a", string=code).find_parent("tr")
    assert "0 de cuentas, 5 anónimos" in row.get_text()
    manage = BeautifulSoup(app.get(f"/reportes/gestion/{code}", headers=moderator).body,
                           "html.parser").find(id="flags").get_text()
    # 4 addresses, the forger counted once.
    assert "0 de cuentas registradas, 5 anónimos" in manage
    assert "los avisos anónimos nunca lo ocultan" in manage


def test_flags_of_distinct_accounts_hide_until_a_moderator_decides(app, public_report):
    code, moderator, publish = public_report
    flaggers = [account(f"vecino-{n}")[1] for n in range(3)]
    for headers in (flaggers[0], flaggers[0], flaggers[1]):
        assert not app.post(FLAG, json={"code": code}, headers=headers).json["result"]["oculto"]
    assert visibility(app, code) == EVERYWHERE
    assert app.post(FLAG, json={"code": code}, headers=flaggers[2]).json["result"]["oculto"]
    publish()
    assert visibility(app, code) == NOWHERE
    manage = BeautifulSoup(app.get(f"/reportes/gestion/{code}", headers=moderator).body,
                           "html.parser").find(id="flags").get_text()
    assert "3 de cuentas registradas, 0 anónimos" in manage

    dismissed = app.post(f"/reportes/gestion/{code}", headers=moderator, data={
        "accion": "descartar-avisos", "private_note": "Reporte verificado"})
    assert dismissed.status_code == 200
    publish()
    assert visibility(app, code) == EVERYWHERE
    queue = app.get("/reportes/gestion", headers=moderator).get_data(as_text=True)
    assert "Marcados por la ciudadanía (0)" in queue
    staff_view = app.get(f"/api/3/action/grll_feedback_show?code={code}",
                         headers=moderator).json["result"]
    assert "3 avisos de abuso descartados (3 de cuentas, 0 anónimos)" in str(
        staff_view["cronologia"])


@pytest.mark.ckan_config("ckanext.grll.feedback.flag_hide_accounts", "0")
def test_with_automatic_hiding_off_only_moderators_hide(app, public_report):
    code, moderator, publish = public_report
    for n in range(4):
        app.post(FLAG, json={"code": code}, headers=account(f"vecina-{n}")[1])
    assert visibility(app, code) == EVERYWHERE
    listed = app.get("/api/3/action/grll_feedback_flag_list", headers=moderator).json
    assert [(r["codigo"], r["avisos"]["cuentas"]) for r in listed["result"]["results"]] == [
        (code, 4)]
    hidden = app.post(f"/reportes/gestion/{code}", headers=moderator, data={
        "accion": "moderar", "hidden": "1", "private_note": "Datos falsos"})
    assert hidden.status_code == 200
    publish()
    assert visibility(app, code) == NOWHERE
    # The moderator's decision closes the flags: nothing left to review.
    assert app.get("/api/3/action/grll_feedback_flag_list",
                   headers=moderator).json["result"]["count"] == 0


def test_only_the_responsible_moderators_see_and_dismiss_flags(app, public_report, staff):
    code, _moderator, _run_jobs = public_report
    flag_from_page(app, code, "179.7.0.1")
    _citizen, citizen = account("curiosa")
    other = {"Authorization": token_for(staff("otra-entidad"))}
    for headers in (citizen, {}):
        listed = app.get("/api/3/action/grll_feedback_flag_list", headers=headers)
        assert listed.status_code == 403
    assert app.get("/api/3/action/grll_feedback_flag_list",
                   headers=other).json["result"]["count"] == 0
    refused = app.post("/api/3/action/grll_feedback_flag_dismiss", json={"code": code},
                       headers=other)
    assert refused.status_code == 403
    assert Report.by_code(code).flags == 1


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.flag_per_hour", "2")
def test_flags_are_limited_per_address_whatever_the_client_claims(app, public_report):
    code, _moderator, _run_jobs = public_report
    others = [new_report(water_leak(), f"Fuga de agua número {n} del barrio norte.")
              for n in range(2)]
    for n, target in enumerate([code, *others]):
        response = app.post(FLAG, json={"code": target},
                            **from_address("179.7.5.5", forged=f"10.0.{n}.1"))
        expected = 200 if n < 2 else 429
        assert response.status_code == expected
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    assert "Demasiados avisos" in response.json["error"]["message"]


def test_dismissing_flags_keeps_what_a_moderator_decided(app, public_report):
    code, moderator, publish = public_report
    manage = f"/reportes/gestion/{code}"
    app.post(manage, headers=moderator, data={"accion": "moderar", "hidden": "1"})
    app.post(FLAG, json={"code": code}, headers=account("vecina-atenta")[1])
    assert Report.by_code(code).flags == 1
    assert app.post(manage, headers=moderator,
                    data={"accion": "descartar-avisos"}).status_code == 200
    publish()
    assert visibility(app, code) == NOWHERE
    again = app.post("/api/3/action/grll_feedback_flag_dismiss", json={"code": code},
                     headers=moderator)
    assert again.status_code == 409
    assert "no tiene avisos" in " ".join(again.json["error"]["code"])
