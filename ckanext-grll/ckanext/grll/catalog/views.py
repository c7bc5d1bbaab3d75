"""Pages and downloads of grll_catalog."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, send_file, stream_with_context

from ckanext.grll import csrf
from ckanext.grll.catalog import (
    datastore_dump,
    dump,
    exports,
    freshness,
    harvest_samples,
    indexing,
    negotiation,
    openapi,
    quality,
    request_checks,
    sitemap,
)
from ckanext.grll.catalog.community_views import grll_community

__all__ = ["grll_catalog", "grll_community"]

grll_catalog = Blueprint("grll_catalog", __name__)
grll_catalog.before_app_request(request_checks.check_request)
grll_catalog.before_app_request(negotiation.negotiate)
# Portal-wide CSRF rules (ckanext/grll/csrf.py): plugin hooks run before CKAN's check.
grll_catalog.before_app_request(csrf.check_anonymous_form_posts)
grll_catalog.app_errorhandler(csrf.CSRFError)(csrf.refusal_page)
grll_catalog.after_app_request(datastore_dump.fix_datastore_dump)

OUTDATED_PAGE_SIZE = 50
#: CKAN's name rule; anything else would break out of the quoted search filter.
ORGANIZATION_NAME = re.compile(r"[a-z0-9_-]{2,100}")


def export_csv(name: str) -> Response:
    if name not in exports.EXPORTS:
        return tk.abort(404, tk._("Exportación desconocida: {name}").format(name=name))
    today = dt.date.today().isoformat()
    return Response(
        stream_with_context(exports.export(name)),
        mimetype="text/csv",
        headers={"Content-Disposition":
                 f'attachment; filename="{name}-{today}.csv"',
                 "Cache-Control": "no-cache"})


def catalog_dump() -> Response:
    path = dump.dump_path()
    if not path.is_file():
        return tk.abort(404, tk._("El volcado del catálogo aún no se ha generado."))
    return send_file(path, mimetype="application/jsonl; charset=utf-8",
                     as_attachment=True, download_name=dump.DUMP_FILE, conditional=True)


def harvest_sample(name: str) -> Response:
    path = harvest_samples.sample_path(name)
    if path is None:
        return tk.abort(404, tk._("No existe la muestra de cosecha «{name}».").format(
            name=name))
    return send_file(path, mimetype=harvest_samples.MEDIA_TYPES[path.suffix],
                     conditional=True)


def outdated_datasets(fq: str = "", rows: int = OUTDATED_PAGE_SIZE,
                      start: int = 0) -> dict[str, Any]:
    """Datasets whose update is overdue, the most overdue first."""
    query = f"+{indexing.DUE_FIELD}:[* TO NOW]"
    return tk.get_action("package_search")(
        {}, {"fq": f"{query} {fq}".strip(), "rows": rows, "start": start,
             "sort": f"{indexing.DUE_FIELD} asc", "include_private": False})


def desactualizados() -> str:
    organization = tk.request.args.get("organization", "")
    if organization and not ORGANIZATION_NAME.fullmatch(organization):
        return tk.abort(400, tk._("«organization» debe ser el nombre de una organización "
                                  "(minúsculas, números, - y _)."))
    fq = f'+organization:"{organization}"' if organization else ""
    page = request_checks.requested_page()
    result = outdated_datasets(fq, start=(page - 1) * OUTDATED_PAGE_SIZE)
    rows = [{"dataset": d, "updated": freshness.last_data_update(d),
             "due": freshness.due_date(d)} for d in result["results"]]
    return tk.render("grll/catalog/desactualizados.html", extra_vars={
        "rows": rows, "count": result["count"], "organization": organization,
        "page": page, "page_size": OUTDATED_PAGE_SIZE})


def calidad_dashboard() -> Any:
    """The steward's view: datasets of their organizations, weakest metadata first."""
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=tk.url_for("grll_catalog.calidad"))
    organizations = tk.get_action("organization_list_for_user")(
        {"user": tk.current_user.name}, {"permission": "create_dataset"})
    rows: list[dict[str, Any]] = []
    if organizations:
        names = " OR ".join(f'"{o["name"]}"' for o in organizations)
        result = tk.get_action("package_search")(
            {"user": tk.current_user.name},
            {"fq": f"+organization:({names})", "rows": 1000, "include_private": True,
             "sort": f"{indexing.SCORE_FIELD} asc, title_string asc"})
        for dataset in result["results"]:
            rows.append({"dataset": dataset, "quality": quality.dataset_quality(dataset),
                         "outdated": freshness.is_outdated(dataset)})
    return tk.render("grll/catalog/calidad.html", extra_vars={
        "rows": rows, "organizations": organizations})


def sitemap_xml() -> Response:
    return Response(stream_with_context(sitemap.lines()), mimetype="application/xml")


def robots_txt() -> Response:
    # Registered before CKAN's core blueprints, so this answers instead of CKAN's
    # static home/robots.txt, which cannot name the sitemap.
    return Response(sitemap.robots_txt(), mimetype="text/plain")


def openapi_json() -> Response:
    return Response(openapi.document_json(), mimetype="application/json",
                    headers={"Access-Control-Allow-Origin": "*"})


grll_catalog.add_url_rule("/sitemap.xml", view_func=sitemap_xml, endpoint="sitemap")
grll_catalog.add_url_rule("/robots.txt", view_func=robots_txt, endpoint="robots")
grll_catalog.add_url_rule(openapi.ROUTE, view_func=openapi_json, endpoint="openapi")
grll_catalog.add_url_rule("/catalogo/<name>.csv", view_func=export_csv, endpoint="export")
grll_catalog.add_url_rule(dump.DUMP_ROUTE, view_func=catalog_dump, endpoint="dump")
grll_catalog.add_url_rule(f"{harvest_samples.SAMPLES_ROUTE}/<name>", view_func=harvest_sample,
                          endpoint="harvest_sample")
grll_catalog.add_url_rule("/datos-desactualizados", view_func=desactualizados,
                          endpoint="desactualizados")
grll_catalog.add_url_rule("/dashboard/calidad", view_func=calidad_dashboard,
                          endpoint="calidad")
