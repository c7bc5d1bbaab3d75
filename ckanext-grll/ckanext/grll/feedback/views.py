"""Pages of the feedback engine: report form, tracking, public list and map, staff queue.

Spanish URLs: ``/reportes``, ``/reportes/<dominio>``, ``/reportes/<dominio>/nuevo``,
``/seguimiento/<código>``, ``/reportes/gestion``. Every page calls the same actions
as the API, so the rules (auth, validation, privacy) are the API's. Logging in or
registering from a report form returns to it (theme/login_return.py, for every page).
"""
from __future__ import annotations

import re
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, jsonify, request, send_file

from ckanext.grll import reference
from ckanext.grll.feedback import config, geo, photos, privacy, ratelimit, workflow
from ckanext.grll.feedback.domains import Category, enabled_domains
from ckanext.grll.feedback.logic.auth import is_report_staff
from ckanext.grll.feedback.logic.validators import POINT_DISTRICT_KEY
from ckanext.grll.feedback.model import Photo, Report
from ckanext.grll.feedback.open311 import open311

grll_feedback = Blueprint("grll_feedback", __name__)
API_LIMITED = re.compile(r"^/api/(?:\d/)?action/(grll_feedback_create|grll_feedback_flag)/?$")
PUBLIC_PAGE_SIZE = 20
QUEUE_PAGE_SIZE = 50
# Beyond any real list (a million reports); larger numbers are typing mistakes or probes.
MAX_PAGE = 50_000
#: A coordinate as text: "-8.109052" or "-79.0215"; longer texts are not coordinates.
COORDINATE_MAX_CHARS = 30


def _context() -> dict[str, Any]:
    user = tk.current_user.name if tk.current_user.is_authenticated else ""
    return {"user": user, "ignore_auth": False}


def _domain_or_404(name: str) -> Any:
    domain = enabled_domains().get(name)
    if domain is None:
        return tk.abort(404, tk._("Dominio desconocido"))
    return domain


def _page_number() -> int:
    """The ``page`` argument, 1 if absent; 400 with the field's name when it is not a page."""
    raw = request.args.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        return tk.abort(400, tk._("page: indique un número de página entre 1 y {n}").format(
            n=MAX_PAGE))
    return int(raw)


def _limited(body: Any, refusal: ratelimit.Refusal) -> tuple[Any, int, dict[str, str]]:
    return body, 429, {"Retry-After": str(refusal.retry_after)}


def index() -> str:
    return tk.render("grll/feedback/index.html", extra_vars={"domains": enabled_domains()})


def public_list(domain: str) -> Any:
    config_ = _domain_or_404(domain)
    args = {k: request.args[k] for k in ("category", "ubigeo", "status") if request.args.get(k)}
    page = _page_number()
    status = 200
    try:
        result = tk.get_action("grll_feedback_list")(
            _context(), {"domain": domain, **args, "offset": (page - 1) * PUBLIC_PAGE_SIZE,
                         "limit": PUBLIC_PAGE_SIZE})
    except tk.ValidationError as error:
        result, args, status = {"count": 0, "results": []}, {"errors": error.error_dict}, 400
    points = [{"lat": r["punto"]["lat"], "lon": r["punto"]["lon"], "codigo": r["codigo"],
               "categoria": r["categoria_nombre"], "estado": r["estado_nombre"]}
              for r in result["results"] if r["punto"]]
    body = tk.render("grll/feedback/list.html", extra_vars={
        "domain": config_, "result": result, "filters": args, "page": page,
        "points": points, "districts": reference.distritos(),
        "statuses": workflow.STATUSES})
    return (body, status) if status != 200 else body


def choose_category(domain: str) -> str:
    return tk.render("grll/feedback/choose.html", extra_vars={"domain": _domain_or_404(domain)})


