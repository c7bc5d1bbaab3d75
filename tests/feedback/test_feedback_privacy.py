"""No contact, exact point, address or private note in any public output."""
from __future__ import annotations

import json

import pytest
from feedback_helpers import (
    DOMAINS,
    act,
    ordinary_category,
    point_in,
    sensitive_category,
    submission,
)

from ckanext.grll.feedback.domains import enabled_domains
from portal_testing import backdate

SECRETS = ("vecina@example.com", "Jr. Pizarro 123", "nota-privada-7781")


def make_public(people, staff_of, category, **changes):
    code = act("grll_feedback_create", people["ciudadana"],
               **submission(category, **changes))["codigo"]
    backdate(code, category.publication_delay_days + 1)
    act("grll_feedback_status_update", staff_of(category), code=code, status="en_revision",
        public_note="Revisado", private_note="nota-privada-7781")
    return code


def exact_coordinates() -> tuple[str, str]:
    lat, lon = point_in("130101")
    return str(lat), str(lon)


@pytest.mark.parametrize("domain", DOMAINS)
def test_public_answers_never_carry_private_data(domain, app, people, staff_of):
    category = ordinary_category(domain)
    code = make_public(people, staff_of, category, identity="oculto")
    outputs = [
        act("grll_feedback_show", None, code=code),
        act("grll_feedback_list", None, domain=domain),
        act("grll_feedback_show", people["ciudadana"], code=code),
        app.get(f"/seguimiento/{code}").body,
        app.get(f"/reportes/{domain}").body,
        app.get(f"/open311/v2/requests/{code}.json").body,
        app.get(f"/open311/v2/requests.xml?service_code={category.service_code}").body,
        app.get(f"/api/3/action/grll_feedback_show?code={code}").body,
    ]
    for output in outputs:
        text = output if isinstance(output, str) else json.dumps(output, ensure_ascii=False)
        for secret in (*SECRETS, *exact_coordinates(), "Rosa Quispe"):
            assert secret not in text, (secret, text[:300])


@pytest.mark.parametrize("domain", DOMAINS)
def test_sensitive_categories_are_never_points(domain, app, people, staff_of):
    category = sensitive_category(domain)
    if category is None:
        pytest.skip("no sensitive category in this domain")
    code = make_public(people, staff_of, category, answers={})
    shown = act("grll_feedback_show", None, code=code)
    assert shown["punto"] is None and shown["descripcion"] is None
    assert shown["sensible"]
    listed = act("grll_feedback_list", None, domain=domain)["results"]
    assert [r["punto"] for r in listed] == [None]
    assert app.get(f"/open311/v2/requests/{code}.json").json[0]["lat"] is None
    # Not listed among Open311 requests at all.
    assert app.get("/open311/v2/requests.json").json == []
    assert act("grll_feedback_suggest", None, domain=domain, category=category.code,
               lat=point_in("130101")[0], lon=point_in("130101")[1]) == []


def test_identity_reserve_keeps_no_identity(people, staff_of):
    category = enabled_domains()["seguridad"].categories["soborno"]
    code = act("grll_feedback_create", people["ciudadana"], **submission(
        category, answers={}, identity="publico"))["codigo"]
    full = act("grll_feedback_show", people["sysadmin"], code=code)
    assert full["identidad"] == "reserva"
    assert full["nombre_reportante"] is None and full["usuario"] is None
    # Only the optional contact stays, to notify the reporter.
    assert full["correo"] == "vecina@example.com"


def test_public_name_only_when_chosen(people, staff_of):
    category = ordinary_category("agua")
    shown = make_public(people, staff_of, category, identity="publico")
    hidden = make_public(people, staff_of, category, identity="oculto",
                         description="Otra vez sin agua en la misma calle del centro.")
    anonymous = make_public(people, staff_of, category, identity="anonimo",
                            description="Sin agua desde ayer en la urbanización.")
    assert act("grll_feedback_show", None, code=shown)["nombre"] == "Rosa Quispe"
    assert act("grll_feedback_show", None, code=hidden)["nombre"] is None
    assert act("grll_feedback_show", people["sysadmin"], code=hidden)["nombre_reportante"] == \
        "Rosa Quispe"
    assert act("grll_feedback_show", people["sysadmin"], code=anonymous)["usuario"] is None


def test_public_dates_are_months_and_points_are_coarsened(people, staff_of):
    category = ordinary_category("agua")
    code = make_public(people, staff_of, category)
    shown = act("grll_feedback_show", None, code=code)
    assert len(shown["mes"]) == 7
    assert shown["cronologia"][0]["fecha"] == shown["mes"]
    lat, lon = point_in("130101")
    assert (shown["punto"]["lat"], shown["punto"]["lon"]) != (lat, lon)
    assert abs(shown["punto"]["lat"] - lat) <= 0.00113 + 1e-5


def test_moderators_edit_out_personal_data(people, staff_of):
    category = ordinary_category("agua")
    code = make_public(people, staff_of, category,
                       description="El vecino Juan Pérez (987654321) dejó la fuga así.")
    act("grll_feedback_moderate", staff_of(category), code=code,
        description="Un vecino dejó la fuga así.", private_note="Datos personales")
    assert act("grll_feedback_show", None, code=code)["descripcion"] == \
        "Un vecino dejó la fuga así."
    full = act("grll_feedback_show", staff_of(category), code=code)
    assert "987654321" in full["descripcion_original"]
    assert "987654321" not in json.dumps(act("grll_feedback_show", None, code=code))
