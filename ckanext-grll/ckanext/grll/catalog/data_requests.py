"""Data requests ("Solicitudes de datos"): who answers them and who is told.

Anyone logged in asks for a dataset, optionally suggesting the organization
that holds it; editors of that organization (or, with none suggested, of any
organization) and sysadmins close it as fulfilled, with the public dataset that
answers it, or rejected, with a reason. The author follows their own request;
followers are emailed when it is closed. Requests are public, so a dataset named
by one is shown only while it is public (it may be made private later).
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.authz as authz
import ckan.plugins.toolkit as tk

from ckanext.grll.catalog import model

log = logging.getLogger(__name__)

STATUSES = ("abierta", "atendida", "rechazada")


def status_labels() -> dict[str, str]:
    return {"abierta": tk._("Abierta"), "atendida": tk._("Atendida"),
            "rechazada": tk._("Rechazada")}


def can_close(user_name: str | None, request: dict[str, Any]) -> bool:
    if not user_name:
        return False
    if authz.is_sysadmin(user_name):
        return True
    organizations = tk.get_action("organization_list_for_user")(
        {"user": user_name, "ignore_auth": True},
        {"id": user_name, "permission": "create_dataset"})
    ids = {organization["id"] for organization in organizations}
    if request.get("organization_id"):
        return request["organization_id"] in ids
    return bool(ids)


def public_dataset(name_or_id: str | None) -> Any:
    """The dataset if everyone may see it (active, not private), else None."""
    from ckan import model as ckan_model

    package = ckan_model.Package.get(name_or_id) if name_or_id else None
    if package is None or package.state != "active" or package.private:
        return None
    return package


def notify_followers(request: dict[str, Any]) -> int:
    """Email every follower that the request was closed; return how many were told.

    A mail failure is logged and never undoes the closing.
    """
    from ckan import model as ckan_model
    from ckan.lib import mailer

    site_url = tk.config.get("ckan.site_url").rstrip("/")
    link = f"{site_url}/solicitudes/{request['id']}"
    status = status_labels()[request["status"]]
    subject = tk._("Solicitud de datos {status}: {title}").format(
        status=status.lower(), title=request["title"])
    body = tk._("La solicitud «{title}» fue cerrada como {status}.\n\n{detail}\n\n{link}").format(
        title=request["title"], status=status.lower(), link=link,
        detail=request.get("rejection_reason") or request.get("dataset_url") or "")
    told = 0
    for user_id in model.follower_ids(request["id"]):
        user = ckan_model.User.get(user_id)
        if not user or not user.email:
            continue
        try:
            mailer.mail_user(user, subject, body)
            told += 1
        except mailer.MailerException:
            log.warning("Could not email follower %s of data request %s", user_id,
                        request["id"], exc_info=True)
    return told