def form_answers(category: Category) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in category.questions:
        values = [v for v in request.form.getlist(f"q-{question.code}") if v.strip()]
        if values:
            answers[question.code] = (values if question.datatype == "multivaluelist"
                                      else values[0])
    return answers


def district_of_point() -> Any:
    """The district of a point (``lat``, ``lon``), for "Usar mi ubicación": answers from
    the district polygons and stores nothing."""
    point: dict[str, float] = {}
    errors: dict[str, list[str]] = {}
    for field, bound in (("lat", 90), ("lon", 180)):
        raw = request.args.get(field, "").strip()
        try:
            value = float(raw) if len(raw) <= COORDINATE_MAX_CHARS else None
        except ValueError:
            value = None
        if value is None or not -bound <= value <= bound:
            errors[field] = [tk._("{field}: indique un número entre -{n} y {n} (grados "
                                  "decimales, con punto)").format(field=field, n=bound)]
        else:
            point[field] = value
    if errors:
        return jsonify({"error": errors}), 400
    ubigeo = geo.district_near(point["lat"], point["lon"])
    district = reference.distritos().get(ubigeo or "")
    if district is None:
        return jsonify({"ubigeo": None, "mensaje": tk._(
            "Ese lugar está fuera de La Libertad. Marque un lugar dentro de la región o "
            "elija el distrito en la lista.")})
    return jsonify({"ubigeo": district.ubigeo, "distrito": district.nombre,
                    "provincia": district.provincia})


def new_report(domain: str, category: str) -> Any:
    config_ = _domain_or_404(domain)
    chosen = config_.categories.get(category)
    if chosen is None:
        return tk.abort(404, tk._("Categoría desconocida en este dominio"))
    data: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        refusal = ratelimit.report_refusal(_context()["user"])
        if refusal:
            body, _status = _render_form(config_, chosen, _form_data(chosen),
                                         {"": [refusal.message]}, 429)
            return _limited(body, refusal)
        data = {
            "domain": domain, "category": category, "channel": "web",
            "description": request.form.get("description", ""),
            "lat": request.form.get("lat") or None, "lon": request.form.get("lon") or None,
            "ubigeo": request.form.get("ubigeo") or None,
            "address": request.form.get("address") or None,
            "identity": request.form.get("identity") or None,
            "name": request.form.get("name") or None,
            "email": request.form.get("email") or None,
            "sitio_web": request.form.get("sitio_web") or None,
            "answers": form_answers(chosen),
            "photos": [f for f in request.files.getlist("photos") if f.filename],
        }
        try:
            created = tk.get_action("grll_feedback_create")(
                _context(), {k: v for k, v in data.items() if v not in (None, [])})
        except tk.ValidationError as error:
            errors, status = error.error_dict, 400
        except tk.NotAuthorized as error:
            errors, status = {"": [str(error)]}, 403
        else:
            return tk.redirect_to("grll_feedback.track", code=created["codigo"], nuevo=1)
        data = _form_data(chosen)
    return _render_form(config_, chosen, data, errors, status)


def _form_data(category: Category) -> dict[str, Any]:
    """What the person sent, to show again after an error: every ticked box, chosen
    option and typed text (answers as typed, not as read)."""
    return {**request.form.to_dict(), "answers": form_answers(category),
            "photos_sent": any(f.filename for f in request.files.getlist("photos"))}


def _render_form(domain: Any, category: Category, data: dict[str, Any],
                 errors: dict[str, Any], status: int) -> Any:
    body = tk.render("grll/feedback/form.html", extra_vars={
        "domain": domain, "category": category, "data": data, "errors": errors,
        "districts": tk.h.grll_feedback_districts(),
        "logged_in": tk.current_user.is_authenticated,
        "max_photo_mb": config.max_photo_mb(), "max_photos": config.max_photos()})
    return (body, status) if status != 200 else body


def track_lookup() -> Any:
    code = request.args.get("codigo", "").strip()
    if code:
        return tk.redirect_to("grll_feedback.track", code=code.upper())
    return tk.render("grll/feedback/lookup.html")


