"""Tell each organization, by email, which of its datasets are overdue.

A dataset is overdue when its declared update frequency has passed (see
freshness). Its organization's admins and editors get one message listing all
their overdue datasets; each overdue period is announced once (the due date
told is remembered in ``grll_outdated_notice``), so running this every hour
never repeats itself, and a dataset that is updated and later falls behind again
is announced again.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa

from ckanext.grll.catalog.indexing import DUE_FIELD
from ckanext.grll.catalog.model import outdated_notice_table

log = logging.getLogger(__name__)

PAGE = 500
STEWARD_CAPACITIES = ("admin", "editor")


def _context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"ignore_auth": True, "user": site_user["name"]}


def overdue_datasets(now: dt.datetime) -> list[dict[str, Any]]:
    """Every active dataset (private ones too) whose due date has passed."""
    found: list[dict[str, Any]] = []
    while True:
        result = tk.get_action("package_search")(_context(), {
            "fq": f"{DUE_FIELD}:[* TO {now.strftime('%Y-%m-%dT%H:%M:%SZ')}]",
            "fl": f"id,name,title,organization,{DUE_FIELD}", "include_private": True,
            "rows": PAGE, "start": len(found), "sort": "name asc"})
        found.extend(result["results"])
        if len(found) >= result["count"] or not result["results"]:
            return found


def _due(dataset: dict[str, Any]) -> dt.datetime:
    return dt.datetime.strptime(dataset[DUE_FIELD][:19], "%Y-%m-%dT%H:%M:%S")


def not_yet_told(datasets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    told = dict(model.Session.execute(sa.select(
        outdated_notice_table.c.package_id, outdated_notice_table.c.due).where(
        outdated_notice_table.c.package_id.in_([d["id"] for d in datasets]))).all())
    return [d for d in datasets if told.get(d["id"]) != _due(d)]


def stewards(organization_id: str) -> list[model.User]:
    """Active admins and editors with an e-mail (member_list would translate the roles)."""
    return (model.Session.query(model.User)
            .join(model.Member, model.Member.table_id == model.User.id)
            .filter(model.Member.group_id == organization_id,
                    model.Member.table_name == "user", model.Member.state == "active",
                    model.Member.capacity.in_(STEWARD_CAPACITIES),
                    model.User.state == "active", model.User.email.isnot(None),
                    model.User.email != "")
            .order_by(model.User.name).all())


def message(organization: model.Group, datasets: list[dict[str, Any]]) -> tuple[str, str]:
    site_url = tk.config.get("ckan.site_url").rstrip("/")
    subject = tk._("{n} conjuntos de datos de {org} están desactualizados").format(
        n=len(datasets), org=organization.title or organization.name)
    lines = [f"- {d['title']} ({tk._('vencía el {date}').format(date=_due(d).date())}): "
             f"{site_url}/dataset/{d['name']}" for d in datasets]
    body = "\n".join([
        tk._("Según la frecuencia de actualización que declaran, estos conjuntos de datos "
             "ya debían haberse actualizado:"), "", *lines, "",
        tk._("Actualice sus recursos o corrija la frecuencia declarada. La lista completa "
             "y pública está en {url}").format(url=f"{site_url}/datos-desactualizados")])
    return subject, body


def notify_outdated(now: dt.datetime | None = None) -> dict[str, int]:
    """Email each organization about its newly overdue datasets.

    Returns how many datasets were announced per organization name. A dataset
    whose organization has nobody to tell, or whose mail fails, is retried on the
    next run.
    """
    from ckan.lib import mailer

    now = now or dt.datetime.utcnow()
    by_org: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for dataset in not_yet_told(overdue_datasets(now)):
        if dataset.get("organization"):
            by_org[dataset["organization"]].append(dataset)
    announced: dict[str, int] = {}
    for organization_name, datasets in by_org.items():
        organization = model.Group.get(organization_name)
        recipients = stewards(organization.id) if organization else []
        if organization is None or not recipients:
            continue
        subject, body = message(organization, datasets)
        try:
            for user in recipients:
                mailer.mail_user(user, subject, body)
        except mailer.MailerException:
            log.warning("Could not email %s about its overdue datasets", organization.name,
                        exc_info=True)
            continue
        for dataset in datasets:
            values = {"package_id": dataset["id"], "due": _due(dataset), "notified_at": now}
            model.Session.execute(outdated_notice_table.delete().where(
                outdated_notice_table.c.package_id == dataset["id"]))
            model.Session.execute(outdated_notice_table.insert().values(**values))
        model.Session.commit()
        announced[organization.name] = len(datasets)
    return announced
