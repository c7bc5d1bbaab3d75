"""Pages of the commitment under /seguridad (the dataset search keeps /seguridad/)."""
from __future__ import annotations

import csv
import io
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, jsonify

from ckanext.grll import reference
from ckanext.grll.domains.seguridad import estadisticas, grafico, resumen
from ckanext.grll.domains.seguridad.categorias import CITIZEN
from ckanext.grll.feedback.shared import get_domain

grll_seguridad = Blueprint("grll_seguridad", __name__)

CSV_COLUMNS = ("categoria", "categoria_nombre", "cantidad_distrito", "tasa_distrito_100k",
               "puesto_distrito", "conteo_pequeno", "cantidad_provincia",
               "tasa_provincia_100k", "cantidad_region", "tasa_region_100k")


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _districts() -> list[reference.Distrito]:
    return sorted(reference.distritos().values(), key=lambda d: (d.provincia, d.nombre))


def _dated_sources(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sources with the newest period of their figures and their datasets, for
    the page to date them and announce demonstration samples."""
    datasets = {**resumen.source_datasets(), CITIZEN: _citizen_datasets()}
    return [{**source, "hasta": estadisticas.latest_period(source["codigo"]),
             "conjuntos": datasets.get(source["codigo"], [])} for source in sources]


def _citizen_datasets() -> list[str]:
    """The open data of the citizen reports (marked when it holds demonstration ones)."""
    domain = get_domain("seguridad")
    return [domain.dataset_name] if domain else []


def index() -> str:
    categories = tk.get_action("grll_seguridad_categories")(_context(), {})
    return tk.render("grll/seguridad/index.html", {
        "categorias": categories["categorias"],
        "fuentes": _dated_sources(categories["fuentes"]), "distritos": _districts()})


def mapa() -> str:
    categories = tk.get_action("grll_seguridad_categories")(_context(), {})
    return tk.render("grll/seguridad/mapa.html", {
        "categorias": categories["categorias"],
        "fuentes": _dated_sources(categories["fuentes"]),
        "distritos": _districts()})


def _comparison(args: dict[str, Any]) -> dict[str, Any]:
    return tk.get_action("grll_seguridad_comparison")(_context(), dict(args))


def comparar() -> Any:
    args = {k: v for k, v in tk.request.args.items() if v}
    extra = {"distritos": _districts(), "args": args, "errores": {}, "comparacion": None}
    if args.get("distrito"):
        try:
            extra["comparacion"] = comparison = _comparison(args)
        except tk.ValidationError as error:
            extra["errores"] = error.error_dict
            return Response(tk.render("grll/seguridad/comparar.html", extra), status=400)
        extra["grafico"] = grafico.trend_svg(comparison["tendencia"])
        extra["conjuntos"] = resumen.source_datasets().get(comparison["fuente"], [])
    return tk.render("grll/seguridad/comparar.html", extra)


def comparar_csv() -> Response:
    args = {k: v for k, v in tk.request.args.items() if v}
    try:
        comparison = _comparison(args)
    except tk.ValidationError as error:
        return Response(jsonify({"error": error.error_dict}).get_data(), status=400,
                        mimetype="application/json")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in comparison["categorias"]:
        mine = row["distrito"]
        writer.writerow([row["categoria"], row["categoria_nombre"], mine["cantidad"],
                         mine["tasa_100k"], mine["puesto"], mine["conteo_pequeno"],
                         row["provincia"]["cantidad"], row["provincia"]["tasa_100k"],
                         row["region"]["cantidad"], row["region"]["tasa_100k"]])
    name = f"comparacion-{comparison['distrito']['ubigeo']}-{comparison['fuente']}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def autoridades() -> str:
    stats = tk.get_action("grll_seguridad_authority_stats")(_context(), {})
    return tk.render("grll/seguridad/autoridades.html", {
        "stats": stats, "conjuntos": _citizen_datasets()})


grll_seguridad.add_url_rule("/seguridad", view_func=index, endpoint="index")
grll_seguridad.add_url_rule("/seguridad/mapa", view_func=mapa, endpoint="mapa")
grll_seguridad.add_url_rule("/seguridad/comparar", view_func=comparar, endpoint="comparar")
grll_seguridad.add_url_rule("/seguridad/comparar.csv", view_func=comparar_csv,
                            endpoint="comparar_csv")
grll_seguridad.add_url_rule("/seguridad/autoridades", view_func=autoridades,
                            endpoint="autoridades")
