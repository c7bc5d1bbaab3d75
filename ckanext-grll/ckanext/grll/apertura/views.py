"""Pages of the data-opening inventory: /apertura (progress per Gerencia and the
candidates, with filters), /apertura/candidato/<id> (one candidate and the forms of
whoever may act on it) and /apertura/nuevo (a Gerencia adds a candidate).

Server-rendered over the ``grll_apertura_*`` actions, without scripts: a form that
fails is shown again with its input and the errors listed and linked to the fields.
"""
from __future__ import annotations

from typing import Any

import ckan.model as ckan_model
import ckan.plugins.toolkit as tk
from flask import Blueprint, request

from ckanext.grll.apertura import fases, model
from ckanext.grll.apertura.logic import auth

apertura = Blueprint("grll_apertura", __name__)

FILTERS = ("organization", "phase", "outcome", "origin")

#: The forms of a candidate's page: the action each posts to and its fields.
FORMS = {
    "analisis": ("grll_apertura_candidate_analyse", ("outcome", "legal_basis", "legal_notes")),
    "voto": ("grll_apertura_vote_create", ("workshop", "held_on", "voter_kind", "voter",
                                           "score")),
    "priorizar": ("grll_apertura_candidate_prioritise", ("target_date",)),
    "editar": ("grll_apertura_candidate_update", ("organization", "process", "title",
                                                  "description", "dataset")),
}
NEW_FIELDS = ("organization", "process", "title", "description")


def _context() -> dict[str, Any]:
    return {"model": ckan_model, "session": ckan_model.Session,
            "user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _errors(error: tk.ValidationError) -> dict[str, list[str]]:
    return {field: messages if isinstance(messages, list) else [str(messages)]
            for field, messages in error.error_dict.items()}


def _vocabularies() -> dict[str, Any]:
    return {"outcome_labels": fases.outcome_labels(), "phase_labels": fases.phase_labels(),
            "origin_labels": fases.origin_labels(),
            "voter_kind_labels": fases.voter_kind_labels(),
            "legal_basis_labels": fases.legal_basis_labels()}


def index() -> Any:
    filters = {key: request.args.get(key, "").strip() for key in FILTERS}
    filters["late"] = request.args.get("late", "")
    errors, status = {}, 200
    try:
        listing = tk.get_action("grll_apertura_candidate_list")(
            _context(), {**{k: v for k, v in filters.items() if v}, "limit": 1000})
    except tk.ValidationError as error:
        errors, status = _errors(error), 400
        listing = tk.get_action("grll_apertura_candidate_list")(_context(), {"limit": 1000})
    progress = tk.get_action("grll_apertura_progress_show")(_context(), {})
    return tk.render("grll/apertura/index.html", extra_vars={
        "filters": filters, "listing": listing, "progress": progress, "errors": errors,
        "organizations": [row["organization"] for row in progress["gerencias"]
                          if row["organization"]["name"]],
        "may_add": bool(_editable_organizations()), **_vocabularies()}), status


def _editable_organizations() -> list[dict[str, str]]:
    """The organizations whose candidates the user edits (for the new-candidate form)."""
    user = _context()["user"]
    if not user:
        return []
    organizations = tk.get_action("organization_list_for_user")(
        {"user": user, "ignore_auth": True}, {"id": user, "permission": "create_dataset"})
    return [{"name": o["name"], "title": o["title"]} for o in organizations]


def new() -> Any:
    organizations = _editable_organizations()
    if not organizations:
        if not tk.current_user.is_authenticated:
            return tk.redirect_to("user.login", came_from=tk.url_for("grll_apertura.new"))
        return tk.abort(403, tk._("Solo los editores y administradores de una Gerencia"))
    data = {key: request.values.get(key, "") for key in NEW_FIELDS}
    errors, status = {}, 200
    if request.method == "POST":
        try:
            created = tk.get_action("grll_apertura_candidate_create")(_context(), data)
            return tk.redirect_to("grll_apertura.read", candidate_id=created["id"])
        except tk.ValidationError as error:
            errors, status = _errors(error), 400
        except tk.NotAuthorized as error:
            errors, status = {"organization": [str(error) or tk._("No autorizado")]}, 403
    processes = tk.get_action("grll_apertura_process_list")(_context(), {})
    return tk.render("grll/apertura/nuevo.html", extra_vars={
        "data": data, "errors": errors, "organizations": organizations,
        "processes": processes}), status


def read(candidate_id: str, form: str | None = None) -> Any:
    context = _context()
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    status, saved = 200, request.args.get("guardado", "")
    if request.method == "POST" and form in FORMS:
        action, fields = FORMS[form]
        data = {key: (request.form.getlist(key) if key == "legal_basis"
                      else request.form.get(key, "")) for key in fields
                if key in request.form or key == "legal_basis"}
        try:
            tk.get_action(action)(context, {"id": candidate_id, **data})
            return tk.redirect_to("grll_apertura.read", candidate_id=candidate_id,
                                  guardado=form, _anchor=f"formulario-{form}")
        except tk.ValidationError as error:
            errors, status = _errors(error), 400
        except tk.NotAuthorized as error:
            errors, status = {"id": [str(error) or tk._("No autorizado")]}, 403
        except tk.ObjectNotFound:
            return tk.abort(404, tk._("Candidato no encontrado"))
    try:
        candidate = tk.get_action("grll_apertura_candidate_show")(context, {"id": candidate_id})
    except (tk.ObjectNotFound, tk.ValidationError):
        return tk.abort(404, tk._("Candidato no encontrado"))
    user = context["user"]
    secretariat = auth.is_secretariat(user)
    organization = candidate["organization"]["id"] if candidate["organization"] else None
    gerencia = auth.edits_organization(user, organization)
    linked = None
    if (secretariat or gerencia) and candidate["dataset_linked"]:
        # A linked dataset that is still private: its stewards see (and keep) its name.
        linked = model.get(model.candidate_table, candidate_id)["package_id"]
        linked = getattr(ckan_model.Package.get(linked), "name", None)
    return tk.render("grll/apertura/candidato.html", extra_vars={
        "candidate": candidate, "errors": errors, "form": form, "data": data,
        "saved": saved, "secretariat": secretariat, "gerencia": gerencia,
        "linked_dataset": linked,
        "all_organizations": _all_organizations() if secretariat else [],
        **_vocabularies()}), status


def _all_organizations() -> list[dict[str, str]]:
    return [{"name": o["name"], "title": o["title"]} for o in tk.get_action(
        "organization_list")({}, {"all_fields": True, "limit": 1000})]


def post(candidate_id: str, form: str) -> Any:
    if form not in FORMS:
        return tk.abort(404, tk._("Formulario desconocido"))
    return read(candidate_id, form)


apertura.add_url_rule("/apertura", view_func=index, endpoint="index")
apertura.add_url_rule("/apertura/nuevo", view_func=new, endpoint="new",
                      methods=["GET", "POST"])
apertura.add_url_rule("/apertura/candidato/<candidate_id>", view_func=read, endpoint="read")
apertura.add_url_rule("/apertura/candidato/<candidate_id>/<form>", view_func=post,
                      endpoint="post", methods=["POST"])
