"""E-mails of grll_laboral through CKAN's mailer. A mail server failure never undoes
the change it reports; the log never names the address."""
from __future__ import annotations

import logging

import ckan.plugins.toolkit as tk
from ckan.lib.mailer import MailerException, mail_recipient
from ckan.plugins.toolkit import _

log = logging.getLogger(__name__)


def site_link(path: str) -> str:
    return tk.config.get("ckan.site_url").rstrip("/") + path


def send(address: str, subject: str, lines: list[str]) -> bool:
    body = "\n".join([*lines, "", _("Portal de Datos Abiertos La Libertad")])
    try:
        mail_recipient("", address, subject, body)
    except MailerException as error:
        log.warning("grll_laboral mail not sent (%s): %s", subject, type(error).__name__)
        return False
    return True
