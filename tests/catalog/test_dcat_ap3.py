"""The catalog and every dataset's RDF pass the official DCAT-AP 3.0.1 shapes (pyshacl,
RDFS inference), as a European harvester validating us would check them, and the IRIs
the RDF points at (ubigeo places) answer."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from catalog_testing import call
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from ckanext.dcat.profiles import DCAT, DCT, FOAF, GSP, LOCN, SCHEMA, SPDX, VCARD

SHAPES = Path(__file__).resolve().parent / "shapes" / "dcat-ap-SHACL.ttl"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


def violations(data: Graph, shapes: Graph) -> list[str]:
    _, report, _ = validate(data, shacl_graph=shapes, inference="rdfs")
    return sorted(
        f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: "
        f"{report.value(r, SH.resultMessage)}"
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(r, SH.resultSeverity) == SH.Violation)


def turtle(app, url: str, **kwargs) -> Graph:
    response = app.get(url, **kwargs)
    assert response.status_code == 200, (url, response.body[:300])
    return Graph().parse(data=response.body, format="turtle")


def public_datasets() -> list[dict]:
    """Every public dataset of every type (harvest sources are not datasets)."""
    return call("package_search", rows=1000, fq="-dataset_type:harvest",
                include_private=False)["results"]


@pytest.fixture(scope="module")
def published(catalog) -> None:
    """The seed catalog plus the catalog dump's own dataset (a JSON Lines file), as a
    running portal publishes them."""
    call("grll_catalog_dump_refresh", background=False)


@pytest.fixture
def catalog_graph(app, published) -> Graph:
    return turtle(app, "/catalog.ttl")


def test_catalog_has_no_dcat_ap3_violations(catalog_graph, shapes):
    assert violations(catalog_graph, shapes) == []
    (catalog_ref,) = catalog_graph.subjects(RDF.type, DCAT.Catalog)
    listed = set(catalog_graph.objects(catalog_ref, DCAT.dataset))
    assert {str(catalog_graph.value(d, DCT.identifier)) for d in listed} == \
        {d["id"] for d in public_datasets()}


def test_every_dataset_rdf_has_no_dcat_ap3_violations(app, published, shapes):
    found = {}
    for dataset in public_datasets():
        graph = turtle(app, f"/dataset/{dataset['name']}.ttl")
        found[dataset["name"]] = violations(graph, shapes)
    assert found and all(not v for v in found.values()), \
        {name: v for name, v in found.items() if v}


def test_dcat_output_holds_no_schema_org(catalog_graph):
    assert not [t for t in catalog_graph if any(
        str(term).startswith(str(SCHEMA)) for term in t)]
    # Each publisher is named once, whatever the number of its datasets.
    for publisher in set(catalog_graph.objects(None, DCT.publisher)):
        assert len(list(catalog_graph.objects(publisher, FOAF.name))) == 1


def test_distributions_use_eu_file_types_iana_media_types_and_download_urls(catalog_graph):
    g = catalog_graph
    # The catalog dump (JSON Lines) has neither an EU file type nor an IANA media type.
    distributions = {d for d in g.subjects(RDF.type, DCAT.Distribution)
                     if not str(g.value(d, DCAT.accessURL)).endswith(".jsonl")}
    assert distributions
    for distribution in distributions:
        assert str(g.value(distribution, DCT["format"])).startswith(EU + "file-type/")
        assert str(g.value(distribution, DCAT.mediaType)).startswith(IANA)
        assert isinstance(g.value(distribution, DCAT.downloadURL), URIRef)
        assert g.value(distribution, DCAT.byteSize).datatype.endswith("nonNegativeInteger")
        for checksum in g.objects(distribution, SPDX.checksum):
            assert g.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_md5


def test_licences_themes_and_contacts(catalog_graph):
    g = catalog_graph
    for dataset in public_datasets():
        (ref,) = [s for s in g.subjects(RDF.type, DCAT.Dataset)
                  if str(g.value(s, DCT.identifier)) == dataset["id"]]
        licence = g.value(ref, DCT.license)
        if dataset["license_id"] == "odc-by":
            assert licence == URIRef("http://spdx.org/licenses/ODC-By-1.0")
        assert all(g.value(d, DCT.license) == licence
                   for d in g.objects(ref, DCAT.distribution))
        themes = {str(t) for t in g.objects(ref, DCAT.theme)}
        for group in dataset["groups"]:
            assert any(t.endswith(f"/group/{group['name']}") for t in themes)
        if dataset["groups"]:
            assert any(t.startswith(EU + "data-theme/") for t in themes)
        assert (g.value(ref, DCAT.contactPoint), RDF.type, VCARD.Kind) in g
    (catalog_ref,) = g.subjects(RDF.type, DCAT.Catalog)
    assert set(g.objects(catalog_ref, DCT.language)) == {URIRef(EU + "language/SPA")}


def test_a_coverage_ending_in_the_future_is_not_published(app, catalog):
    name = "indicadores-mercado-laboral-2015-2024"
    before = call("package_show", id=name)
    future = (datetime.date.today() + datetime.timedelta(days=365)).isoformat()
    call("package_patch", id=name, cobertura_temporal_fin=future)
    try:
        g = turtle(app, f"/dataset/{name}.ttl")
        (period,) = g.objects(next(g.subjects(RDF.type, DCAT.Dataset)), DCT.temporal)
        assert g.value(period, DCAT.endDate) is None
        assert str(g.value(period, DCAT.startDate)) == before["cobertura_temporal_inicio"]
        page = app.get(f"/dataset/{name}").body
        structured = page.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert f'"{before["cobertura_temporal_inicio"]}/.."' in structured
        assert future not in structured
    finally:
        call("package_patch", id=name, cobertura_temporal_fin=before["cobertura_temporal_fin"])


def test_every_spatial_iri_answers_with_its_place(app, catalog_graph):
    places = set(catalog_graph.objects(None, DCT.spatial))
    assert places
    for place in places:
        path = str(place).split("://", 1)[1].split("/", 1)[1]
        g = turtle(app, f"/{path}", headers={"Accept": "text/turtle"})
        assert (place, RDF.type, DCT.Location) in g
        assert g.value(place, DCAT.centroid).datatype == GSP.wktLiteral
        geometry = g.value(place, LOCN.geometry)
        assert str(g.value(geometry, GSP.asWKT)).startswith("MULTIPOLYGON")


@pytest.mark.parametrize("code,parts", [("13", 12), ("1301", 12), ("130101", 0)])
def test_ubigeo_pages_show_the_place_and_its_parts(app, catalog, code, parts):
    page = app.get(f"/ubigeo/{code}")
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "<svg" in page.body
    assert page.body.count('href="/ubigeo/') >= parts
    g = turtle(app, f"/ubigeo/{code}.ttl")
    place = next(g.subjects(RDF.type, DCT.Location))
    assert len(list(g.objects(place, DCT.hasPart))) == parts
    features = json.loads(app.get(f"/ubigeo/{code}.geojson").body)["features"]
    assert features and all(f["geometry"]["type"] == "MultiPolygon" for f in features)


def test_alto_trujillo_has_a_centroid_but_no_polygon_of_its_own(app, catalog):
    g = turtle(app, "/ubigeo/130112", headers={"Accept": "text/turtle"})
    place = next(g.subjects(RDF.type, DCT.Location))
    assert g.value(place, DCAT.centroid) is not None
    assert g.value(place, LOCN.geometry) is None
    assert app.get("/ubigeo/130112").status_code == 200


@pytest.mark.parametrize("url", ["/ubigeo/99", "/ubigeo/140101.ttl", "/ubigeo/13.exe"])
def test_unknown_ubigeos_and_formats_answer_404(app, catalog, url):
    response = app.get(url)
    assert response.status_code == 404


def test_a_datastore_table_is_a_conformant_csv_distribution(app, catalog, shapes):
    """Harvested tables live only in the DataStore: their distribution is the dump."""
    name = "sindicatos-registrados"
    created = call("datastore_create", resource={
        "package_id": name, "name": "Tabla de prueba", "format": "CSV"},
        fields=[{"id": "ubigeo", "type": "text"}], records=[{"ubigeo": "130101"}])
    try:
        g = turtle(app, f"/dataset/{name}.ttl")
        assert violations(g, shapes) == []
        (distribution,) = [d for d in g.subjects(RDF.type, DCAT.Distribution)
                           if str(d).endswith(created["resource_id"])]
        assert g.value(distribution, DCAT.mediaType) == URIRef(IANA + "text/csv")
        assert g.value(distribution, DCT["format"]) == URIRef(EU + "file-type/CSV")
        assert str(g.value(distribution, DCAT.downloadURL)).endswith(
            f"/datastore/dump/{created['resource_id']}")
    finally:
        call("resource_delete", id=created["resource_id"])
