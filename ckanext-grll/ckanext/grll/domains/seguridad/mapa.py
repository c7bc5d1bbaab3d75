"""GeoJSON layers of the risk-zone map: district polygons and citizen-report cells.

The polygons are the base map (no tiles offline): their coordinates are rounded
to 4 decimals (~10 m), plenty for a choropleth and a third lighter to send.
Points are grid cells of the feedback engine's privacy grid with their report
counts, for non-sensitive categories only.
"""
from __future__ import annotations

import functools
import json
from typing import Any

import ckan.model as model
import sqlalchemy as sa

from ckanext.grll import reference
from ckanext.grll.domains.seguridad import config, estadisticas
from ckanext.grll.domains.seguridad.categorias import categorias
from ckanext.grll.domains.seguridad.model import celda
from ckanext.grll.domains.seguridad.resumen import ALL_CATEGORIES, cell_centre
from ckanext.grll.feedback.shared import DISTRICTS_GEOJSON

DECIMALS = 4


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates[0], (int, float)):
        return [round(value, DECIMALS) for value in coordinates]
    return [_rounded(item) for item in coordinates]


@functools.cache
def district_geometries() -> dict[str, dict[str, Any]]:
    """The district polygons by ubigeo (coordinates rounded)."""
    collection = json.loads(DISTRICTS_GEOJSON.read_text(encoding="utf-8"))
    return {feature["properties"]["IDDIST"]: {
        "type": feature["geometry"]["type"],
        "coordinates": _rounded(feature["geometry"]["coordinates"])}
        for feature in collection["features"]}


def district_geometry(ubigeo: str) -> dict[str, Any]:
    """Its polygon, or its capital's point for a district the reference polygons lack
    (Alto Trujillo, still inside El Porvenir's 2007 boundary)."""
    polygon = district_geometries().get(ubigeo)
    if polygon:
        return polygon
    district = reference.distritos()[ubigeo]
    return {"type": "Point", "coordinates": [district.lon, district.lat]}


def districts_layer(stats: dict[str, Any]) -> dict[str, Any]:
    """The districts with their figures (``grll_seguridad_district_stats``) as properties."""
    features = [{"type": "Feature", "id": item["ubigeo"], "properties": item,
                 "geometry": district_geometry(item["ubigeo"])}
                for item in stats["distritos"]]
    meta = {k: v for k, v in stats.items() if k != "distritos"}
    return {"type": "FeatureCollection", "features": features, "propiedades": meta}


def points_layer(categoria: str | None, periodo: estadisticas.Periodo) -> dict[str, Any]:
    """Public citizen reports per grid cell, non-sensitive categories only.

    Cells are kept per year: the period selects the years it touches.
    """
    if categoria and categorias()[categoria].sensitive:
        raise ValueError(f"sensitive category {categoria} as points")
    total = sa.func.sum(celda.c.cantidad)
    rows = model.Session.execute(
        sa.select(celda.c.fila, celda.c.columna, total)
        .where(celda.c.anio.between(periodo.desde // 100, periodo.hasta // 100),
               celda.c.categoria == (categoria or ALL_CATEGORIES))
        .group_by(celda.c.fila, celda.c.columna)
        .order_by(total.desc()).limit(config.max_points())).all()
    features = []
    for fila, columna, cantidad in rows:
        lat, lon = cell_centre(fila, columna)
        features.append({"type": "Feature", "properties": {"cantidad": int(cantidad)},
                         "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    return {"type": "FeatureCollection", "features": features,
            "propiedades": {"fuente": "ciudadana", "categoria": categoria or "total",
                            **periodo.label,
                            "anios": [periodo.desde // 100, periodo.hasta // 100]}}
