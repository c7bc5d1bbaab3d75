"""JSON API of the data-opening inventory: the ``grll_apertura_*`` actions (input
schemas in ``schema``, auth functions in ``auth``).

Every write commits, then republishes the inventory's DataStore table
(``publicacion.refresh``); each change is also an activity of the candidate's
organization (``actividad``).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.model as ckan_model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll.apertura import actividad, fases, inventario, model, publicacion
from ckanext.grll.apertura.logic import schema
from ckanext.grll.validators import validated


def _user_id(context: Context) -> str | None:
    user = ckan_model.User.get(context.get("user") or "")
    return user.id if user else None


def _candidate(candidate_id: str) -> dict[str, Any]:
    row = model.get(model.candidate_table, candidate_id)
    if row is None:
        raise tk.ObjectNotFound(_("Candidato no encontrado"))
    return row


def _process_id(organization_id: str, name: str, sample: bool = False) -> str:
    """The Gerencia's process of that name (any case), created when new."""
    process = model.process_by_name(organization_id, name)
    if process:
        return process["id"]
    process_id, now = model.new_id(), model.now()
    model.insert(model.process_table, {
        "id": process_id, "organization_id": organization_id, "name": name,
        "description": "", "sample": sample, "created": now, "modified": now})
    return process_id


def _saved(context: Context, candidate_id: str, change: str) -> dict[str, Any]:
    """Record the activity, commit, republish; the candidate as the public sees it."""
    actividad.record(context.get("user"), _candidate(candidate_id), change)
    ckan_model.repo.commit()
    publicacion.refresh()
    return inventario.one(candidate_id)


# --- phase 1: processes and candidates -------------------------------------------------

def grll_apertura_process_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """List a process of a Gerencia (phase 1).

    :param organization: the Gerencia (organization name or id)
    :param name: the process, e.g. "Registro de licencias de conducir"
    :param description: what it does (optional)
    :returns: the process: ``id``, ``organization``, ``name``, ``description``
    """
    tk.check_access("grll_apertura_process_create", context, data_dict)
    data_dict = validated(schema.process_create, data_dict, context)
    if model.process_by_name(data_dict["organization"], data_dict["name"]):
        raise tk.ValidationError({"name": [_("La Gerencia ya tiene un proceso con ese nombre")]})
    process_id, now = model.new_id(), model.now()
    model.insert(model.process_table, {
        "id": process_id, "organization_id": data_dict["organization"],
        "name": data_dict["name"], "description": data_dict.get("description", ""),
        "created": now, "modified": now})
    ckan_model.repo.commit()
    return _process_dict(model.get(model.process_table, process_id))


def _process_dict(row: dict[str, Any]) -> dict[str, Any]:
    group = ckan_model.Group.get(row["organization_id"])
    return {"id": row["id"], "name": row["name"], "description": row["description"],
            "organization": group.name if group else None}


@tk.side_effect_free
def grll_apertura_process_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The processes of every Gerencia (or of ``organization``).

    :param organization: an organization name (optional)
    :returns: a list of processes, by Gerencia and name
    """
    tk.check_access("grll_apertura_process_list", context, data_dict)
    table = model.process_table
    query = sa.select(table).order_by(table.c.organization_id, table.c.name)
    if data_dict.get("organization"):
        group = ckan_model.Group.get(str(data_dict["organization"]))
        query = query.where(table.c.organization_id == (group.id if group else ""))
    return [_process_dict(row) for row in model.select(query)]


def grll_apertura_candidate_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Add information a Gerencia's process produces to the inventory (phase 1).

    :param organization: the Gerencia (organization name or id)
    :param process: the process that produces it (created if the Gerencia has none
        of that name)
    :param title: the information, e.g. "Licencias de conducir emitidas por mes"
    :param description: what it holds (optional)
    :returns: the candidate (see ``grll_apertura_candidate_show``)
    """
    tk.check_access("grll_apertura_candidate_create", context, data_dict)
    data_dict = validated(schema.candidate_create, data_dict, context)
    sample = bool(data_dict.get("sample"))
    candidate_id, now = model.new_id(), model.now()
    model.insert(model.candidate_table, {
        "id": candidate_id, "organization_id": data_dict["organization"],
        "process_id": _process_id(data_dict["organization"], data_dict["process"], sample),
        "title": data_dict["title"], "description": data_dict.get("description", ""),
        "origin": "gerencia", "legal_basis": [], "legal_notes": "", "sample": sample,
        "created": now, "modified": now})
    return _saved(context, candidate_id, "identificado")


