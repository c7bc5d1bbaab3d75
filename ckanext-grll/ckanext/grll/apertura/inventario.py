"""The inventory as the public sees it: each candidate with its computed states, and
the progress of each Gerencia. Everything public about a candidate is formatted here
(pages, API and the DataStore projection all read :func:`candidates`)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import ckan.model as ckan_model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa

from ckanext.grll.apertura import fases, model

#: Counts of the progress table, in the order the phases are reached.
PROGRESS_KEYS = ("identificados", "analizados", "priorizados", "publicados", "con_retraso")


def _public_packages(ids: set[str]) -> dict[str, Any]:
    """The packages among ``ids`` that anyone may see (active, not private)."""
    if not ids:
        return {}
    packages = ckan_model.Session.query(ckan_model.Package).filter(
        ckan_model.Package.id.in_(ids), ckan_model.Package.state == "active",
        ckan_model.Package.private.is_(False))
    return {package.id: package for package in packages}


def _organizations(ids: set[str]) -> dict[str, Any]:
    if not ids:
        return {}
    groups = ckan_model.Session.query(ckan_model.Group).filter(ckan_model.Group.id.in_(ids))
    return {group.id: group for group in groups}


def _scores(votes: list[dict[str, Any]]) -> dict[str, int]:
    score = {"votos": len(votes), "puntaje_funcionarios": 0, "puntaje_sociedad_civil": 0}
    for vote in votes:
        key = ("puntaje_funcionarios" if vote["voter_kind"] == "funcionario"
               else "puntaje_sociedad_civil")
        score[key] += vote["score"]
    score["puntaje_total"] = score["puntaje_funcionarios"] + score["puntaje_sociedad_civil"]
    return score


def candidates(rows: list[dict[str, Any]] | None = None, with_votes: bool = False,
               today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every candidate (or those of ``rows``) as public dicts, newest first."""
    table = model.candidate_table
    if rows is None:
        rows = model.select(sa.select(table).order_by(table.c.created.desc(), table.c.id))
    ids = [row["id"] for row in rows]
    votes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for vote in model.votes(ids) if ids else []:
        votes[vote["candidate_id"]].append(vote)
    packages = _public_packages({row["package_id"] for row in rows if row["package_id"]})
    linked = {row["package_id"] for row in rows if row["package_id"]}
    every_package = ({p.id: p for p in ckan_model.Session.query(ckan_model.Package).filter(
        ckan_model.Package.id.in_(linked))} if linked else {})
    organizations = _organizations({row["organization_id"] for row in rows
                                    if row["organization_id"]})
    process_ids = {row["process_id"] for row in rows if row["process_id"]}
    processes = ({p["id"]: p for p in model.select(sa.select(model.process_table).where(
        model.process_table.c.id.in_(process_ids)))} if process_ids else {})
    request_ids = {row["data_request_id"] for row in rows if row["data_request_id"]}
    requests = _data_requests(request_ids)
    site_url = tk.config.get("ckan.site_url").rstrip("/")
    result = []
    for row in rows:
        package = packages.get(row["package_id"])
        published = package is not None
        organization = organizations.get(row["organization_id"])
        process = processes.get(row["process_id"])
        candidate = {
            "id": row["id"], "title": row["title"], "description": row["description"],
            "origin": row["origin"],
            "organization": ({"id": organization.id, "name": organization.name,
                              "title": organization.title} if organization else None),
            "process": ({"id": process["id"], "name": process["name"]} if process else None),
            "data_request": requests.get(row["data_request_id"]),
            "outcome": row["outcome"], "legal_basis": list(row["legal_basis"] or []),
            "legal_notes": row["legal_notes"],
            "analysed_at": _iso(row["analysed_at"]),
            "prioritised_at": _iso(row["prioritised_at"]),
            "target_date": row["target_date"].isoformat() if row["target_date"] else None,
            # A private dataset is linked but not shown: its name may not be public yet.
            "dataset": ({"id": package.id, "name": package.name, "title": package.title,
                         "url": f"{site_url}/dataset/{package.name}"} if package else None),
            "dataset_linked": row["package_id"] is not None
            and row["package_id"] in every_package,
            "published": published,
            "phase": fases.phase(row, published),
            "late": fases.is_late(row, published, today),
            "sample": row["sample"],
            "created": _iso(row["created"]), "modified": _iso(row["modified"]),
            **_scores(votes.get(row["id"], [])),
        }
        if with_votes:
            candidate["votes"] = [
                {"workshop": v["workshop"], "held_on": v["held_on"].isoformat(),
                 "voter_kind": v["voter_kind"], "voter": v["voter"], "score": v["score"]}
                for v in votes.get(row["id"], [])]
        result.append(candidate)
    return result


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _data_requests(ids: set[str]) -> dict[str, dict[str, Any]]:
    """Title and address of the citizens' requests (grll_catalog's table, when there)."""
    if not ids:
        return {}
    try:
        from ckanext.grll.catalog.model import data_request_table
    except ImportError:
        return {}
    rows = model.select(sa.select(data_request_table.c.id, data_request_table.c.title,
                                  data_request_table.c.status).where(
        data_request_table.c.id.in_(ids)))
    return {row["id"]: {"id": row["id"], "title": row["title"], "status": row["status"],
                        "url": f"/solicitudes/{row['id']}"} for row in rows}


def one(candidate_id: str, with_votes: bool = True) -> dict[str, Any] | None:
    row = model.get(model.candidate_table, candidate_id)
    return candidates([row], with_votes=with_votes)[0] if row else None


def matches(candidate: dict[str, Any], filters: dict[str, str]) -> bool:
    organization = candidate["organization"]["name"] if candidate["organization"] else ""
    return ((not filters.get("organization") or filters["organization"] == organization)
            and (not filters.get("phase") or filters["phase"] == candidate["phase"])
            and (not filters.get("outcome") or filters["outcome"] == candidate["outcome"])
            and (not filters.get("origin") or filters["origin"] == candidate["origin"])
            and (not filters.get("late") or candidate["late"]))


def progress(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per Gerencia (and "Sin asignar" for requests nobody took yet): how many were
    identified, analysed, prioritised and published, and how many are late. A
    candidate counts in every phase it has reached."""
    reached = {"identificado": 0, "analizado": 1, "priorizado": 2, "publicado": 3}
    rows: dict[str, dict[str, Any]] = {}
    for item in items:
        organization = item["organization"] or {"id": None, "name": "",
                                                 "title": tk._("Sin asignar")}
        row = rows.setdefault(organization["name"], {
            "organization": organization, **{key: 0 for key in PROGRESS_KEYS}})
        level = reached[item["phase"]]
        for index, key in enumerate(PROGRESS_KEYS[:4]):
            row[key] += level >= index
        row["con_retraso"] += item["late"]
    return sorted(rows.values(), key=lambda r: (not r["organization"]["name"],
                                                r["organization"]["title"]))


def totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {key: sum(row[key] for row in rows) for key in PROGRESS_KEYS}


def last_change() -> dt.datetime | None:
    """When the inventory last changed (a candidate or a vote): the pages' data age."""
    return ckan_model.Session.execute(sa.select(sa.func.greatest(
        sa.select(sa.func.max(model.candidate_table.c.modified)).scalar_subquery(),
        sa.select(sa.func.max(model.vote_table.c.created)).scalar_subquery()))).scalar()
