"""E-mails to reporters who left an address: receipt and every public change.

Sent through CKAN's mailer. A mail server failure never undoes the change it
reports; the log names the tracking code, never the address.
"""
from __future__ import annotations

import logging
import re

import ckan.plugins.toolkit as tk
from ckan.lib.mailer import MailerException, mail_recipient
from ckan.plugins.toolkit import _

from ckanext.grll.feedback import workflow
from ckanext.grll.feedback.model import Report

log = logging.getLogger(__name__)
EMAIL = re.compile(r"[^\s<>@\"']+@[^\s<>@\"']+")


class RedactAddresses(logging.Filter):
    """CKAN's mailer logs "Sent email to <address>": keep addresses out of log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = EMAIL.sub("[correo]", record.msg)
        if record.args:
            record.args = tuple(EMAIL.sub("[correo]", a) if isinstance(a, str) else a
                                for a in record.args)
        return True


logging.getLogger("ckan.lib.mailer").addFilter(RedactAddresses())


def tracking_url(code: str) -> str:
    return f"{tk.config.get('ckan.site_url').rstrip('/')}/seguimiento/{code}"


def notify(report: Report, public_note: str | None = None, first: bool = False) -> bool:
    """Tell the reporter about their report's status; True if a mail went out."""
    if not report.contact_email:
        return False
    status = workflow.label(report.status)
    if first:
        subject = _("Recibimos su reporte {code}").format(code=report.tracking_code)
        intro = _("Gracias por su reporte. Su código de seguimiento es {code}.").format(
            code=report.tracking_code)
    else:
        subject = _("Su reporte {code}: {status}").format(code=report.tracking_code,
                                                         status=status)
        intro = _("El estado de su reporte {code} cambió a: {status}.").format(
            code=report.tracking_code, status=status)
    lines = [intro]
    if public_note:
        lines += ["", _("Respuesta de la entidad:"), public_note]
    lines += ["", _("Siga su reporte en {url}").format(url=tracking_url(report.tracking_code)),
              "", _("Portal de Datos Abiertos La Libertad")]
    try:
        mail_recipient(report.reporter_name or "", report.contact_email, subject, "\n".join(lines))
    except (MailerException, OSError):
        log.warning("Notification for report %s not sent", report.tracking_code)
        return False
    return True
