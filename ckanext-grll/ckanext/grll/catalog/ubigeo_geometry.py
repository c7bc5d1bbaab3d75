"""Geometry of each ubigeo (region 13, its provinces, its districts) for DCAT and its pages.

The only polygons we hold are the 83 district limits of datasets/reference/ (INEI 2007,
MPL-2.0, published as a dataset of the catalogue). A province or the region is the set
of its districts' polygons: without a GIS library we do not dissolve them, so their
geometry is a collection of district polygons, and their bounding box and centroid are
computed over all of them. Alto Trujillo (130112, created in 2022) has no polygon of
its own: it lies inside El Porvenir's, so it gets its capital as centroid and no shape.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from ckanext.grll import reference

GEOJSON_FILE = reference.REFERENCE_DIR / "la_libertad_distritos.geojson"
#: Decimal places of published coordinates (about 1 m at this latitude).
PRECISION = 5

Ring = list[tuple[float, float]]
Polygon = list[Ring]


@dataclass(frozen=True)
class Shape:
    """What the catalogue says about the place of one ubigeo."""

    code: str
    polygons: tuple[Polygon, ...]
    centroid: tuple[float, float] | None
    bbox: tuple[float, float, float, float] | None


@functools.cache
def _district_polygons() -> dict[str, tuple[Polygon, ...]]:
    with GEOJSON_FILE.open(encoding="utf-8") as source:
        features = json.load(source)["features"]
    shapes: dict[str, tuple[Polygon, ...]] = {}
    for feature in features:
        geometry = feature["geometry"]
        parts = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                 else geometry["coordinates"])
        shapes[feature["properties"]["IDDIST"]] = tuple(
            [[(float(x), float(y)) for x, y, *_ in ring] for ring in part] for part in parts)
    return shapes


def districts_of(code: str) -> list[str]:
    """The district ubigeos a region, province or district code covers."""
    districts = reference.distritos()
    if code == reference.REGION_UBIGEO:
        return sorted(districts)
    if code in reference.provincias():
        return sorted(d for d, info in districts.items() if info.ubigeo_provincia == code)
    return [code] if code in districts else []


def _ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and area-weighted centroid sums of a ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return area / 2, cx, cy


@functools.cache
def shape(code: str) -> Shape | None:
    """The shape of a known ubigeo, None for a code outside La Libertad."""
    if reference.ubigeo_label(code) is None:
        return None
    polygons = tuple(p for d in districts_of(code) for p in _district_polygons().get(d, ()))
    if not polygons:
        capital = reference.distritos()[code]
        return Shape(code, (), (capital.lon, capital.lat), None)
    area = sx = sy = 0.0
    for polygon in polygons:
        for ring in polygon:
            a, cx, cy = _ring_area_centroid(ring)
            area += a
            sx += cx
            sy += cy
    points = [point for polygon in polygons for point in polygon[0]]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return Shape(code, polygons, (sx / (6 * area), sy / (6 * area)),
                 (min(xs), min(ys), max(xs), max(ys)))


def _xy(x: float, y: float) -> str:
    return f"{round(x, PRECISION)} {round(y, PRECISION)}"


def _ring_wkt(ring: Ring) -> str:
    return "(" + ", ".join(_xy(x, y) for x, y in ring) + ")"


def centroid_wkt(code: str) -> str | None:
    found = shape(code)
    return f"POINT ({_xy(*found.centroid)})" if found and found.centroid else None


def bbox_wkt(code: str) -> str | None:
    found = shape(code)
    if not found or not found.bbox:
        return None
    x0, y0, x1, y1 = found.bbox
    return "POLYGON ((" + ", ".join(_xy(x, y) for x, y in
                                   ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))) + "))"


def geometry_wkt(code: str) -> str | None:
    """The district polygon(s) as one WKT MULTIPOLYGON (undissolved for a province)."""
    found = shape(code)
    if not found or not found.polygons:
        return None
    return "MULTIPOLYGON (" + ", ".join(
        "(" + ", ".join(_ring_wkt(ring) for ring in polygon) + ")"
        for polygon in found.polygons) + ")"


def feature_collection(code: str, url_for: Any) -> dict[str, Any]:
    """GeoJSON of the districts a ubigeo covers, each with its ubigeo, name and page."""
    districts = reference.distritos()
    features = []
    for district in districts_of(code):
        polygons = _district_polygons().get(district)
        if not polygons:
            continue
        features.append({
            "type": "Feature",
            "id": district,
            "properties": {"ubigeo": district, "nombre": districts[district].nombre,
                           "provincia": districts[district].provincia,
                           "url": url_for(district)},
            "geometry": {"type": "MultiPolygon", "coordinates": [
                [[[round(x, PRECISION), round(y, PRECISION)] for x, y in ring]
                 for ring in polygon] for polygon in polygons]},
        })
    return {"type": "FeatureCollection", "features": features}
