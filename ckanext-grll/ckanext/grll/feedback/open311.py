"""Open311 GeoReport v2 over all domains: ``/open311/v2/...`` in JSON and XML.

Services are the domains' categories (``service_code`` = ``<domain>-<code>``,
attributes from their questions). Requests are the public records: coarsened
points, month-level ``requested_datetime``, never a sensitive category in a
list. POST takes a CKAN API token as ``api_key`` or, where the category allows
it, nothing; a photo comes as the file ``media``, and ``media_url`` is refused (see
``create_request``). Errors use GeoReport's ``[{code, description}]`` shape, also for
addresses under /open311/v2 that do not exist.
"""
from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.config.middleware.flask_app import csrf
from ckan.lib import api_token
from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException

from ckanext.grll.feedback import privacy, ratelimit, workflow
from ckanext.grll.feedback.domains import enabled_domains, find_service
from ckanext.grll.feedback.logic.dictization import org_title
from ckanext.grll.feedback.logic.validators import TRACKING_CODE, find_report, parse_moment
from ckanext.grll.feedback.model import Report

open311 = Blueprint("grll_open311", __name__, url_prefix="/open311/v2")
# A machine API: clients authenticate with api_key (or not at all), never a session
# cookie, so CSRF tokens do not apply even when extensions are CSRF-protected.
csrf.exempt(open311)
SPEC = "http://wiki.open311.org/GeoReport_v2"
LIMA = datetime.timezone(datetime.timedelta(hours=-5))
FORMAT = "<any(json,xml):fmt>"
MAX_PAGE_SIZE = 200


