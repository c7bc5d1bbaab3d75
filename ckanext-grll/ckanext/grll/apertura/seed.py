"""The demonstration inventory (``datasets/apertura/inventario.yaml``), labelled
"Muestra demostrativa": candidates of the Gerencias of Transportes, Agricultura,
Salud and Educación in every phase and outcome, dated relative to the day it is
loaded so that some are late. ``ckan grll seed`` calls :func:`load`; loading again
adds only what is missing. Open data requests enter the inventory too.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ckan.model as ckan_model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
import yaml

from ckanext.grll import datastore_tables
from ckanext.grll.apertura import model, publicacion, solicitudes
from ckanext.grll.apertura.logic import schema
from ckanext.grll.reference import DATASETS_DIR
from ckanext.grll.validators import validated

SEED_FILE = DATASETS_DIR / "apertura" / "inventario.yaml"


def _organization(entry: dict[str, Any]) -> None:
    context = datastore_tables.site_context()
    if ckan_model.Group.get(entry["name"]) is None:
        tk.get_action("organization_create")(dict(context), dict(entry))


def _candidate_exists(organization_id: str, title: str) -> bool:
    table = model.candidate_table
    return bool(model.select(sa.select(table.c.id).where(
        table.c.organization_id == organization_id, table.c.title == title)))


def _moment(today: dt.date, days_ago: int) -> dt.datetime:
    return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(15, 0))


def _add(entry: dict[str, Any], workshop: dict[str, Any], today: dt.date) -> bool:
    group = ckan_model.Group.get(entry["gerencia"])
    if group is None or _candidate_exists(group.id, entry["titulo"]):
        return False
    created = _moment(today, entry["hace_dias"])
    analysis: dict[str, Any] = {}
    if entry.get("resultado"):
        # The seed obeys the rules the secretariat's form does (a legal basis to withhold).
        checked = validated(schema.candidate_analyse, {
            "id": "seed", "outcome": entry["resultado"],
            "legal_basis": entry.get("base_legal", []),
            "legal_notes": entry.get("fundamento", "")}, {})
        analysis = {"outcome": checked["outcome"], "legal_basis": checked["legal_basis"],
                    "legal_notes": checked.get("legal_notes", ""),
                    "analysed_at": created + dt.timedelta(days=10)}
    held_on = today - dt.timedelta(days=workshop["hace_dias"])
    prioritised = "meta_en_dias" in entry
    package = ckan_model.Package.get(entry["conjunto"]) if entry.get("conjunto") else None
    candidate_id = model.new_id()
    process_id = _process(group.id, entry["proceso"], created)
    model.insert(model.candidate_table, {
        "id": candidate_id, "organization_id": group.id, "process_id": process_id,
        "title": entry["titulo"], "description": entry.get("descripcion", ""),
        "origin": "gerencia", "legal_basis": [], "legal_notes": "", "sample": True,
        **analysis,
        "prioritised_at": (dt.datetime.combine(held_on, dt.time(18, 0))
                           if prioritised else None),
        "target_date": (today + dt.timedelta(days=entry["meta_en_dias"])
                        if prioritised else None),
        "package_id": package.id if package is not None else None,
        "created": created, "modified": max(created, analysis.get("analysed_at", created))})
    scores = entry.get("puntajes") or []
    voters = workshop["votantes"][:len(scores)]
    for (kind, voter), score in zip(voters, scores, strict=True):
        model.insert(model.vote_table, {
            "id": model.new_id(), "candidate_id": candidate_id, "workshop": workshop["nombre"],
            "held_on": held_on, "voter_kind": kind, "voter": voter, "score": score,
            "created": dt.datetime.combine(held_on, dt.time(17, 0))})
    return True


def _process(organization_id: str, name: str, created: dt.datetime) -> str:
    process = model.process_by_name(organization_id, name)
    if process:
        return process["id"]
    process_id = model.new_id()
    model.insert(model.process_table, {
        "id": process_id, "organization_id": organization_id, "name": name,
        "description": "", "sample": True, "created": created, "modified": created})
    return process_id


def load(path: Path = SEED_FILE, today: dt.date | None = None) -> dict[str, int]:
    """Load the demonstration inventory; how many candidates and requests were added."""
    today = today or dt.date.today()
    seed = yaml.safe_load(path.read_text(encoding="utf-8"))
    # The Gerencias of the portal's organizations.yaml, then the inventory's own ones.
    known = yaml.safe_load((DATASETS_DIR / "organizations.yaml").read_text(encoding="utf-8"))
    needed = {entry["gerencia"] for entry in seed["candidatos"]}
    for entry in [e for e in known if e["name"] in needed] + seed["organizaciones"]:
        _organization(entry)
    added = sum(_add(entry, seed["taller"], today) for entry in seed["candidatos"])
    ckan_model.repo.commit()
    requests = solicitudes.import_open_requests()
    publicacion.refresh(today)
    return {"candidatos": added, "solicitudes": requests}