def grll_apertura_candidate_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Correct a candidate, place a citizen's request with a Gerencia, or link the
    dataset that publishes a prioritised candidate.

    :param id: the candidate
    :param title, description, process: new values (optional)
    :param organization: its Gerencia (secretariat only, when it changes)
    :param dataset: name of the dataset that publishes it ("" unlinks); only for a
        prioritised candidate. It counts as published once that dataset is public.
    :returns: the candidate
    """
    tk.check_access("grll_apertura_candidate_update", context, data_dict)
    data_dict = validated(schema.candidate_update, data_dict, context)
    row = _candidate(data_dict["id"])
    values: dict[str, Any] = {key: data_dict[key] for key in ("title", "description")
                              if key in data_dict}
    organization_id = data_dict.get("organization") or row["organization_id"]
    if "organization" in data_dict:
        values["organization_id"] = organization_id
    if data_dict.get("process"):
        if not organization_id:
            raise tk.ValidationError({"organization": [_("Indique la Gerencia")]})
        values["process_id"] = _process_id(organization_id, data_dict["process"])
    elif "organization" in data_dict and organization_id != row["organization_id"]:
        values["process_id"] = None
    if "dataset" in data_dict:
        values["package_id"] = _linked_package(row, data_dict["dataset"])
    values["modified"] = model.now()
    model.update(model.candidate_table, row["id"], values)
    change = "vinculado" if values.get("package_id") else "corregido"
    return _saved(context, row["id"], change)


def _linked_package(row: dict[str, Any], name: str) -> str | None:
    if not name:
        return None
    if not row["prioritised_at"]:
        raise tk.ValidationError({"dataset": [_(
            "Solo un candidato priorizado se vincula a un conjunto de datos")]})
    package = ckan_model.Package.get(name)
    if package is None or package.state != "active":
        raise tk.ValidationError({"dataset": [_(
            "No existe el conjunto de datos «{nombre}»").format(nombre=name)]})
    return package.id


# --- phase 2: the legal analysis ---------------------------------------------------------

def grll_apertura_candidate_analyse(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record the legal analysis of a candidate (phase 2; the secretariat).

    :param id: the candidate
    :param outcome: ``publicable``, ``publicable_anonimizacion`` or ``reservada``
    :param legal_basis: the exceptions cited (list of codes, see
        ``grll_apertura_progress_show``'s ``legal_bases``); required unless publicable
    :param legal_notes: the reasoning (optional)
    :returns: the candidate
    """
    tk.check_access("grll_apertura_candidate_analyse", context, data_dict)
    data_dict = validated(schema.candidate_analyse, data_dict, context)
    row = _candidate(data_dict["id"])
    if row["prioritised_at"] and data_dict["outcome"] == "reservada":
        raise tk.ValidationError({"outcome": [_(
            "El candidato ya fue priorizado para publicarse: no puede quedar reservado")]})
    model.update(model.candidate_table, row["id"], {
        "outcome": data_dict["outcome"], "legal_basis": data_dict["legal_basis"],
        "legal_notes": data_dict.get("legal_notes", ""), "analysed_by": _user_id(context),
        "analysed_at": model.now(), "modified": model.now()})
    return _saved(context, row["id"], "analizado")


# --- phase 3: the workshop and the prioritisation ------------------------------------------

