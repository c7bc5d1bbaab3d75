"""Pages of grll_agro: the farmers' app (PWA) at /agro and its cached JSON endpoints."""
from __future__ import annotations

import datetime
import hashlib
import json
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.common import current_user
from flask import Blueprint, Response, request

from ckanext.grll import numbers, reference
from ckanext.grll.domains.agro import chacra, consultas, resumen
from ckanext.grll.feedback.domains import get_domain
from ckanext.grll.feedback.open311 import check_rate_limit

grll_agro = Blueprint("grll_agro", __name__)

#: /agro/api/<name> -> the action it serves.
API = {
    "precios": "grll_agro_latest_prices",
    "historial": "grll_agro_price_history",
    "clima": "grll_agro_weather",
    "siembras": "grll_agro_planting",
    "chacra": "grll_agro_farmgate_medians",
}
#: Browsers and proxies may keep an answer this long before asking again (with ETag).
MAX_AGE = 300
PUBLIC = Path(__file__).with_name("public") / "grll" / "agro"
#: Bump when the app shell changes, so that installed apps fetch the new one.
APP_VERSION = "4"


def _context() -> dict[str, Any]:
    return {"user": current_user.name if current_user.is_authenticated else None}


def index() -> Any:
    """The app shell: the crop and district pickers; the data comes from /agro/api/."""
    resumen.ensure_fresh()
    return tk.render("grll/agro/index.html", extra_vars={
        "version": APP_VERSION, "productos": consultas.con_precio("producto"),
        "distritos": _districts(), "fechas": resumen.fechas_de_datos()})


