"""E-mails to the accounts that follow a commitment: one per change of its plan.

Sent through CKAN's mailer (the feedback engine's notifier is about reports and is
not part of its public face). A mail server failure never undoes the change; the log
names the commitment, never the address.
"""
from __future__ import annotations

import logging

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.mailer import MailerException, mail_recipient

from ckanext.grll.ogp.model import Compromiso, Seguimiento

log = logging.getLogger(__name__)


def notify_followers(compromiso_id: str, cambio: str) -> int:
    """Tell every follower of the commitment what changed; the mails sent."""
    compromiso = model.Session.get(Compromiso, compromiso_id)
    if compromiso is None:
        return 0
    users = (model.Session.query(model.User).join(
        Seguimiento, Seguimiento.user_id == model.User.id).filter(
        Seguimiento.compromiso_id == compromiso_id, model.User.state == "active").all())
    url = (f"{tk.config.get('ckan.site_url').rstrip('/')}"
           f"/gobierno-abierto/compromiso/{compromiso.numero}")
    subject = f"Compromiso {compromiso.numero}: {compromiso.titulo}"
    body = (f"El compromiso {compromiso.numero} del plan de acción de Gobierno Abierto "
            f"cambió: {cambio}.\n\nVea el compromiso, sus hitos y evidencias en:\n{url}\n\n"
            "Recibe este correo porque sigue este compromiso en el portal; para dejar de "
            "seguirlo, use el botón de la misma página.")
    sent = 0
    for user in users:
        if not user.email:
            continue
        try:
            mail_recipient(user.display_name, user.email, subject, body)
            sent += 1
        except MailerException as error:
            log.warning("grll_ogp: follower mail of commitment %s failed: %s",
                        compromiso.numero, type(error).__name__)
    return sent
