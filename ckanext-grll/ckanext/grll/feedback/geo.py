"""Where a report is: the district of a point, distances, the region's extent.

Pure Python point-in-polygon over the 83 district polygons of
datasets/reference/la_libertad_distritos.geojson (MPL-2.0, read at run time,
never copied). 130112 Alto Trujillo is not a separate polygon: it lies inside
130102 El Porvenir's, so a point there resolves to El Porvenir unless the
citizen chose Alto Trujillo.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass

from ckanext.grll.reference import REFERENCE_DIR

GEOJSON = REFERENCE_DIR / "la_libertad_distritos.geojson"
EARTH_RADIUS_M = 6_371_000.0
# Districts created after the polygons were drawn, and the polygon they lie in.
SPLIT_DISTRICTS = {"130112": "130102"}

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class DistrictShape:
    ubigeo: str
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    polygons: tuple[tuple[Ring, ...], ...]  # each: outer ring, then holes

    def contains(self, lon: float, lat: float) -> bool:
        min_lon, min_lat, max_lon, max_lat = self.bbox
        if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
            return False
        for outer, *holes in self.polygons:
            if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, h) for h in holes):
                return True
        return False


@functools.cache
def district_shapes() -> tuple[DistrictShape, ...]:
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    shapes = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        raw = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
               else geometry["coordinates"])
        polygons = tuple(tuple(tuple((float(x), float(y)) for x, y, *_ in ring)
                               for ring in polygon) for polygon in raw)
        points = [pt for polygon in polygons for pt in polygon[0]]
        bbox = (min(x for x, _ in points), min(y for _, y in points),
                max(x for x, _ in points), max(y for _, y in points))
        shapes.append(DistrictShape(feature["properties"]["IDDIST"], bbox, polygons))
    return tuple(shapes)


def district_at(lat: float, lon: float) -> str | None:
    """Ubigeo of the district polygon holding the point, or None outside La Libertad."""
    for shape in district_shapes():
        if shape.contains(lon, lat):
            return shape.ubigeo
    return None


def point_matches_district(ubigeo_of_point: str, chosen: str) -> bool:
    """Whether a citizen's chosen district agrees with the polygon of the point."""
    return chosen == ubigeo_of_point or SPLIT_DISTRICTS.get(chosen) == ubigeo_of_point


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd rule: count crossings of a ray going east from the point."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside
