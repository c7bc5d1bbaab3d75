"""Invitation to rate the provider when a citizen's water report is resolved: the
tracking page of the report (the rating form is there) and the provider's scorecard.

The engine calls this after every status change; the mail goes only to the address
the citizen gave for their report (never stored or published here), like the
engine's own notifications.
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.mailer import MailerException, mail_recipient
from ckan.plugins.toolkit import _

from ckanext.grll.domains.agua import routing
from ckanext.grll.feedback.shared import workflow

log = logging.getLogger(__name__)


def tracking_url(code: str) -> str:
    return f"{tk.config.get('ckan.site_url').rstrip('/')}/seguimiento/{code}#calificar"


def rating_url(prestador_id: str) -> str:
    return (f"{tk.config.get('ckan.site_url').rstrip('/')}/agua/prestadores/"
            f"{prestador_id}#calificar")


def invite_to_rate(report: dict[str, Any], previous_status: str) -> bool:
    """Mail the reporter where to rate the provider of the report; True if sent."""
    if report["estado"] != workflow.RESOLVED or previous_status == workflow.RESOLVED:
        return False
    providers = routing.providers_to_rate(report)
    if not report.get("correo") or not providers:
        return False
    lines = [_("Su reporte {code} fue resuelto. ¿Cómo evalúa a su prestador de agua?").format(
        code=report["codigo"]), "", _("Califique desde la página de su reporte:"),
        tracking_url(report["codigo"]), "", _("Fichas de los prestadores:")]
    lines += [f"{p.nombre}: {rating_url(p.id)}" for p in providers]
    lines += ["", _("Necesita una cuenta del portal; puede calificar una vez por trimestre."),
              "", _("Portal de Datos Abiertos La Libertad")]
    try:
        mail_recipient(report.get("nombre_reportante") or "", report["correo"],
                       _("Califique a su prestador de agua"), "\n".join(lines))
    except (MailerException, OSError):
        log.warning("Rating invitation for report %s not sent", report["codigo"])
        return False
    return True