def track(code: str) -> Any:
    try:
        report = tk.get_action("grll_feedback_show")(_context(), {"code": code})
    except tk.ObjectNotFound:
        return tk.render("grll/feedback/lookup.html", extra_vars={"not_found": code}), 404
    return tk.render("grll/feedback/track.html", extra_vars={
        "report": report, "new": bool(request.args.get("nuevo")),
        "flagged": bool(request.args.get("marcado"))})


def flag(code: str) -> Any:
    refusal = ratelimit.flag_refusal(_context()["user"])
    if refusal:
        return _limited(tk.render("grll/feedback/lookup.html", extra_vars={
            "limited": refusal.message}), refusal)
    try:
        tk.get_action("grll_feedback_flag")(
            _context(), {"code": code, "reason": request.form.get("reason")})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("No existe un reporte con ese código"))
    return tk.redirect_to("grll_feedback.track", code=code, marcado=1)


def photo(photo_id: str) -> Any:
    """A report's photo, for whoever may see it (staff always; the public when published)."""
    item = model.Session.get(Photo, photo_id)
    if item is None:
        return tk.abort(404)
    report = item.report
    user = _context()["user"]
    visible = item.id in privacy.public_view(report, privacy.category_of(report)).photos
    if not (visible or is_report_staff(user, report)):
        return tk.abort(404)
    path = photos.path_of(item.filename)
    if path is None:
        return tk.abort(404)
    response = send_file(path, mimetype=item.mimetype)
    if not visible:
        # Only staff may see it: out of shared caches and off the disk. A public
        # photo follows the site's cache policy (ckan.cache_expires), like pages.
        request.environ["__no_cache__"] = True
        response.headers["Cache-Control"] = "private, no-store"
    return response


def queue() -> Any:
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=request.path)
    filters = {k: request.args[k] for k in ("domain", "status", "category")
               if request.args.get(k)}
    if request.args.get("vencidos"):
        filters["overdue"] = True
    flagged_only = bool(request.args.get("marcados"))
    page = _page_number()
    paging = {"offset": (page - 1) * QUEUE_PAGE_SIZE, "limit": QUEUE_PAGE_SIZE}
    errors: dict[str, Any] = {}
    try:
        flagged = tk.get_action("grll_feedback_flag_list")(_context(), {
            **({"domain": filters["domain"]} if filters.get("domain") else {}),
            **(paging if flagged_only else {"limit": 1})})
        result = flagged if flagged_only else tk.get_action("grll_feedback_list")(
            _context(), {"queue": True, **filters, **paging})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Solo el personal de las entidades responsables ve la "
                                  "bandeja"))
    except tk.ValidationError as error:
        errors, result, flagged = error.error_dict, {"count": 0, "results": []}, {"count": 0}
    body = tk.render("grll/feedback/queue.html", extra_vars={
        "result": result, "filters": filters, "domains": enabled_domains(),
        "statuses": [*workflow.STATUSES, workflow.HIDDEN], "errors": errors,
        "flagged_only": flagged_only, "flagged_count": flagged["count"], "page": page,
        "page_size": QUEUE_PAGE_SIZE})
    return (body, 400) if errors else body


