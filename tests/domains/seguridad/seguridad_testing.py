"""Helpers of the seguridad tests: a small catalog and public citizen reports."""
from __future__ import annotations

import datetime
import itertools
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa

from ckanext.grll import reference
from ckanext.grll.domains.seguridad import resumen
from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report
from ckanext.grll.seed.loader import load_catalog

SIDPOL_2024 = "denuncias-policiales-sidpol-2024"
MPFN_2024 = "delitos-fiscalia-mpfn-2024"
TRUJILLO = "130101"
EL_PORVENIR = "130102"
_numbers = itertools.count(1)


def load_official_statistics(reset_db: Any, reset_index: Any) -> None:
    """A fresh catalog with the seeded SIDPOL and MPFN 2024 tables, summaries rebuilt."""
    from portal_testing import empty_datastore, ensure_portal_plugins

    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    report = load_catalog(only={SIDPOL_2024, MPFN_2024})
    assert not report.failures, report.failures
    resumen.refresh()


def _answers(category: str) -> dict[str, Any]:
    questions = enabled_domains()["seguridad"].categories[category].questions
    values = {"datetime": (datetime.date.today() - datetime.timedelta(days=40)).isoformat(),
              "string": "dato", "text": "texto"}
    return {q.code: q.value_keys[0] if q.values else values[q.datatype]
            for q in questions if q.required}


def public_report(category: str, ubigeo: str = TRUJILLO, *, point: bool = True,
                  days_ago: int = 40, status: str = "en_revision") -> Report:
    """A citizen report created through the engine, moderated and past its delay."""
    district = reference.distritos()[ubigeo]
    data = {"domain": "seguridad", "category": category, "ubigeo": ubigeo,
            "description": f"Hecho de prueba número {next(_numbers)} en el barrio, de noche.",
            "answers": _answers(category), "identity": "anonimo",
            "email": "vecino@example.com", "address": "Av. España 123"}
    if point:
        data.update(lat=district.lat, lon=district.lon)
    created = tk.get_action("grll_feedback_create")({"ignore_auth": True, "user": ""}, data)
    if status != "recibido":
        tk.get_action("grll_feedback_status_update")(
            {"ignore_auth": True, "user": ""}, {"code": created["codigo"], "status": status})
    report = Report.by_code(created["codigo"])
    model.Session.execute(sa.update(Report).where(Report.id == report.id).values(
        created=report.created - datetime.timedelta(days=days_ago)))
    model.Session.commit()
    return Report.by_code(created["codigo"])


def act(action: str, **data: Any) -> Any:
    """Call an action as an anonymous visitor (auth checked)."""
    return tk.get_action(action)({"user": "", "ignore_auth": False}, data)
