"""Pages of the action plan: ``/gobierno-abierto`` (the plan), a page per commitment
and ``/gobierno-abierto/comite``, with the steward and citizen forms.

Server-rendered views over the ``grll_ogp_*`` actions, without scripts. A form sent
with mistakes is drawn again with what was typed, each error beside its field and
listed at the top with a link to it (HTTP 400); a saved form goes back to the page.
"""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from flask import Blueprint, request

from ckanext.grll.ogp import config, formularios
from ckanext.grll.ogp.model import Hito, Sesion

gobierno_abierto = Blueprint("grll_ogp", __name__, url_prefix="/gobierno-abierto")


def _context() -> dict[str, Any]:
    return {"model": model, "session": model.Session, "user": tk.current_user.name
            if tk.current_user.is_authenticated else ""}


def _allowed(action: str, data_dict: dict[str, Any]) -> bool:
    try:
        tk.check_access(action, _context(), data_dict)
    except tk.NotAuthorized:
        return False
    return True


def _submit(formulario: formularios.Formulario, extra: dict[str, Any]
            ) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Call the form's action with what was typed and the files chosen; (typed values,
    errors). A file is not sent back: after a mistake the form asks for it again."""
    typed = formularios.values(formulario, request.form)
    chosen = formularios.files(formulario, request.files)
    try:
        tk.get_action(formulario.action)(_context(), {**typed, **chosen, **extra})
    except tk.ValidationError as error:
        return typed, dict(error.error_dict)
    return typed, {}


def index() -> Any:
    result = tk.get_action("grll_ogp_plan_show")(_context(), {})
    return tk.render("grll/ogp/index.html", extra_vars={
        "plan": result, "dataset": config.dataset(),
        "puede_crear": _allowed("grll_ogp_commitment_create", {})})


def _commitment_choices(commitment: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    hitos = [(h["id"], f"{h['orden']}. {h['descripcion'][:80]}") for h in commitment["hitos"]]
    autoevaluaciones = [(e["id"], e["trimestre"]) for e in commitment["evaluaciones"]
                        if e["tipo"] == "autoevaluacion"]
    return {"id": hitos, "hito_id": hitos, "autoevaluaciones": autoevaluaciones}


def _commitment_forms(numero: int, commitment: dict[str, Any]
                      ) -> list[formularios.Formulario]:
    """The forms the visitor may use on this commitment's page."""
    first_hito = commitment["hitos"][0]["id"] if commitment["hitos"] else ""
    checks = {"hito": {"id": first_hito}, "nuevo-hito": {"numero": numero},
              "evidencia": {"hito_id": first_hito}, "evaluacion": {"numero": numero},
              "comentario-comite": {}, "comentario": {}}
    shown = []
    for name, formulario in formularios.por_compromiso().items():
        if name in ("hito", "evidencia") and not first_hito:
            continue
        if name == "comentario-comite" and not _commitment_choices(commitment)[
                "autoevaluaciones"]:
            continue
        if _allowed(formulario.action, checks[name]):
            shown.append(formulario)
    return shown


def commitment(numero: int, formulario: str | None = None) -> Any:
    """A commitment's page; POST to ``.../<formulario>`` sends one of its forms."""
    context, status = _context(), 200
    sent: dict[str, Any] = {"name": None, "data": {}, "errors": {}}
    if request.method == "POST":
        chosen = formularios.por_compromiso().get(formulario or "")
        if chosen is None:
            return tk.abort(404)
        extra = {"numero": numero} if chosen.name in (
            "nuevo-hito", "evaluacion", "comentario") else {}
        try:
            typed, errors = _submit(chosen, extra)
        except tk.NotAuthorized:
            return tk.abort(403, tk._("No tiene permiso para esta acción"))
        except tk.ObjectNotFound:
            return tk.abort(404)
        if not errors:
            return tk.redirect_to("grll_ogp.commitment", numero=numero,
                                  guardado=chosen.name, _anchor=f"form-{chosen.name}")
        sent, status = {"name": chosen.name, "data": typed, "errors": errors}, 400
    try:
        result = tk.get_action("grll_ogp_commitment_show")(context, {"numero": numero})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("No existe ese compromiso"))
    comments = tk.get_action("grll_ogp_comment_list")(context, {"numero": numero})
    choices = _commitment_choices(result)
    choices["comentario-comite.id"] = choices.pop("autoevaluaciones")
    return tk.render("grll/ogp/commitment.html", extra_vars={
        "c": result, "comments": comments["results"], "dataset": config.dataset(),
        "forms": _commitment_forms(numero, result), "choices": choices, "sent": sent,
        "saved": request.args.get("guardado"),
        "puede_editar": _allowed("grll_ogp_commitment_update", {"numero": numero})}), status


