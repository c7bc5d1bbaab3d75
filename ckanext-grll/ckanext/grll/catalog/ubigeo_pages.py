"""`/ubigeo/<code>`: the places the catalogue's `dct:spatial` points at.

Every dataset's spatial coverage is the IRI of an INEI ubigeo (region 13, one of its
12 provinces or 84 districts). A DCAT consumer that follows it gets the place in
RDF (Turtle, RDF/XML or JSON-LD, by extension or `Accept` header) with its polygons,
bounding box and centroid; a browser gets a page with the map and the places above
and below it; `.geojson` gives the district polygons for GIS tools.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, request
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ckanext.dcat.profiles import DCAT, DCT, GSP, LOCN
from ckanext.grll import reference
from ckanext.grll.catalog import ubigeo_geometry
from ckanext.grll.catalog.dcat import ubigeo_uri

__all__ = ["grll_ubigeo"]

grll_ubigeo = Blueprint("grll_ubigeo", __name__)

#: Extension -> (rdflib format, content type).
RDF_FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
}
#: The SVG map's size in pixels.
MAP_WIDTH = 480
MAP_HEIGHT = 360


def _known(code: str) -> str:
    label = reference.ubigeo_label(code)
    if label is None:
        tk.abort(404, tk._("No existe el ubigeo {code} en La Libertad.").format(code=code))
    return label


def parent_of(code: str) -> str | None:
    if code == reference.REGION_UBIGEO:
        return None
    if code in reference.provincias():
        return reference.REGION_UBIGEO
    return reference.distritos()[code].ubigeo_provincia


def children_of(code: str) -> list[str]:
    if code == reference.REGION_UBIGEO:
        return sorted(reference.provincias())
    if code in reference.provincias():
        return ubigeo_geometry.districts_of(code)
    return []


def ubigeo_graph(code: str) -> Graph:
    """The place as `dct:Location` (DCAT-AP 3 / GeoDCAT-AP): label, identifier,
    geometry, bounding box, centroid, and the places it is part of or contains."""
    g = Graph()
    for prefix, namespace in (("dct", DCT), ("dcat", DCAT), ("locn", LOCN), ("gsp", GSP),
                              ("skos", SKOS)):
        g.bind(prefix, namespace)
    place = ubigeo_uri(code)
    g.add((place, RDF.type, DCT.Location))
    g.add((place, DCT.identifier, Literal(code)))
    g.add((place, SKOS.prefLabel, Literal(reference.ubigeo_label(code), lang="es")))
    for predicate, wkt in ((DCAT.centroid, ubigeo_geometry.centroid_wkt(code)),
                           (DCAT.bbox, ubigeo_geometry.bbox_wkt(code))):
        if wkt:
            g.add((place, predicate, Literal(wkt, datatype=GSP.wktLiteral)))
    geometry_wkt = ubigeo_geometry.geometry_wkt(code)
    if geometry_wkt:
        geometry = URIRef(f"{place}#geometria")
        g.add((place, LOCN.geometry, geometry))
        g.add((geometry, RDF.type, LOCN.Geometry))
        g.add((geometry, GSP.asWKT, Literal(geometry_wkt, datatype=GSP.wktLiteral)))
    parent = parent_of(code)
    if parent:
        g.add((place, DCT.isPartOf, ubigeo_uri(parent)))
    for child in children_of(code):
        g.add((place, DCT.hasPart, ubigeo_uri(child)))
    g.add((place, RDFS.seeAlso, URIRef(f"{place}.geojson")))
    return g


def _rdf(code: str, extension: str) -> Response:
    rdf_format, content_type = RDF_FORMATS[extension]
    return Response(ubigeo_graph(code).serialize(format=rdf_format),
                    mimetype=content_type)


def _geojson(code: str) -> Response:
    collection = ubigeo_geometry.feature_collection(
        code, lambda district: str(ubigeo_uri(district)))
    return Response(tk.h.dump_json(collection), mimetype="application/geo+json")


def map_paths(code: str) -> list[dict[str, Any]]:
    """SVG paths of the districts, in an equirectangular projection scaled to
    MAP_WIDTH x MAP_HEIGHT (good enough at a region's size, with no map library)."""
    found = ubigeo_geometry.shape(code)
    if not found or not found.bbox:
        return []
    west, south, east, north = found.bbox
    scale = min(MAP_WIDTH / ((east - west) or 1), MAP_HEIGHT / ((north - south) or 1))

    def point(x: float, y: float) -> str:
        return f"{(x - west) * scale:.1f},{(north - y) * scale:.1f}"

    districts = reference.distritos()
    paths = []
    for district in ubigeo_geometry.districts_of(code):
        district_shape = ubigeo_geometry.shape(district)
        if not district_shape or not district_shape.polygons:
            continue
        d = " ".join("M" + " L".join(point(x, y) for x, y in ring) + " Z"
                     for polygon in district_shape.polygons for ring in polygon)
        paths.append({"code": district, "name": districts[district].nombre, "d": d})
    return paths


@grll_ubigeo.route("/ubigeo/<code>")
def ubigeo(code: str) -> Any:
    label = _known(code)
    by_type = {content_type: extension for extension, (_, content_type) in RDF_FORMATS.items()}
    wanted = request.accept_mimetypes.best_match(["text/html", *by_type], default="text/html")
    if wanted in by_type:
        return _rdf(code, by_type[wanted])
    districts = reference.distritos()
    level = (tk._("Región") if code == reference.REGION_UBIGEO
             else tk._("Provincia") if code in reference.provincias()
             else tk._("Distrito"))
    parent = parent_of(code)
    covered = ubigeo_geometry.districts_of(code)
    return tk.render("grll/catalog/ubigeo.html", {
        "code": code, "label": label, "level": level,
        "parent": {"code": parent, "label": reference.ubigeo_label(parent)} if parent else None,
        "children": [{"code": c, "label": reference.ubigeo_label(c)} for c in children_of(code)],
        "poblacion": sum(districts[d].poblacion for d in covered),
        "capital": districts[code].capital if code in districts else None,
        "centroid": ubigeo_geometry.shape(code).centroid,
        "paths": map_paths(code), "map_width": MAP_WIDTH, "map_height": MAP_HEIGHT,
        "formats": ["ttl", "rdf", "jsonld", "geojson"],
    })


@grll_ubigeo.route("/ubigeo/<code>.<extension>")
def ubigeo_file(code: str, extension: str) -> Any:
    _known(code)
    if extension == "geojson":
        return _geojson(code)
    if extension not in RDF_FORMATS:
        return Response(tk._("Formato no disponible: {extension}. Use ttl, rdf, jsonld o "
                             "geojson.").format(extension=extension) + "\n",
                        status=404, mimetype="text/plain")
    return _rdf(code, extension)
