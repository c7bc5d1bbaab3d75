"""Reporters who leave an e-mail hear about their report (real SMTP sink, no mock)."""
from __future__ import annotations

import logging

import pytest
from feedback_helpers import act, ordinary_category, submission


@pytest.fixture
def portal_log(caplog):
    """Log lines of CKAN and our plugins (their loggers do not propagate to the root)."""
    loggers = [logging.getLogger(name) for name in ("ckan", "ckanext")]
    mailer = logging.getLogger("ckan.lib.mailer")
    # fileConfig may have disabled loggers created before it ran.
    was_disabled, mailer.disabled = mailer.disabled, False
    for logger in loggers:
        logger.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG, logger="ckan")
    caplog.set_level(logging.DEBUG, logger="ckanext")
    yield lambda: "\n".join(r.getMessage() for r in caplog.records
                             if r.name.startswith(("ckan.", "ckanext.")))
    for logger in loggers:
        logger.removeHandler(caplog.handler)
    mailer.disabled = was_disabled


def test_receipt_and_each_public_change_are_mailed(people, staff_of, smtp_sink, portal_log):
    category = ordinary_category("agua")
    code = act("grll_feedback_create", None, **submission(category))["codigo"]
    assert len(smtp_sink) == 1
    receipt = smtp_sink[0]
    assert receipt["To"].endswith("<vecina@example.com>") or receipt["To"] == \
        "vecina@example.com"
    assert code in receipt["Subject"]
    assert f"/seguimiento/{code}" in receipt.get_content()

    act("grll_feedback_status_update", staff_of(category), code=code, status="en_proceso",
        public_note="La cuadrilla llega mañana.", private_note="no-enviar-esto")
    assert len(smtp_sink) == 2
    body = smtp_sink[1].get_content()
    assert "En atención" in smtp_sink[1]["Subject"]
    assert "La cuadrilla llega mañana." in body and "no-enviar-esto" not in body
    # Sent, and no address in any log line.
    lines = portal_log()
    assert "Sent email to" in lines and "vecina@example.com" not in lines


def test_no_mail_without_an_address_and_none_lost_when_the_server_is_down(people, staff_of):
    category = ordinary_category("agua")
    data = submission(category)
    data.pop("email")
    code = act("grll_feedback_create", None, **data)["codigo"]
    # With an address but no SMTP server listening, the change still happens.
    with_mail = act("grll_feedback_create", None, **submission(
        category, description="Sin agua otra vez en la urbanización."))["codigo"]
    act("grll_feedback_status_update", staff_of(category), code=with_mail, status="en_proceso")
    assert act("grll_feedback_show", None, code=with_mail)["estado"] == "en_proceso"
    assert act("grll_feedback_show", None, code=code)["estado"] == "recibido"