def grll_apertura_vote_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record one vote of the prioritisation workshop (phase 3; the secretariat).

    :param id: the candidate (analysed, not reserved)
    :param workshop: the workshop, e.g. "Taller de priorización 2026-II"
    :param held_on: its date, AAAA-MM-DD
    :param voter_kind: ``funcionario`` or ``sociedad_civil``
    :param voter: who votes (name and organization); one vote each per workshop
    :param score: 1 (low priority) to 5 (high)
    :returns: the candidate, with its scores per voter kind and in total
    """
    tk.check_access("grll_apertura_vote_create", context, data_dict)
    data_dict = validated(schema.vote_create, data_dict, context)
    row = _candidate(data_dict["id"])
    if row["outcome"] not in ("publicable", "publicable_anonimizacion"):
        raise tk.ValidationError({"id": [_(
            "Solo se vota un candidato analizado como publicable")]})
    vote = model.vote_table
    if model.select(sa.select(vote.c.id).where(
            vote.c.candidate_id == row["id"], vote.c.workshop == data_dict["workshop"],
            vote.c.voter == data_dict["voter"])):
        raise tk.ValidationError({"voter": [_("Esa persona ya votó este candidato en ese taller")]})
    model.insert(vote, {
        "id": model.new_id(), "candidate_id": row["id"], "workshop": data_dict["workshop"],
        "held_on": dt.date.fromisoformat(data_dict["held_on"]),
        "voter_kind": data_dict["voter_kind"], "voter": data_dict["voter"],
        "score": data_dict["score"], "recorded_by": _user_id(context), "created": model.now()})
    model.update(model.candidate_table, row["id"], {"modified": model.now()})
    return _saved(context, row["id"], "votado")


def grll_apertura_candidate_prioritise(context: Context, data_dict: DataDict
                                       ) -> dict[str, Any]:
    """Prioritise a voted candidate with the date it must be published by (phase 3).

    :param id: the candidate (publicable, with the workshop's votes)
    :param target_date: AAAA-MM-DD; past it and not published, it is *con retraso*
    :returns: the candidate
    """
    tk.check_access("grll_apertura_candidate_prioritise", context, data_dict)
    data_dict = validated(schema.candidate_prioritise, data_dict, context)
    row = _candidate(data_dict["id"])
    errors = {}
    if row["outcome"] not in ("publicable", "publicable_anonimizacion"):
        errors["id"] = [_("Solo se prioriza un candidato analizado como publicable")]
    elif not model.votes([row["id"]]):
        errors["id"] = [_("Registre primero los votos del taller de priorización")]
    if errors:
        raise tk.ValidationError(errors)
    model.update(model.candidate_table, row["id"], {
        "prioritised_at": row["prioritised_at"] or model.now(),
        "target_date": dt.date.fromisoformat(data_dict["target_date"]),
        "modified": model.now()})
    return _saved(context, row["id"], "priorizado")


# --- reads -----------------------------------------------------------------------------------

@tk.side_effect_free
def grll_apertura_candidate_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One candidate, with its votes.

    :param id: the candidate
    :returns: ``title``, ``organization``, ``process``, ``origin`` (``gerencia`` or
        ``solicitud_ciudadana``, then ``data_request``), ``outcome``, ``legal_basis``,
        ``legal_notes``, ``votes`` and the scores ``puntaje_funcionarios``,
        ``puntaje_sociedad_civil``, ``puntaje_total``, ``target_date``, ``dataset``
        (when public), and the computed ``phase``, ``published`` and ``late``
    """
    tk.check_access("grll_apertura_candidate_show", context, data_dict)
    data_dict = validated(schema.candidate_show, data_dict, context)
    candidate = inventario.one(data_dict["id"])
    if candidate is None:
        raise tk.ObjectNotFound(_("Candidato no encontrado"))
    return candidate


@tk.side_effect_free
def grll_apertura_candidate_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The inventory, newest first, optionally filtered.

    :param organization: a Gerencia's organization name
    :param phase: ``identificado``, ``analizado``, ``priorizado`` or ``publicado``
    :param outcome: ``publicable``, ``publicable_anonimizacion`` or ``reservada``
    :param origin: ``gerencia`` or ``solicitud_ciudadana``
    :param late: true for the late ones only
    :param limit: at most this many (default 100, at most 1000); ``offset``
    :returns: ``count`` and ``results`` (candidates as in ``grll_apertura_candidate_show``,
        without the votes)
    """
    tk.check_access("grll_apertura_candidate_list", context, data_dict)
    data_dict = validated(schema.candidate_list, data_dict, context)
    found = [c for c in inventario.candidates() if inventario.matches(c, data_dict)]
    start = data_dict["offset"]
    return {"count": len(found), "results": found[start:start + data_dict["limit"]]}


@tk.side_effect_free
def grll_apertura_progress_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The public progress: per Gerencia, how many candidates were identified,
    analysed, prioritised and published, and how many are late.

    :returns: ``gerencias`` (one row per Gerencia: ``organization`` and the counts
        ``identificados``, ``analizados``, ``priorizados``, ``publicados``,
        ``con_retraso``), ``total``, ``updated`` (when the inventory last changed) and
        the vocabularies ``outcomes``, ``legal_bases``, ``phases``
    """
    tk.check_access("grll_apertura_progress_show", context, data_dict)
    rows = inventario.progress(inventario.candidates())
    updated = inventario.last_change()
    return {"gerencias": rows, "total": inventario.totals(rows),
            "updated": updated.isoformat(timespec="seconds") if updated else None,
            "outcomes": fases.outcome_labels(), "legal_bases": fases.legal_basis_labels(),
            "phases": fases.phase_labels()}


def get_actions() -> dict[str, Any]:
    return {name: function for name, function in globals().items()
            if name.startswith("grll_apertura_")}
