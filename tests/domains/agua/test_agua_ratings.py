"""Citizen ratings of providers: who may rate, how often, when scores appear, invitations."""
from __future__ import annotations

import datetime

import ckan.plugins.toolkit as tk
import pytest
from agua_testing import agua_catalog  # noqa: F401 - module fixture
from bs4 import BeautifulSoup
from ckan.tests import factories, helpers

from ckanext.grll.domains.agua import scorecard
from ckanext.grll.reference import distritos

pytestmark = pytest.mark.usefixtures("agua_catalog")

SCORES = {"continuidad": 4, "presion": 3, "calidad": 5, "atencion_reclamo": 2,
          "facturacion": 4}


def rate(user: dict | None, prestador_id: str = "sedalib-s-a", **scores: object) -> dict:
    return tk.get_action("grll_agua_rate")(
        {"user": user["name"] if user else "", "ignore_auth": False},
        {"prestador_id": prestador_id, **SCORES, **scores})


def test_anonymous_cannot_rate():
    with pytest.raises(tk.NotAuthorized):
        rate(None)


def test_one_rating_per_account_provider_and_quarter():
    citizen = factories.User()
    assert rate(citizen, "municipalidad-distrital-de-laredo")["n"] == 1
    with pytest.raises(tk.ValidationError) as error:
        rate(citizen, "municipalidad-distrital-de-laredo", calidad=1)
    message = error.value.error_dict["prestador_id"][0]
    assert "Ya calificó a este prestador en este trimestre" in message
    assert scorecard.quarter() in message
    # Another provider the same quarter is fine; the refused one left nothing behind.
    assert rate(citizen, "municipalidad-distrital-de-poroto")["n"] == 1
    assert scorecard.ratings("municipalidad-distrital-de-laredo")["n"] == 1


@pytest.mark.parametrize("bad", [0, 6, "tres", None, 2.5])
def test_scores_must_be_1_to_5(bad):
    with pytest.raises(tk.ValidationError) as error:
        rate(factories.User(), presion=bad)
    assert list(error.value.error_dict) == ["presion"]


def test_unknown_provider_is_refused():
    with pytest.raises(tk.ValidationError) as error:
        rate(factories.User(), "aguas-de-ninguna-parte")
    assert "prestador_id" in error.value.error_dict


def test_scores_appear_only_from_the_threshold_and_always_with_n(monkeypatch):
    monkeypatch.setitem(tk.config, "ckanext.grll.agua.min_ratings", 3)
    prestador = "municipalidad-provincial-de-viru"
    for presion in (1, 2):
        shown = rate(factories.User(), prestador, presion=presion)
    assert shown == {"n": 2, "minimo": 3, "visible": False,
                     "promedios": dict.fromkeys(SCORES)}
    shown = rate(factories.User(), prestador, presion=4)
    assert shown["n"] == 3 and shown["visible"]
    assert shown["promedios"]["presion"] == round(7 / 3, 2)
    assert shown["promedios"]["calidad"] == 5


def test_default_threshold_is_30():
    assert tk.config.get("ckanext.grll.agua.min_ratings") == 30


def test_resolved_report_invites_the_reporter_to_rate(smtp_sink):
    trujillo = distritos()["130101"]
    report = helpers.call_action("grll_feedback_create", {"user": ""}, **{
        "domain": "agua", "category": "sin-servicio", "ubigeo": "130101",
        "lat": trujillo.lat, "lon": trujillo.lon,
        "description": "Sin agua desde ayer en toda la cuadra.",
        "answers": {"desde": (datetime.date.today() - datetime.timedelta(days=1)).isoformat()},
        "email": "vecino@example.com"})
    staff = factories.Sysadmin()
    update = {"code": report["codigo"]}
    helpers.call_action("grll_feedback_status_update", {"user": staff["name"]},
                        status="en_proceso", **update)
    assert not any("Califique" in mail["Subject"] for mail in smtp_sink)
    helpers.call_action("grll_feedback_status_update", {"user": staff["name"]},
                        status="resuelto", public_note="Servicio restablecido.", **update)
    invitation = next(mail for mail in smtp_sink if "Califique" in mail["Subject"])
    assert invitation["To"].endswith("vecino@example.com>") or \
        invitation["To"] == "vecino@example.com"
    assert "/agua/prestadores/sedalib-s-a#calificar" in invitation.get_content()



def test_the_tracking_page_of_a_resolved_report_invites_to_rate(app):
    report = helpers.call_action("grll_feedback_create", {"user": ""}, **{
        "domain": "agua", "category": "baja-presion", "ubigeo": "130101",
        "description": "Muy poca presión en el segundo piso desde el lunes.",
        "answers": {"horario": "manana"}})
    track = f"/seguimiento/{report['codigo']}"
    assert "grll-agua-invitacion" not in app.get(track).body
    staff = factories.Sysadmin()
    helpers.call_action("grll_feedback_status_update", {"user": staff["name"]},
                        code=report["codigo"], status="resuelto",
                        public_note="Presión normalizada.")
    invitation = BeautifulSoup(app.get(track).body, "html.parser").select_one(
        ".grll-agua-invitacion")
    assert invitation.select_one('a[href="/agua/prestadores/sedalib-s-a#calificar"]')
