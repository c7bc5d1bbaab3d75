"""A report's life through the actions, once per domain: submit, follow, answer, close."""
from __future__ import annotations

import datetime
import json
import re

import ckan.plugins.toolkit as tk
import pytest
from feedback_helpers import (
    DOMAINS,
    TRUJILLO,
    act,
    ordinary_category,
    point_in,
    submission,
)

from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report
from portal_testing import backdate

CODE = re.compile(r"^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$")


@pytest.mark.parametrize("domain", DOMAINS)
def test_citizen_submits_and_follows_by_tracking_code(domain, people):
    category = ordinary_category(domain)
    created = act("grll_feedback_create", people["ciudadana"], **submission(category))
    assert CODE.match(created["codigo"])
    assert created["estado"] == "recibido"
    assert created["organizacion"] == category.responsible_for(TRUJILLO)

    seen = act("grll_feedback_show", None, code=created["codigo"].lower())
    assert seen["categoria_nombre"] == category.name
    assert seen["distrito"] == "Trujillo"
    assert [e["estado"] for e in seen["cronologia"]] == ["recibido"]
    if category.moderation_required:
        # Not yet moderated: the text waits for a moderator.
        assert seen["descripcion"] is None and not seen["publico"]
    else:
        # Farm-gate prices are published at once.
        assert seen["publico"] and seen["descripcion"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_full_lifecycle_with_answers_on_the_public_timeline(domain, people, staff_of):
    category = ordinary_category(domain)
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    staff = staff_of(category)
    steps = [("en_revision", "Estamos revisando su reporte."),
             ("derivado", "Derivado al área técnica."),
             ("en_proceso", "Cuadrilla programada."),
             ("resuelto", "Se atendió el problema.")]
    for status, note in steps:
        act("grll_feedback_status_update", staff, code=code, status=status, public_note=note,
            private_note=f"interno {status}")

    public = act("grll_feedback_show", None, code=code)
    assert public["estado"] == "resuelto" and public["cerrado"]
    timeline = public["cronologia"]
    assert [e["estado"] for e in timeline] == ["recibido"] + [s for s, _ in steps]
    assert [e["nota"] for e in timeline[1:]] == [n for _, n in steps]
    assert {e["quien"] for e in timeline[1:]} == {
        tk.get_action("organization_show")({}, {"id": category.responsible_for(TRUJILLO)})[
            "title"]}
    assert "interno" not in json.dumps(public)

    full = act("grll_feedback_show", staff, code=code)
    assert full["cronologia"][-1]["nota_interna"] == "interno resuelto"
    assert full["cronologia"][-1]["actor"] == staff["name"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_wrong_transitions_and_missing_reasons_answer_with_the_field(domain, people, staff_of):
    category = ordinary_category(domain)
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    staff = staff_of(category)
    with pytest.raises(tk.ValidationError) as error:
        act("grll_feedback_status_update", staff, code=code, status="rechazado")
    assert "public_note" in error.value.error_dict
    act("grll_feedback_status_update", staff, code=code, status="rechazado",
        public_note="No corresponde a esta entidad.")
    with pytest.raises(tk.ValidationError) as error:
        act("grll_feedback_status_update", staff, code=code, status="resuelto")
    assert "status" in error.value.error_dict
    # A rejection can be reconsidered.
    act("grll_feedback_status_update", staff, code=code, status="en_revision")


@pytest.mark.parametrize("domain", DOMAINS)
def test_duplicate_points_to_the_original(domain, people, staff_of):
    category = ordinary_category(domain)
    first = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    second = act("grll_feedback_create", people["ciudadana"], **submission(
        category, description="El mismo problema, reportado otra vez por un vecino."))["codigo"]
    staff = staff_of(category)
    with pytest.raises(tk.ValidationError) as error:
        act("grll_feedback_status_update", staff, code=second, status="duplicado",
            duplicate_of=second)
    assert "duplicate_of" in error.value.error_dict
    act("grll_feedback_status_update", staff, code=second, status="duplicado",
        duplicate_of=first, public_note="Ya estaba reportado.")
    assert act("grll_feedback_show", None, code=second)["duplicado_de"] == first


@pytest.mark.parametrize("domain", DOMAINS)
def test_only_the_responsible_organization_and_sysadmins_answer(
        domain, people, staff_of, outsider_of):
    category = ordinary_category(domain)
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    for intruder in (None, people["ciudadana"], outsider_of(category)):
        with pytest.raises(tk.NotAuthorized):
            act("grll_feedback_status_update", intruder, code=code, status="en_revision")
        with pytest.raises(tk.NotAuthorized):
            act("grll_feedback_moderate", intruder, code=code, hidden=True)
    act("grll_feedback_status_update", staff_of(category), code=code, status="en_revision")
    act("grll_feedback_status_update", people["sysadmin"], code=code, status="derivado")
    # Private fields only for the organization's staff and sysadmins.
    assert act("grll_feedback_show", outsider_of(category), code=code).get("correo") is None
    assert act("grll_feedback_show", staff_of(category), code=code)["correo"] == \
        "vecina@example.com"


@pytest.mark.parametrize("domain", DOMAINS)
def test_staff_queue_holds_their_organizations_reports_only(
        domain, people, staff_of, outsider_of):
    category = ordinary_category(domain)
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    queue = act("grll_feedback_list", staff_of(category), queue=True)
    assert [r["codigo"] for r in queue["results"]] == [code]
    assert queue["results"][0]["correo"] == "vecina@example.com"
    assert act("grll_feedback_list", outsider_of(category), queue=True)["count"] == 0
    assert act("grll_feedback_list", people["sysadmin"], queue=True)["count"] == 1
    with pytest.raises(tk.NotAuthorized):
        act("grll_feedback_list", people["ciudadana"], queue=True)
    # Unmoderated records are not public.
    public = act("grll_feedback_list", None, domain=domain)["count"]
    assert public == (0 if category.moderation_required else 1)


def test_reports_route_by_district():
    calidad = enabled_domains()["agua"].categories["calidad"]
    assert calidad.responsible_for("130101") == "gerencia-regional-vivienda"
    assert calidad.responsible_for("130601") == "gerencia-regional-salud"


@pytest.mark.parametrize("domain", DOMAINS)
def test_anonymous_submission_where_the_domain_allows_it(domain, organizations):
    for category in enabled_domains()[domain].categories.values():
        data = submission(category, description=f"Reporte anónimo de {category.code} en el barrio.")
        if category.anonymous_allowed:
            assert act("grll_feedback_create", None, **data)["codigo"]
        else:
            with pytest.raises(tk.NotAuthorized):
                act("grll_feedback_create", None, **data)


BAD_CHANGES = [
    ({"category": "no-existe"}, "category"),
    ({"domain": "turismo"}, "domain"),
    ({"description": "corto"}, "description"),
    ({"lat": -12.046, "lon": -77.043}, "lat"),  # Lima
    ({"lat": "norte"}, "lat"),
    ({"lon": None}, "lon"),
    ({"ubigeo": "150101"}, "ubigeo"),
    ({"lat": None, "lon": None}, "ubigeo"),
    ({"ubigeo": "130601"}, "ubigeo"),  # the point is in Trujillo, not Otuzco
    ({"email": "no-es-correo"}, "email"),
    ({"sitio_web": "http://spam.example"}, "sitio_web"),
    ({"answers": {"inventada": "x"}}, "answers"),
]


@pytest.mark.parametrize("domain", DOMAINS)
def test_bad_submissions_are_refused_with_the_field_and_nothing_is_stored(domain, people):
    category = ordinary_category(domain)
    for change, field in BAD_CHANGES:
        data = {k: v for k, v in {**submission(category), **change}.items() if v is not None}
        with pytest.raises(tk.ValidationError) as error:
            act("grll_feedback_create", people["ciudadana"], **data)
        assert field in error.value.error_dict, change
    assert Report.query().count() == 0


@pytest.mark.parametrize("domain", DOMAINS)
def test_required_questions_are_checked_by_type(domain, people):
    category = next((c for c in enabled_domains()[domain].categories.values()
                     if any(q.required for q in c.questions)), None)
    if category is None:
        pytest.skip("no required questions")
    question = next(q for q in category.questions if q.required)
    with pytest.raises(tk.ValidationError) as error:
        act("grll_feedback_create", people["ciudadana"], **submission(category, answers={}))
    assert f"answers.{question.code}" in error.value.error_dict
    wrong = {"number": "mucho", "datetime": "ayer", "singlevaluelist": "otra",
             "multivaluelist": ["otra"], "string": "x" * 400, "text": "x" * 3000}
    with pytest.raises(tk.ValidationError) as error:
        act("grll_feedback_create", people["ciudadana"], **submission(
            category, answers={question.code: wrong[question.datatype]}))
    assert f"answers.{question.code}" in error.value.error_dict


def test_district_without_point_and_alto_trujillo(people):
    category = ordinary_category("agua")
    data = submission(category, ubigeo="130112", description="Sin agua en Alto Trujillo hace días.")
    data["lat"], data["lon"] = point_in("130102")
    assert act("grll_feedback_create", people["ciudadana"], **data)["ubigeo"] == "130112"
    only_district = submission(category, ubigeo="130601", lat=None, lon=None,
                               description="Sin agua en Otuzco desde el lunes.")
    only_district = {k: v for k, v in only_district.items() if v is not None}
    assert act("grll_feedback_create", people["ciudadana"], **only_district)["distrito"] == "Otuzco"


def test_overdue_reports_show_it(people, staff_of):
    category = ordinary_category("agua")
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    assert not act("grll_feedback_show", None, code=code)["vencido"]
    backdate(code, category.resolution_days + 1)
    assert act("grll_feedback_show", None, code=code)["vencido"]
    overdue = act("grll_feedback_list", staff_of(category), queue=True, overdue=True)
    assert [r["codigo"] for r in overdue["results"]] == [code]


def test_unknown_tracking_code_is_not_found(organizations):
    with pytest.raises(tk.ObjectNotFound):
        act("grll_feedback_show", None, code="AAAAA-AAAAA")


def test_labour_complaints_follow_sunafil_stages_on_the_timeline(people, staff_of):
    category = enabled_domains()["laboral"].categories["denuncia-laboral"]
    assert [code for code, _name in category.stages][:2] == ["orden-inspeccion", "inspeccion"]
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    staff = staff_of(category)
    with pytest.raises(tk.ValidationError) as error:
        act("grll_feedback_status_update", staff, code=code, status="en_proceso",
            stage="juicio")
    assert "stage" in error.value.error_dict
    act("grll_feedback_status_update", staff, code=code, status="en_proceso",
        stage="orden-inspeccion", public_note="Se emitió la orden de inspección.")
    act("grll_feedback_status_update", staff, code=code, status="resuelto", stage="multa",
        public_note="Se impuso una multa al empleador.")
    shown = act("grll_feedback_show", None, code=code)
    assert shown["etapa"] == "multa" and shown["etapa_nombre"] == "Multa impuesta"
    assert [e["etapa_nombre"] for e in shown["cronologia"]] == [
        None, "Orden de inspección emitida", "Multa impuesta"]


def test_water_cuts_over_18_hours_are_flagged_for_tankers(people, staff_of):
    category = enabled_domains()["agua"].categories["sin-servicio"]
    lima = datetime.timezone(datetime.timedelta(hours=-5))
    now = datetime.datetime.now(lima)
    long_cut = act("grll_feedback_create", people["ciudadana"], **submission(
        category, answers={"desde": (now - datetime.timedelta(hours=20)).isoformat()}))
    short_cut = act("grll_feedback_create", people["ciudadana"], **submission(
        category, description="Se fue el agua hace un rato en la cuadra dos.",
        answers={"desde": (now - datetime.timedelta(hours=3)).isoformat()}))
    staff = staff_of(category)
    assert "cisterna" in act("grll_feedback_show", staff, code=long_cut["codigo"])["alertas"][0]
    assert act("grll_feedback_show", staff, code=short_cut["codigo"])["alertas"] == []
    queue = {r["codigo"]: r["alertas"] for r in act("grll_feedback_list", staff,
                                                    queue=True)["results"]}
    assert queue[long_cut["codigo"]] and not queue[short_cut["codigo"]]
