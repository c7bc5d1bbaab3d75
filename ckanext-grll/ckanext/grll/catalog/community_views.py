"""Pages of reuses (/aplicaciones) and data requests (/solicitudes)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, send_file, stream_with_context

from ckanext.grll.catalog import data_requests, model, request_checks, reuses

__all__ = ["grll_community"]

grll_community = Blueprint("grll_community", __name__)
PAGE_SIZE = 20
REUSE_CSV_COLUMNS = ("id", "title", "type", "url", "authors", "datasets", "created",
                     "description")


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _login_first(endpoint: str, **values: Any) -> Any:
    tk.h.flash_notice(tk._("Inicie sesión para continuar."))
    return tk.redirect_to("user.login", came_from=tk.url_for(endpoint, **values))


def _form() -> dict[str, Any]:
    return {key: value for key, value in tk.request.form.items() if key != "_csrf_token"}


# --- reuses ---------------------------------------------------------------------------

def reuse_index() -> str:
    args = tk.request.args
    page = request_checks.requested_page()
    query = {key: args[key] for key in ("type", "dataset", "organization") if args.get(key)}
    try:
        result = tk.get_action("grll_catalog_reuse_list")(
            _context(), {**query, "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE})
    except tk.ValidationError as error:
        return tk.abort(400, _error_text(error))
    return tk.render("grll/catalog/reuses/index.html", extra_vars={
        "result": result, "query": query, "page": page, "page_size": PAGE_SIZE,
        "type_labels": reuses.type_labels()})


def _reuse_form(action: str, data: dict[str, Any], reuse_id: str | None = None) -> Any:
    """The submit/edit form: on POST run `action`, then show the reuse or the errors."""
    errors: dict[str, list[str]] = {}
    if tk.request.method == "POST":
        data = _form()
        data["datasets"] = " ".join(tk.request.form.getlist("datasets"))
        upload = tk.request.files.get("image_upload")
        try:
            reuse = tk.get_action(action)(
                _context(), {**data, "id": reuse_id, "image_upload": upload})
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            tk.h.flash_success(tk._("Gracias. Su reutilización quedó pendiente de aprobación.")
                               if reuse["state"] == "pendiente"
                               else tk._("Reutilización actualizada."))
            return tk.redirect_to("grll_community.reuse_read", reuse_id=reuse["id"])
    status = 400 if errors else 200
    return tk.render("grll/catalog/reuses/new.html", extra_vars={
        "data": data, "errors": errors, "type_labels": reuses.type_labels(),
        "reuse_id": reuse_id}), status


def reuse_new() -> Any:
    if not tk.current_user.is_authenticated:
        return _login_first("grll_community.reuse_new")
    return _reuse_form("grll_catalog_reuse_create",
                       {"datasets": tk.request.args.get("dataset", "")})


def reuse_edit(reuse_id: str) -> Any:
    if not tk.current_user.is_authenticated:
        return _login_first("grll_community.reuse_edit", reuse_id=reuse_id)
    try:
        reuse = tk.get_action("grll_catalog_reuse_show")(_context(), {"id": reuse_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Reutilización no encontrada"))
    if not reuse["can_edit"]:
        return tk.abort(403, tk._("Solo quien registró la reutilización puede modificarla"))
    current = {**reuse, "datasets": ", ".join(d["name"] for d in reuse["datasets"])}
    return _reuse_form("grll_catalog_reuse_update", current, reuse_id)


def reuse_delete(reuse_id: str) -> Any:
    try:
        tk.get_action("grll_catalog_reuse_delete")(_context(), {"id": reuse_id})
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Reutilización no encontrada"))
    tk.h.flash_success(tk._("Reutilización eliminada."))
    return tk.redirect_to("grll_community.reuse_index")


def reuse_read(reuse_id: str) -> str:
    try:
        reuse = tk.get_action("grll_catalog_reuse_show")(_context(), {"id": reuse_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Reutilización no encontrada"))
    return tk.render("grll/catalog/reuses/read.html", extra_vars={
        "reuse": reuse, "type_labels": reuses.type_labels()})


def reuse_review(reuse_id: str) -> Any:
    data = {"id": reuse_id, **_form()}
    try:
        tk.get_action("grll_catalog_reuse_review")(_context(), data)
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Reutilización no encontrada"))
    except tk.ValidationError as error:
        tk.h.flash_error(_error_text(error))
    else:
        tk.h.flash_success(tk._("Reutilización aprobada.") if data.get("decision") == "aprobada"
                           else tk._("Reutilización rechazada."))
    return tk.redirect_to("grll_community.reuse_read", reuse_id=reuse_id)


def reuse_moderation() -> Any:
    if not tk.current_user.is_authenticated:
        return _login_first("grll_community.reuse_moderation")
    result = tk.get_action("grll_catalog_reuse_list")(
        _context(), {"state": "pendiente", "limit": 1000})
    return tk.render("grll/catalog/reuses/moderation.html", extra_vars={
        "result": result, "type_labels": reuses.type_labels()})


def reuse_image(reuse_id: str) -> Any:
    try:
        tk.get_action("grll_catalog_reuse_show")(_context(), {"id": reuse_id})
    except tk.ObjectNotFound:
        return tk.abort(404)
    reuse = model.get(model.reuse_table, reuse_id)
    if not reuse or not reuse["image"]:
        return tk.abort(404)
    return send_file(reuses.image_dir() / reuse["image"], conditional=True)


def reuse_csv() -> Response:
    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=REUSE_CSV_COLUMNS, extrasaction="ignore",
                                lineterminator="\r\n")
        writer.writeheader()
        offset = 0
        while True:
            page = tk.get_action("grll_catalog_reuse_list")(
                {"user": ""}, {"limit": 500, "offset": offset})
            for reuse in page["results"]:
                writer.writerow({**reuse, "datasets": ";".join(
                    d["name"] for d in reuse["datasets"])})
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            offset += 500
            if offset >= page["count"]:
                return

    return Response(stream_with_context(lines()), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="aplicaciones.csv"'})


# --- data requests ----------------------------------------------------------------------

def request_index() -> str:
    args = tk.request.args
    page = request_checks.requested_page()
    query = {key: args[key] for key in ("status", "organization") if args.get(key)}
    try:
        result = tk.get_action("grll_catalog_data_request_list")(
            _context(), {**query, "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE})
    except tk.ValidationError as error:
        return tk.abort(400, _error_text(error))
    return tk.render("grll/catalog/requests/index.html", extra_vars={
        "result": result, "query": query, "page": page, "page_size": PAGE_SIZE,
        "status_labels": data_requests.status_labels()})


def request_new() -> Any:
    if not tk.current_user.is_authenticated:
        return _login_first("grll_community.request_new")
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    if tk.request.method == "POST":
        data = _form()
        try:
            request = tk.get_action("grll_catalog_data_request_create")(_context(), data)
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            tk.h.flash_success(tk._("Solicitud registrada. Le avisaremos cuando se atienda."))
            return tk.redirect_to("grll_community.request_read", request_id=request["id"])
    organizations = tk.get_action("organization_list")({}, {"all_fields": True})
    return tk.render("grll/catalog/requests/new.html", extra_vars={
        "data": data, "errors": errors, "organizations": organizations}), \
        (400 if errors else 200)


def request_read(request_id: str) -> str:
    try:
        request = tk.get_action("grll_catalog_data_request_show")(
            _context(), {"id": request_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Solicitud no encontrada"))
    return tk.render("grll/catalog/requests/read.html", extra_vars={
        "request_dict": request, "status_labels": data_requests.status_labels()})


def request_close(request_id: str) -> Any:
    try:
        tk.get_action("grll_catalog_data_request_close")(
            _context(), {"id": request_id, **_form()})
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Solicitud no encontrada"))
    except tk.ValidationError as error:
        tk.h.flash_error(_error_text(error))
    else:
        tk.h.flash_success(tk._("Solicitud cerrada; se avisó a sus seguidores."))
    return tk.redirect_to("grll_community.request_read", request_id=request_id)


def request_follow(request_id: str) -> Any:
    if not tk.current_user.is_authenticated:
        return _login_first("grll_community.request_read", request_id=request_id)
    action = ("grll_catalog_data_request_unfollow" if tk.request.form.get("unfollow")
              else "grll_catalog_data_request_follow")
    try:
        tk.get_action(action)(_context(), {"id": request_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Solicitud no encontrada"))
    return tk.redirect_to("grll_community.request_read", request_id=request_id)


def _error_text(error: tk.ValidationError) -> str:
    return "; ".join(f"{field}: {' '.join(map(str, messages))}"
                     for field, messages in error.error_dict.items())


grll_community.add_url_rule("/aplicaciones", view_func=reuse_index, endpoint="reuse_index")
grll_community.add_url_rule("/aplicaciones.csv", view_func=reuse_csv, endpoint="reuse_csv")
grll_community.add_url_rule("/aplicaciones/nueva", view_func=reuse_new, endpoint="reuse_new",
                            methods=["GET", "POST"])
grll_community.add_url_rule("/aplicaciones/moderacion", view_func=reuse_moderation,
                            endpoint="reuse_moderation")
grll_community.add_url_rule("/aplicaciones/<reuse_id>", view_func=reuse_read,
                            endpoint="reuse_read")
grll_community.add_url_rule("/aplicaciones/<reuse_id>/imagen", view_func=reuse_image,
                            endpoint="reuse_image")
grll_community.add_url_rule("/aplicaciones/<reuse_id>/editar", view_func=reuse_edit,
                            endpoint="reuse_edit", methods=["GET", "POST"])
grll_community.add_url_rule("/aplicaciones/<reuse_id>/eliminar", view_func=reuse_delete,
                            endpoint="reuse_delete", methods=["POST"])
grll_community.add_url_rule("/aplicaciones/<reuse_id>/revisar", view_func=reuse_review,
                            endpoint="reuse_review", methods=["POST"])
grll_community.add_url_rule("/solicitudes", view_func=request_index, endpoint="request_index")
grll_community.add_url_rule("/solicitudes/nueva", view_func=request_new,
                            endpoint="request_new", methods=["GET", "POST"])
grll_community.add_url_rule("/solicitudes/<request_id>", view_func=request_read,
                            endpoint="request_read")
grll_community.add_url_rule("/solicitudes/<request_id>/cerrar", view_func=request_close,
                            endpoint="request_close", methods=["POST"])
grll_community.add_url_rule("/solicitudes/<request_id>/seguir", view_func=request_follow,
                            endpoint="request_follow", methods=["POST"])