def manage(code: str) -> Any:
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=request.path)
    errors: dict[str, Any] = {}
    status = 200
    try:
        if request.method == "POST":
            form = request.form
            if form.get("accion") == "descartar-avisos":
                tk.get_action("grll_feedback_flag_dismiss")(_context(), {
                    "code": code,
                    **({"private_note": form["private_note"]} if form.get("private_note")
                       else {})})
            elif form.get("accion") == "estado":
                tk.get_action("grll_feedback_status_update")(_context(), {
                    "code": code, "status": form.get("status", ""),
                    **{k: form[k] for k in ("public_note", "private_note", "duplicate_of",
                                            "organization", "stage") if form.get(k)}})
            else:
                tk.get_action("grll_feedback_moderate")(_context(), {
                    "code": code,
                    **{k: form[k] for k in ("description", "private_note") if form.get(k)},
                    **{k: True for k in ("hide_name", "hide_photos") if form.get(k)},
                    **({"hidden": form["hidden"] == "1"} if form.get("hidden") else {})})
            tk.h.flash_success(tk._("Cambios guardados"))
            return tk.redirect_to("grll_feedback.manage", code=code)
        tk.check_access("grll_feedback_moderate", _context(), {"code": code})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("No existe un reporte con ese código"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Solo la entidad responsable puede moderar este reporte"))
    except tk.ValidationError as error:
        errors, status = error.error_dict, 400
    report = tk.get_action("grll_feedback_show")(_context(), {"code": code})
    current = report["estado"] if report["estado"] != workflow.HIDDEN else None
    allowed = sorted(workflow.TRANSITIONS.get(current or "", ()),
                     key=workflow.STATUSES.index)
    category = privacy.category_of(Report.by_code(code))
    answers = report.get("respuestas") or {}
    flagged = tk.get_action("grll_feedback_flag_list")(_context(), {"code": code})["results"]
    body = tk.render("grll/feedback/manage.html", extra_vars={
        "report": report, "errors": errors, "allowed": allowed,
        "stages": category.stages if category else (),
        "questions": {q.code: q.label for q in category.questions} if category else {},
        "flags": flagged[0]["avisos"] if flagged else None,
        # The engine's own keys ("_…") are not answers to questions.
        "answers": {k: v for k, v in answers.items() if not k.startswith("_")},
        "point_district": reference.distritos().get(answers.get(POINT_DISTRICT_KEY) or "")})
    return (body, status) if status != 200 else body


def limit_api_submissions() -> Response | None:
    """429 for API clients that send too many reports or flags (before the action runs)."""
    if request.method != "POST":
        return None
    match = API_LIMITED.match(request.path)
    if not match:
        return None
    user = tk.current_user.name if tk.current_user.is_authenticated else None
    refusal = (ratelimit.flag_refusal(user) if match.group(1) == "grll_feedback_flag"
               else ratelimit.report_refusal(user))
    if refusal is None:
        return None
    response = jsonify({"success": False,
                        "error": {"__type": "Rate Limit", "message": refusal.message}})
    response.status_code = 429
    response.headers["Retry-After"] = str(refusal.retry_after)
    return response


grll_feedback.before_app_request(limit_api_submissions)
grll_feedback.add_url_rule("/reportes/distrito-del-punto", view_func=district_of_point,
                           endpoint="district_of_point")
grll_feedback.add_url_rule("/reportes", view_func=index, endpoint="index")
grll_feedback.add_url_rule("/reportes/gestion", view_func=queue, endpoint="queue")
grll_feedback.add_url_rule("/reportes/gestion/<code>", view_func=manage, endpoint="manage",
                           methods=["GET", "POST"])
grll_feedback.add_url_rule("/reportes/foto/<photo_id>", view_func=photo, endpoint="photo")
grll_feedback.add_url_rule("/reportes/<domain>", view_func=public_list, endpoint="list")
grll_feedback.add_url_rule("/reportes/<domain>/nuevo", view_func=choose_category,
                           endpoint="choose")
grll_feedback.add_url_rule("/reportes/<domain>/nuevo/<category>", view_func=new_report,
                           endpoint="new", methods=["GET", "POST"])
grll_feedback.add_url_rule("/seguimiento", view_func=track_lookup, endpoint="lookup")
grll_feedback.add_url_rule("/seguimiento/<code>", view_func=track, endpoint="track")
grll_feedback.add_url_rule("/seguimiento/<code>/abuso", view_func=flag, endpoint="flag",
                           methods=["POST"])


def get_blueprints() -> list[Blueprint]:
    return [grll_feedback, open311]