def commitment_edit(numero: int | None = None) -> Any:
    """The secretariat's form for a commitment's template fields (new or existing)."""
    formulario = formularios.compromiso_editar() if numero else formularios.compromiso()
    if not _allowed(formulario.action, {"numero": numero} if numero else {}):
        return tk.abort(403, tk._("Solo la secretaría de Gobierno Abierto"))
    data, errors, status = {}, {}, 200
    if numero and request.method == "GET":
        try:
            current = tk.get_action("grll_ogp_commitment_show")(_context(), {"numero": numero})
        except tk.ObjectNotFound:
            return tk.abort(404)
        data = {c.name: current.get(c.name) for c in formulario.campos}
        data["organizacion"] = current["organizacion"]["name"]
        data = {k: "" if v is None else v for k, v in data.items()}
    if request.method == "POST":
        data, errors = _submit(formulario, {"numero": numero} if numero else {})
        if not errors:
            saved = numero or data.get("numero")
            return tk.redirect_to("grll_ogp.commitment", numero=saved)
        status = 400
    return tk.render("grll/ogp/commitment_form.html", extra_vars={
        "formulario": formulario, "data": data, "errors": errors, "numero": numero}), status


def committee(formulario: str | None = None) -> Any:
    """The committee's page; the secretariat adds members, sessions and agreements."""
    sent: dict[str, Any] = {"name": None, "data": {}, "errors": {}}
    status = 200
    if request.method == "POST":
        chosen = formularios.del_comite().get(formulario or "")
        if chosen is None:
            return tk.abort(404)
        try:
            typed, errors = _submit(chosen, {})
        except tk.NotAuthorized:
            return tk.abort(403, tk._("Solo la secretaría de Gobierno Abierto"))
        if not errors:
            return tk.redirect_to("grll_ogp.committee", guardado=chosen.name)
        sent, status = {"name": chosen.name, "data": typed, "errors": errors}, 400
    result = tk.get_action("grll_ogp_committee_show")(_context(), {})
    forms = (list(formularios.del_comite().values())
             if _allowed("grll_ogp_member_create", {}) else [])
    hitos = [(h.id, f"{h.orden}. {h.descripcion[:80]}")
             for h in model.Session.query(Hito).order_by(Hito.compromiso_id, Hito.orden)]
    choices = {"hito_id": hitos, "sesion_id": [
        (s.id, s.fecha.isoformat()) for s in
        model.Session.query(Sesion).order_by(Sesion.fecha.desc())]}
    return tk.render("grll/ogp/committee.html", extra_vars={
        "committee": result, "forms": forms, "choices": choices, "sent": sent,
        "saved": request.args.get("guardado"), "dataset": config.dataset()}), status


def moderation() -> Any:
    """The secretariat's queue of citizens' comments."""
    if not _allowed("grll_ogp_comment_moderate", {}):
        return tk.abort(403, tk._("Solo la secretaría de Gobierno Abierto"))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            tk.get_action("grll_ogp_comment_moderate")(_context(), {
                "id": request.form.get("id", ""), "estado": request.form.get("estado", "")})
            return tk.redirect_to("grll_ogp.moderation")
        except tk.ValidationError as error:
            errors = dict(error.error_dict)
    pending = tk.get_action("grll_ogp_comment_list")(_context(), {"estado": "pendiente"})
    return tk.render("grll/ogp/moderation.html", extra_vars={
        "comments": pending["results"], "errors": errors}), 400 if errors else 200


def follow(numero: int) -> Any:
    try:
        tk.get_action("grll_ogp_commitment_follow")(_context(), {
            "numero": numero, "seguir": request.form.get("seguir", "true")})
    except tk.NotAuthorized:
        return tk.redirect_to("user.login", came_from=request.path)
    except tk.ObjectNotFound:
        return tk.abort(404)
    return tk.redirect_to("grll_ogp.commitment", numero=numero, guardado="seguir")


gobierno_abierto.add_url_rule("/", view_func=index, strict_slashes=False)
gobierno_abierto.add_url_rule("/compromiso/<int:numero>", view_func=commitment)
gobierno_abierto.add_url_rule("/compromiso/<int:numero>/<formulario>", view_func=commitment,
                              methods=["POST"], endpoint="commitment_form")
gobierno_abierto.add_url_rule("/compromiso/<int:numero>/editar", view_func=commitment_edit,
                              methods=["GET", "POST"], endpoint="commitment_edit")
gobierno_abierto.add_url_rule("/compromiso/<int:numero>/seguir", view_func=follow,
                              methods=["POST"])
gobierno_abierto.add_url_rule("/nuevo", view_func=commitment_edit, methods=["GET", "POST"],
                              endpoint="commitment_new")
gobierno_abierto.add_url_rule("/comite", view_func=committee)
gobierno_abierto.add_url_rule("/comite/<formulario>", view_func=committee, methods=["POST"],
                              endpoint="committee_form")
gobierno_abierto.add_url_rule("/moderacion", view_func=moderation, methods=["GET", "POST"])


def get_blueprints() -> list[Blueprint]:
    return [gobierno_abierto]
