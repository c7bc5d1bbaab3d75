"""Where a report is: the district of a point, distances, the region's extent.

Pure Python point-in-polygon over the 83 district polygons of
datasets/reference/la_libertad_distritos.geojson (MPL-2.0, read at run time,
never copied). 130112 Alto Trujillo is not a separate polygon: it lies inside
130102 El Porvenir's, so a point there resolves to El Porvenir unless the
citizen chose Alto Trujillo.

The 2007 polygons are coarse: some capitals fall in a neighbour's polygon, and
Pacasmayo's lies 74 m off its coast line. So a point just outside every polygon
still counts as the nearest district (``district_near``), and a point in a
neighbour's polygon is a mismatch to show staff, never a reason to refuse a citizen.
"""
from __future__ import annotations

import functools
import itertools
import json
import math
from dataclasses import dataclass

from ckanext.grll.reference import REFERENCE_DIR

GEOJSON = REFERENCE_DIR / "la_libertad_distritos.geojson"
EARTH_RADIUS_M = 6_371_000.0
# Districts created after the polygons were drawn, and the polygon they lie in.
SPLIT_DISTRICTS = {"130112": "130102"}
#: How far outside a district's polygon a point may lie and still count as in it:
#: the polygons' slips reach 1.5 km (La Esperanza's capital).
BOUNDARY_TOLERANCE_M = 3000.0
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180

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

    def distance_m(self, lon: float, lat: float) -> float:
        """Metres from the point to the nearest edge of the district's polygons."""
        scale = math.cos(math.radians(lat))
        return min(_segment_distance(lon * scale, lat, a[0] * scale, a[1], b[0] * scale, b[1])
                   for polygon in self.polygons for ring in polygon
                   for a, b in itertools.pairwise(ring)) * METRES_PER_DEGREE

    def near(self, lon: float, lat: float, within_m: float) -> bool:
        """Whether the point is within ``within_m`` of the bounding box (a cheap pre-check)."""
        margin = within_m / METRES_PER_DEGREE / max(math.cos(math.radians(lat)), 0.1)
        min_lon, min_lat, max_lon, max_lat = self.bbox
        return (min_lon - margin <= lon <= max_lon + margin
                and min_lat - margin <= lat <= max_lat + margin)


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


def district_near(lat: float, lon: float,
                  within_m: float = BOUNDARY_TOLERANCE_M) -> str | None:
    """The district of the point, or outside every polygon the one whose edge is within
    ``within_m`` metres; None when the point is farther out (not in La Libertad)."""
    found = district_at(lat, lon)
    if found is not None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return found
    distances = [(shape.distance_m(lon, lat), shape.ubigeo) for shape in district_shapes()
                 if shape.near(lon, lat, within_m)]
    nearest = min(distances, default=None)
    return nearest[1] if nearest and nearest[0] <= within_m else None


def near_district(lat: float, lon: float, ubigeo: str,
                  within_m: float = BOUNDARY_TOLERANCE_M) -> bool:
    """Whether the point is in the district's polygon or within ``within_m`` of it."""
    polygon = SPLIT_DISTRICTS.get(ubigeo, ubigeo)
    shape = next((s for s in district_shapes() if s.ubigeo == polygon), None)
    return shape is not None and (shape.contains(lon, lat) or (
        shape.near(lon, lat, within_m) and shape.distance_m(lon, lat) <= within_m))


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


def _segment_distance(px: float, py: float, ax: float, ay: float, bx: float,
                      by: float) -> float:
    """Distance from a point to the segment a-b, in the plane."""
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)