class Open311Error(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code, self.description = code, description


def _render(data: Any, fmt: str, root: str, item: str | None = None,
            status: int = 200) -> Response:
    if fmt == "json":
        return Response(json.dumps(data, ensure_ascii=False), status=status,
                        content_type="application/json; charset=utf-8")
    element = ET.Element(root)
    if item is None:
        _fill(element, data)
    else:
        for entry in data:
            _fill(ET.SubElement(element, item), entry)
    body = ET.tostring(element, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="utf-8"?>' + body, status=status,
                    content_type="text/xml; charset=utf-8")


# Plural containers in XML and the name of their items.
XML_ITEMS = {"attributes": "attribute", "values": "value", "endpoints": "endpoint",
             "formats": "format", "keywords": "keyword"}


def _fill(element: ET.Element, data: dict[str, Any]) -> None:
    for key, value in data.items():
        child = ET.SubElement(element, key)
        if isinstance(value, list):
            for entry in value:
                sub = ET.SubElement(child, XML_ITEMS.get(key, "item"))
                if isinstance(entry, dict):
                    _fill(sub, entry)
                else:
                    sub.text = _text(entry)
        elif isinstance(value, dict):
            _fill(child, value)
        else:
            child.text = _text(value)


# Characters XML 1.0 cannot carry; they only arrive echoed from a bad request.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML.sub("\ufffd", str(value))


def _error(fmt: str, code: int, description: str) -> Response:
    return _render([{"code": code, "description": description}], fmt, "errors", "error",
                   status=code)


def _iso(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=datetime.timezone.utc).astimezone(LIMA).isoformat(
        timespec="seconds")


def discovery(fmt: str) -> Response:
    base = tk.config.get("ckan.site_url").rstrip("/") + "/open311/v2"
    changeset = _iso(datetime.datetime(2026, 11, 27))
    data = {
        "changeset": changeset,
        "contact": tk.config.get("smtp.mail_from") or "",
        "key_service": tk._("Use un token de API de su cuenta del portal (Perfil → Tokens "
                            "de API); los reportes que admiten anonimato no lo necesitan."),
        "endpoints": [{"specification": SPEC, "url": base, "changeset": changeset,
                       "type": "production", "formats": ["text/xml", "application/json"]}],
    }
    return _render(data, fmt, "discovery")


def service_list(fmt: str) -> Response:
    services = []
    for domain in enabled_domains().values():
        for category in domain.categories.values():
            services.append({
                "service_code": category.service_code, "service_name": category.name,
                "description": category.description,
                "metadata": bool(category.questions), "type": "realtime",
                "keywords": ", ".join(category.keywords), "group": f"{domain.title}: "
                f"{category.group}"})
    return _render(services, fmt, "services", "service")


def service_definition(code: str, fmt: str) -> Response:
    category = find_service(code)
    if category is None:
        return _error(fmt, 404, tk._("Servicio desconocido: {code}").format(code=code))
    attributes = [{
        "variable": True, "code": q.code, "datatype": q.datatype, "required": q.required,
        "datatype_description": q.description or None, "order": q.order,
        "description": q.label,
        "values": [{"key": k, "name": n} for k, n in q.values]}
        for q in category.questions]
    return _render({"service_code": category.service_code, "attributes": attributes},
                   fmt, "service_definition")


def request_dict(view: privacy.PublicView) -> dict[str, Any]:
    """A report in GeoReport terms, formatted from its ``privacy.public_view``:
    no contact, no exact point, masked text and dates at the first of their month."""
    photo = view.photos[0] if view.photos else None
    return {
        "service_request_id": view.code,
        "status": "closed" if view.closed else "open",
        "status_notes": view.last_note,
        "service_name": view.category_name,
        "service_code": view.service_code or view.category,
        "description": view.description,
        "agency_responsible": org_title(view.organization),
        "service_notice": None,
        "requested_datetime": _month_iso(view.month),
        "updated_datetime": _month_iso(view.updated_month),
        "expected_datetime": None,
        "address": f"{view.district}, {view.province}" if view.district else None,
        "address_id": view.ubigeo,
        "zipcode": None,
        "lat": view.point[0] if view.point else None,
        "long": view.point[1] if view.point else None,
        "media_url": (tk.url_for("grll_feedback.photo", photo_id=photo, _external=True)
                      if photo else None),
        "detailed_status": view.status,
        "detailed_status_name": workflow.label(view.status),
        "detailed_stage": view.stage,
    }


def _public_request(report: Report) -> dict[str, Any]:
    return request_dict(privacy.public_view(report, privacy.category_of(report)))


def _month_iso(month: str) -> str:
    """A public ``YYYY-MM`` as GeoReport's date-time: midnight of the 1st in Lima."""
    return datetime.datetime.strptime(month, "%Y-%m").replace(tzinfo=LIMA).isoformat(
        timespec="seconds")


def _moment_arg(name: str) -> datetime.datetime | None:
    """A date-time parameter as naive UTC; 400 with the parameter's name when it is
    not one (also years beyond 1900-2100 and offsets beyond ±24 h)."""
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        return parse_moment(raw)
    except tk.Invalid as error:
        raise Open311Error(400, f"{name}: {error.error}") from error


def _month_bound(name: str, end: bool) -> datetime.datetime | None:
    """start_date/end_date rounded out to whole months, so no day is revealed."""
    moment = _moment_arg(name)
    if moment is None:
        return None
    start = privacy.month_start(moment)
    return (start + datetime.timedelta(days=32)).replace(day=1) if end else start


def _int_arg(name: str, default: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise Open311Error(400, tk._("{name} debe ser un número entero").format(name=name)) \
            from error
    if value < 1:
        raise Open311Error(400, tk._("{name} debe ser mayor que cero").format(name=name))
    return min(value, maximum)


def request_list(fmt: str) -> Response:
    if request.method == "POST":
        return create_request(fmt)
    try:
        query = Report.query().filter(privacy.public_filter())
        ids = [c.strip().upper() for c in request.args.get("service_request_id", "").split(",")
               if c.strip()]
        if any(not TRACKING_CODE.fullmatch(code) for code in ids):
            raise Open311Error(400, "service_request_id: " + tk._(
                "Use códigos de seguimiento como 7KQ4M-2XDHP, separados por comas"))
        if ids:
            query = Report.query().filter(Report.tracking_code.in_(ids))
        else:
            # Lists are of points: sensitive records are only shown by their code.
            query = query.filter(~privacy.without_details_sql())
        codes = [c.strip() for c in request.args.get("service_code", "").split(",") if c.strip()]
        if codes:
            wanted = [find_service(c) for c in codes]
            if None in wanted:
                raise Open311Error(400, tk._("service_code desconocido"))
            query = query.filter(sa.or_(*[
                (Report.domain == c.domain) & (Report.category == c.code) for c in wanted]))
        start, end = _month_bound("start_date", False), _month_bound("end_date", True)
        if start is not None:
            query = query.filter(Report.created >= start)
        if end is not None:
            query = query.filter(Report.created < end)
        after = _moment_arg("updated_after")
        if after is not None:
            # Whole months, like every public date: finer probes would time a change.
            query = query.filter(Report.updated >= privacy.month_start(after))
        given = request.args.get("status")
        statuses = set(given.split(",")) if given is not None else set()
        if statuses - {"open", "closed"}:
            raise Open311Error(400, "status: " + tk._(
                "use open, closed o ambos separados por comas"))
        if len(statuses) == 1:
            # Both (GeoReport allows a comma list) is the same as no filter.
            closed = Report.status.in_(workflow.CLOSED)
            query = query.filter(closed if statuses == {"closed"} else ~closed)
        page = _int_arg("page", 1, 100_000)
        size = _int_arg("page_size", 50, MAX_PAGE_SIZE)
    except Open311Error as error:
        return _error(fmt, error.code, error.description)
    rows = query.order_by(Report.created.desc()).offset((page - 1) * size).limit(size)
    return _render([_public_request(r) for r in rows], fmt, "service_requests", "request")


def request_show(request_id: str, fmt: str) -> Response:
    report = find_report(request_id)
    if report is None:
        return _error(fmt, 404, tk._("No existe la solicitud {id}").format(id=request_id[:40]))
    return _render([_public_request(report)], fmt, "service_requests", "request")


def create_request(fmt: str) -> Response:
    form = request.form
    if form.get("media_url"):
        # GeoReport lets a client send a link instead of the file. We neither fetch it
        # (the server would call any address it is given) nor store it: a photo is
        # published only after its type is checked, its EXIF (often the exact place)
        # removed and the report moderated, none of which can be done to a page on
        # another server, which may also change after moderation. Ignoring it would
        # lose what the citizen meant to send, so the client is told to attach it.
        return _error(fmt, 400, "media_url: " + tk._(
            "No se aceptan enlaces a fotos; adjunte la imagen en el campo media "
            "(multipart/form-data)."))
    category = find_service(form.get("service_code", ""))
    if category is None:
        return _error(fmt, 400, "service_code: " + tk._("Servicio desconocido"))
    user_name = ""
    if form.get("api_key"):
        user = api_token.get_user_from_token(form["api_key"])
        if user is None:
            return _error(fmt, 403, "api_key: " + tk._("Token de API no válido"))
        user_name = user.name
    elif tk.g.get("login_via_auth_header") and tk.current_user.is_authenticated:
        # Only an API token in the Authorization header speaks for a user here: this
        # endpoint takes no CSRF token, so a browser's session cookie must not.
        user_name = tk.current_user.name
    limited = check_rate_limit(user_name)
    if limited:
        return _error(fmt, 429, limited)
    answers: dict[str, Any] = {}
    for question in category.questions:
        values = (form.getlist(f"attribute[{question.code}][]")
                  or form.getlist(f"attribute[{question.code}]"))
        if values:
            answers[question.code] = values if question.datatype == "multivaluelist" \
                else values[0]
    name = " ".join(filter(None, [form.get("first_name"), form.get("last_name")])).strip()
    data = {
        "domain": category.domain, "category": category.code,
        "description": form.get("description", ""),
        "lat": form.get("lat") or None, "lon": form.get("long") or None,
        "address": form.get("address_string") or None,
        "ubigeo": form.get("address_id") or None,
        "email": form.get("email") or None, "name": name or None,
        # A caller who sends a name expects the authority to know it, not the public.
        "identity": "oculto" if name else None,
        "answers": answers, "channel": "open311",
        "photos": request.files.getlist("media"),
    }
    data = {k: v for k, v in data.items() if v not in (None, [], "")}
    data.setdefault("description", "")
    try:
        created = tk.get_action("grll_feedback_create")(
            {"user": user_name, "ignore_auth": False}, data)
    except tk.ValidationError as error:
        first = "; ".join(f"{k}: {' '.join(map(str, v)) if isinstance(v, list) else v}"
                          for k, v in error.error_dict.items())
        return _error(fmt, 400, _open311_field_names(first))
    except tk.NotAuthorized as error:
        return _error(fmt, 403, str(error) or tk._("Inicie sesión para enviar este tipo "
                                                  "de reporte"))
    notice = tk._("Guarde el código {code} para seguir su reporte en {url}").format(
        code=created["codigo"], url=tk.url_for("grll_feedback.track", code=created["codigo"],
                                              _external=True))
    return _render([{"service_request_id": created["codigo"], "service_notice": notice,
                     "account_id": None}], fmt, "service_requests", "request", status=201)


def _open311_field_names(text: str) -> str:
    """Our field names in an error, spelled as the caller sent them."""
    for ours, theirs in (("lat:", "lat:"), ("lon:", "long:"), ("ubigeo:", "address_id:"),
                         ("answers.", "attribute:"), ("photos:", "media:"),
                         ("address:", "address_string:")):
        text = text.replace(ours, theirs)
    return text


def check_rate_limit(user_name: str | None) -> str | None:
    """The Spanish 429 message if this client or account sent too many reports."""
    refusal = ratelimit.report_refusal(user_name)
    return refusal.message if refusal else None


def _route_for_get(path: str) -> str | None:
    try:
        endpoint, _args = current_app.url_map.bind("").match(path, method="GET")
    except HTTPException:
        return None
    return endpoint


def unmatched_address() -> Response | None:
    """before_app_request: an address under /open311/v2 that no route takes (or a
    method it does not take) answers in GeoReport's error format, in XML when the
    address ends in .xml, instead of the portal's HTML page. Flask runs these hooks
    before it raises the routing error, so this covers every such address (a route
    with a catch-all path would not: its pattern stops at a line break)."""
    if not request.path.startswith(open311.url_prefix + "/"):
        return None
    failure = request.routing_exception
    # CKAN serves its public folder from the site root, so an unknown address matches
    # the static files' route rather than none; nothing static lives under /open311.
    code = 404 if request.endpoint == "static" else getattr(failure, "code", None)
    if code == 405 and _route_for_get(request.path) in (None, "static"):
        # Only the static files' route took the address (for GET): it does not exist.
        code = 404
    fmt = "xml" if request.path.lower().endswith(".xml") else "json"
    if code == 405:
        return _error(fmt, 405, tk._("Método {method} no admitido aquí").format(
            method=request.method))
    if code == 404:
        return _error(fmt, 404, tk._("Recurso desconocido: {path}").format(
            path=request.path[:80]))
    return None


open311.before_app_request(unmatched_address)
open311.add_url_rule(f"/discovery.{FORMAT}", view_func=discovery)
open311.add_url_rule(f"/services.{FORMAT}", view_func=service_list)
open311.add_url_rule(f"/services/<code>.{FORMAT}", view_func=service_definition)
open311.add_url_rule(f"/requests.{FORMAT}", view_func=request_list, methods=["GET", "POST"])
open311.add_url_rule(f"/requests/<request_id>.{FORMAT}", view_func=request_show)