def manifest() -> Response:
    body = {
        "name": tk._("Mercado agrario a su alcance"),
        "short_name": tk._("Agro LL"),
        "description": tk._("Precios, clima y siembras para productores de La Libertad"),
        "lang": "es-PE",
        "start_url": tk.url_for("grll_agro.index"),
        "scope": tk.url_for("grll_agro.index"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#2e6b30",
        "icons": [{"src": tk.h.url_for_static(f"/grll/agro/icono-{size}.png"),
                   "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
                  for size in (192, 512)],
    }
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json")


def service_worker() -> Response:
    """The service worker, from /agro/ so its scope may cover /agro itself."""
    script = (PUBLIC / "sw.js").read_text(encoding="utf-8").replace(
        "__VERSION__", APP_VERSION)
    response = Response(script, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = tk.url_for("grll_agro.index")
    response.headers["Cache-Control"] = "no-cache"
    return response


def _error(errors: dict[str, Any], status: int) -> Response:
    reasons = {field: " ".join(map(str, value)) if isinstance(value, list) else str(value)
               for field, value in errors.items()}
    return Response(json.dumps({"error": reasons}, ensure_ascii=False), status=status,
                    mimetype="application/json")


def api(name: str) -> Response:
    """An action's answer with ETag, Last-Modified and 304 when the client has it."""
    action = API.get(name)
    if action is None:
        return _error({"accion": tk._("Consulta desconocida")}, 404)
    params = {key: request.args.get(key) for key in request.args}
    try:
        result = tk.get_action(action)(_context(), params)
    except tk.ValidationError as error:
        return _error(error.error_dict, 400)
    body = json.dumps(result, ensure_ascii=False, separators=(",", ":"), default=str)
    etag = hashlib.sha256(body.encode()).hexdigest()[:20]
    modified = consultas.ultima_actualizacion()
    headers = {"ETag": f'"{etag}"', "Cache-Control": f"public, max-age={MAX_AGE}",
               "Vary": "Accept-Encoding"}
    if modified is not None:
        headers["Last-Modified"] = format_datetime(
            modified.replace(microsecond=0, tzinfo=datetime.timezone.utc), usegmt=True)
    if _not_modified(etag, modified):
        return Response(status=304, headers=headers)
    return Response(body, mimetype="application/json", headers=headers)


def _not_modified(etag: str, modified: Any) -> bool:
    if "If-None-Match" in request.headers:
        asked = {tag.strip().removeprefix("W/") for tag in
                 request.headers["If-None-Match"].split(",")}
        return f'"{etag}"' in asked or "*" in asked
    since = request.headers.get("If-Modified-Since")
    if since and modified is not None:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since).replace(
                tzinfo=None)
        except (TypeError, ValueError):
            return False
    return False


def alertas() -> Any:
    """The farmer's price alerts (logged in) and the form to ask for one."""
    context = _context()
    data: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    created = None
    status = 200
    if request.method == "POST" and request.form.get("borrar"):
        try:
            tk.get_action("grll_agro_alert_delete")(context, {"id": request.form["borrar"]})
        except tk.ObjectNotFound:
            return tk.abort(404, tk._("Alerta no encontrada"))
        return tk.redirect_to("grll_agro.alertas")
    if request.method == "POST":
        data = {key: request.form.get(key) for key in (
            "producto", "mercado", "sentido", "umbral", "email", "por_correo")}
        try:
            created = tk.get_action("grll_agro_alert_create")(context, data)
            data = {}
        except tk.ValidationError as error:
            errors, status = error.error_dict, 400
    mine = (tk.get_action("grll_agro_alert_list")(context, {})
            if current_user.is_authenticated else [])
    body = tk.render("grll/agro/alertas.html", extra_vars={
        "version": APP_VERSION, "alertas": mine, "creada": created, "data": data,
        "errors": errors, "productos": consultas.con_precio("producto"),
        "mercados": consultas.con_precio("mercado"),
        "logged_in": current_user.is_authenticated,
        # Only a farmer's own alerts show prices: announce their sample datasets then.
        "conjuntos": [name for feed in resumen.fechas_de_datos() if feed["feed"] == "precios"
                      for name in feed["conjuntos"]] if mine else []})
    return (body, status) if status != 200 else body


def alerta(token: str) -> Any:
    """The link mailed to an e-mail alert: opening it activates it; it can be deleted."""
    context = _context()
    try:
        if request.method == "POST":
            tk.get_action("grll_agro_alert_delete")(context, {"token": token})
            return tk.render("grll/agro/alerta.html", extra_vars={
                "version": APP_VERSION, "alerta": None, "borrada": True})
        shown = tk.get_action("grll_agro_alert_confirm")(context, {"token": token})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Alerta no encontrada"))
    return tk.render("grll/agro/alerta.html", extra_vars={
        "version": APP_VERSION, "alerta": shown, "borrada": False})


def reportar() -> Any:
    """A light form for the farm-gate price report (feedback category precio-chacra),
    instead of the engine's general form with its map: a phone on weak signal sends
    only what this report needs."""
    category = get_domain("agro").categories[chacra.CATEGORIA]
    questions = {q.code: q for q in category.questions}
    data: dict[str, Any] = {"ubigeo": request.args.get("ubigeo", "")}
    errors: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        data = dict(request.form)
        limited = check_rate_limit(_context()["user"])
        answers = {code: request.form[f"q-{code}"] for code in questions
                   if request.form.get(f"q-{code}", "").strip()}
        crop = dict(questions["cultivo"].values).get(answers.get("cultivo", ""), "")
        try:
            if limited:
                raise tk.ValidationError({"": [limited]})
            created = tk.get_action("grll_feedback_create")(_context(), {
                "domain": "agro", "category": chacra.CATEGORIA, "channel": "web",
                "ubigeo": request.form.get("ubigeo") or None, "answers": answers,
                "identity": "anonimo" if not current_user.is_authenticated else None,
                "sitio_web": request.form.get("sitio_web") or None,
                # Built from public answers only: the sale date is not public.
                "description": tk._("Precio en chacra de {cultivo}: S/ {precio} por kg "
                                    "({cantidad} kg).").format(
                    cultivo=crop or "-", precio=numbers.numero(answers.get("precio-kg"), 2),
                    cantidad=numbers.numero(answers.get("cantidad-kg")))})
        except tk.ValidationError as error:
            errors, status = error.error_dict, 400
        else:
            return tk.redirect_to("grll_feedback.track", code=created["codigo"], nuevo=1)
    body = tk.render("grll/agro/reportar.html", extra_vars={
        "version": APP_VERSION, "questions": questions, "data": data, "errors": errors,
        "distritos": _districts(), "today": datetime.date.today().isoformat()})
    return (body, status) if status != 200 else body


def _districts() -> list[reference.Distrito]:
    return sorted(reference.distritos().values(), key=lambda d: (d.provincia, d.nombre))


grll_agro.add_url_rule("/agro", view_func=index, endpoint="index")
grll_agro.add_url_rule("/agro/reportar", view_func=reportar, endpoint="reportar",
                       methods=["GET", "POST"])
grll_agro.add_url_rule("/agro/alertas", view_func=alertas, endpoint="alertas",
                       methods=["GET", "POST"])
grll_agro.add_url_rule("/agro/alertas/<token>", view_func=alerta, endpoint="alerta",
                       methods=["GET", "POST"])
grll_agro.add_url_rule("/agro/manifest.webmanifest", view_func=manifest, endpoint="manifest")
grll_agro.add_url_rule("/agro/sw.js", view_func=service_worker, endpoint="service_worker")
grll_agro.add_url_rule("/agro/api/<name>", view_func=api, endpoint="api")
