"""Citizens' data requests (grll_catalog's /solicitudes) enter the inventory.

Each new request becomes a phase-1 candidate of origin ``solicitud_ciudadana``, with
the Gerencia the citizen suggested (or none, until the secretariat places it), linked
both ways: the candidate names the request and the request's page shows the
candidate. :func:`import_open_requests` brings in requests made before the inventory
existed (the seed calls it).
"""
from __future__ import annotations

from typing import Any

import ckan.model as ckan_model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa

from ckanext.grll.apertura import actividad, model, publicacion


def add_candidate(request: dict[str, Any], user_name: str | None = None) -> str:
    """The candidate of a request (``grll_catalog``'s row or its public dict), created
    in the session when missing; its id."""
    existing = model.candidate_for_request(request["id"])
    if existing:
        return existing["id"]
    organization = request.get("organization_id") or (request.get("organization") or {}).get("id")
    candidate_id, now = model.new_id(), model.now()
    model.insert(model.candidate_table, {
        "id": candidate_id, "organization_id": organization, "process_id": None,
        "title": request["title"], "description": request["description"],
        "origin": "solicitud_ciudadana", "data_request_id": request["id"],
        "legal_basis": [], "legal_notes": "", "sample": False,
        "created": now, "modified": now})
    actividad.record(user_name, model.get(model.candidate_table, candidate_id), "solicitado")
    return candidate_id


@tk.chained_action
def grll_catalog_data_request_create(original: Any, context: Any,
                                     data_dict: dict[str, Any]) -> dict[str, Any]:
    """grll_catalog's action, then the request's candidate in the inventory."""
    request = original(context, data_dict)
    add_candidate(request, context.get("user"))
    ckan_model.repo.commit()
    publicacion.refresh()
    return request


def import_open_requests() -> int:
    """A candidate for every open request that has none yet; how many were added."""
    if not p.plugin_loaded("grll_catalog"):
        return 0
    from ckanext.grll.catalog.model import data_request_table

    linked = sa.select(model.candidate_table.c.data_request_id).where(
        model.candidate_table.c.data_request_id.isnot(None))
    rows = model.select(sa.select(data_request_table).where(
        data_request_table.c.status == "abierta", data_request_table.c.id.not_in(linked)))
    for row in rows:
        user = ckan_model.User.get(row["user_id"])
        add_candidate(row, user.name if user else None)
    ckan_model.repo.commit()
    return len(rows)


def candidate_of(request_id: str) -> dict[str, Any] | None:
    """What the request's page shows: the candidate, its phase and address."""
    from ckanext.grll.apertura import inventario

    row = model.candidate_for_request(request_id) if isinstance(request_id, str) else None
    return inventario.candidates([row])[0] if row else None
