"""Pages of grll_agro: the farmers' app (PWA) at /agro and its cached JSON endpoints."""
from __future__ import annotations

import datetime
import functools
import hashlib
import json
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.common import current_user
from flask import Blueprint, Response, request
from flask_wtf.csrf import generate_csrf

from ckanext.grll import numbers, reference
from ckanext.grll.domains import summaries
from ckanext.grll.domains.agro import chacra, consultas, envios, resumen
from ckanext.grll.domains.agro.logic import schema
from ckanext.grll.feedback.shared import check_rate_limit, get_domain

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
APP_VERSION = "5"
#: The static files of the app's pages, kept by the service worker at install.
SHELL_FILES = ("/grll/agro/app.js", "/grll/agro/app.css", "/grll/numero.js",
               "/grll/agro/formularios.js", "/grll/agro/cola.js")


def _context() -> dict[str, Any]:
    return {"user": current_user.name if current_user.is_authenticated else None}


def index() -> Any:
    """The app shell: the crop and district pickers; the data comes from /agro/api/."""
    summaries.ensure_fresh(*resumen.SUMMARIES)
    return tk.render("grll/agro/index.html", extra_vars={
        "productos": consultas.con_precio("producto"),
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
    """The service worker, from /agro/ so its scope may cover /agro itself, with the
    files it keeps at install: the app's pages that must open without signal (the
    prices, the report form, the offline page) and their files."""
    shell = [tk.url_for("grll_agro.index"), tk.url_for("grll_agro.reportar"),
             tk.url_for("grll_agro.sin_conexion"), tk.url_for("grll_agro.manifest"),
             *(tk.h.grll_static(path) for path in SHELL_FILES),
             *(tk.h.url_for_static(f"/grll/agro/icono-{size}.png") for size in (192, 512))]
    # A new file gives a new cache name: the worker is reinstalled and drops the old one.
    cache = f"agro-{APP_VERSION}-" + hashlib.sha256(json.dumps(shell).encode()).hexdigest()[:8]
    script = (PUBLIC / "sw.js").read_text(encoding="utf-8").replace(
        "__CACHE__", cache).replace("__SHELL__", json.dumps(shell)).replace(
        "__OFFLINE__", tk.url_for("grll_agro.sin_conexion")).replace(
        "__TOKEN__", tk.url_for("grll_agro.token"))
    response = Response(script, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = tk.url_for("grll_agro.index")
    response.headers["Cache-Control"] = "no-cache"
    return response


def _reasons(errors: dict[str, Any]) -> dict[str, str]:
    return {field: " ".join(map(str, value)) if isinstance(value, list) else str(value)
            for field, value in errors.items()}


def _error(errors: dict[str, Any], status: int) -> Response:
    return Response(json.dumps({"error": _reasons(errors)}, ensure_ascii=False),
                    status=status, mimetype="application/json")


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
        "alertas": mine, "creada": created, "data": data,
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
                "alerta": None, "borrada": True})
        shown = tk.get_action("grll_agro_alert_confirm")(context, {"token": token})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Alerta no encontrada"))
    return tk.render("grll/agro/alerta.html", extra_vars={
        "alerta": shown, "borrada": False})


def reportar() -> Any:
    """A light form for the farm-gate price report (feedback category precio-chacra),
    instead of the engine's general form with its map: a phone on weak signal sends
    only what this report needs.

    The app's script posts it asking for JSON (a report kept on the phone while
    offline is sent that way later, with its ``envio`` key so that it arrives once);
    without the script the form posts and gets the page back."""
    category = get_domain("agro").categories[chacra.CATEGORIA]
    questions = {q.code: q for q in category.questions}
    data: dict[str, Any] = {"ubigeo": request.args.get("ubigeo", "")}
    errors: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        data = dict(request.form)
        limited = check_rate_limit(_context()["user"])
        try:
            if limited:
                raise RateLimited(limited)
            codigo = _receive_farmgate_report(questions)
        except RateLimited as error:
            errors, status = {"": [str(error)]}, 429
        except envios.EnCurso:
            errors, status = {"": [tk._("Su reporte se está enviando; espere un momento.")]}, 409
        except tk.ValidationError as error:
            errors, status = error.error_dict, 400
        else:
            if _wants_json():
                return Response(json.dumps({
                    "codigo": codigo,
                    "seguimiento": tk.url_for("grll_feedback.track", code=codigo, nuevo=1),
                }), status=201, mimetype="application/json")
            return tk.redirect_to("grll_feedback.track", code=codigo, nuevo=1)
        if _wants_json():
            return _refusal(errors, status, questions)
    body = tk.render("grll/agro/reportar.html", extra_vars={
        "questions": questions, "data": data, "errors": errors,
        "distritos": _districts(), "today": datetime.date.today().isoformat()})
    return (body, status) if status != 200 else body


class RateLimited(Exception):
    """Too many reports from this account or connection (the message says until when)."""


def _receive_farmgate_report(questions: dict[str, Any]) -> str:
    """Create the report the form posted; its tracking code. A report already received
    under the same ``envio`` key gives the code it got then."""
    # A blank answer is no answer; numbers are read as typed (see schema.typed_number).
    posted: dict[str, Any] = {f"answers.{code}": typed for code in questions
                              if (typed := request.form.get(f"q-{code}", "").strip())}
    posted["envio"] = request.form.get("envio", "").strip() or None
    checked = schema.validated(functools.partial(schema.farmgate_report, questions),
                               posted, _context())
    answers = {code: checked[f"answers.{code}"] for code in questions
               if f"answers.{code}" in checked}
    envio = checked.get("envio")
    if envio:
        received = envios.reservar(envio)
        if received:
            return received
    crop = dict(questions["cultivo"].values).get(answers.get("cultivo", ""), "")
    try:
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
    except Exception:
        if envio:
            envios.liberar(envio)
        raise
    if envio:
        envios.cumplido(envio, created["codigo"])
    return created["codigo"]


def _refusal(errors: dict[str, Any], status: int, questions: dict[str, Any]) -> Response:
    """Why a report sent by the app was not received: by field, and as sentences that
    name the field, for a farmer told later about a report kept on the phone."""
    labels = {f"answers.{code}": q.label for code, q in questions.items()}
    labels["ubigeo"] = tk._("Distrito de la chacra")
    reasons = _reasons(errors)
    sentences = [f"{labels[field]}: {reason}" if field in labels else reason
                 for field, reason in reasons.items()]
    return Response(json.dumps({"error": reasons, "motivos": sentences}, ensure_ascii=False),
                    status=status, mimetype="application/json",
                    headers={"Cache-Control": "no-store"})


def _wants_json() -> bool:
    return request.accept_mimetypes.best_match(
        ["text/html", "application/json"], default="text/html") == "application/json"


def token() -> Response:
    """A fresh CSRF token for a form the app shows from its offline cache, and a way to
    know that the portal is reachable: never kept by the browser or the service worker."""
    body = {"campo": tk.config.get("WTF_CSRF_FIELD_NAME"), "token": generate_csrf()}
    return Response(json.dumps(body), mimetype="application/json",
                    headers={"Cache-Control": "no-store"})


def sin_conexion() -> Any:
    """The app's own page for a page it does not keep, shown by the service worker
    when there is no signal."""
    return tk.render("grll/agro/sin_conexion.html")


def _districts() -> list[reference.Distrito]:
    return sorted(reference.distritos().values(), key=lambda d: (d.provincia, d.nombre))


grll_agro.add_url_rule("/agro", view_func=index, endpoint="index")
grll_agro.add_url_rule("/agro/reportar", view_func=reportar, endpoint="reportar",
                       methods=["GET", "POST"])
grll_agro.add_url_rule("/agro/alertas", view_func=alertas, endpoint="alertas",
                       methods=["GET", "POST"])
grll_agro.add_url_rule("/agro/alertas/<token>", view_func=alerta, endpoint="alerta",
                       methods=["GET", "POST"])
grll_agro.add_url_rule("/agro/token", view_func=token, endpoint="token")
grll_agro.add_url_rule("/agro/sin-conexion", view_func=sin_conexion, endpoint="sin_conexion")
grll_agro.add_url_rule("/agro/manifest.webmanifest", view_func=manifest, endpoint="manifest")
grll_agro.add_url_rule("/agro/sw.js", view_func=service_worker, endpoint="service_worker")
grll_agro.add_url_rule("/agro/api/<name>", view_func=api, endpoint="api")
