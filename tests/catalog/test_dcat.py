"""DCAT and schema.org output, read back with rdflib as a harvester would."""
from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from catalog_testing import call
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ckanext.dcat.profiles import DCAT, DCT, FOAF, SCHEMA, VCARD

SALUD = "vigilancia-calidad-agua-consumo-2024"
DISTRITOS = "distritos-la-libertad-ubigeo-poblacion"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"


def dataset(name: str) -> dict:
    return call("package_show", id=name)


def graph_of(app, url: str, rdf_format: str, **kwargs) -> Graph:
    response = app.get(url, **kwargs)
    assert response.status_code == 200, response.body[:500]
    return Graph().parse(data=response.body, format=rdf_format)


def dataset_ref(graph: Graph) -> URIRef:
    (ref,) = graph.subjects(RDF.type, DCAT.Dataset)
    return ref


@pytest.mark.parametrize("suffix,rdf_format,content_type", [
    ("ttl", "turtle", "text/turtle"),
    ("rdf", "xml", "application/rdf+xml"),
    ("jsonld", "json-ld", "application/ld+json"),
])
def test_dataset_endpoints_describe_our_fields_in_dcat_ap(app, catalog, suffix, rdf_format,
                                                          content_type):
    pkg = dataset(SALUD)
    response = app.get(f"/dataset/{SALUD}.{suffix}")
    assert response.headers["Content-Type"].startswith(content_type)
    g = Graph().parse(data=response.body, format=rdf_format)
    ref = dataset_ref(g)
    assert str(g.value(ref, DCT.title)) == pkg["title"]

    publisher = g.value(ref, DCT.publisher)
    assert str(publisher).endswith(f"/organization/{pkg['organization']['id']}")
    assert str(g.value(publisher, FOAF.name)) == pkg["entidad"]
    assert g.value(publisher, DCT.type) == URIRef(
        "http://purl.org/adms/publishertype/RegionalAuthority")

    assert g.value(ref, DCT.accrualPeriodicity) == URIRef(EU_FREQUENCY + pkg["frecuencia"])
    assert str(g.value(g.value(ref, DCT.provenance), RDFS.label)) == pkg["fuente"]

    spatial = g.value(ref, DCT.spatial)
    assert str(spatial).endswith(f"/ubigeo/{pkg['cobertura_espacial']}")
    assert str(g.value(spatial, DCT.identifier)) == pkg["cobertura_espacial"]
    assert g.value(spatial, SKOS.prefLabel)

    period = g.value(ref, DCT.temporal)
    assert g.value(period, DCAT.startDate) == Literal(
        pkg["cobertura_temporal_inicio"], datatype=XSD.date)
    assert g.value(period, DCAT.endDate) == Literal(
        pkg["cobertura_temporal_fin"], datatype=XSD.date)

    contact = g.value(ref, DCAT.contactPoint)
    assert str(g.value(contact, VCARD.fn)) == pkg["maintainer"]
    assert str(g.value(contact, VCARD.hasEmail)) == f"mailto:{pkg['maintainer_email']}"

    assert g.value(ref, DCT.language) == URIRef(
        "http://publications.europa.eu/resource/authority/language/SPA")
    licence = URIRef("http://spdx.org/licenses/ODC-By-1.0")
    assert pkg["license_id"] == "odc-by"
    assert g.value(ref, DCT.license) == licence
    distributions = list(g.objects(ref, DCAT.distribution))
    assert len(distributions) == len(pkg["resources"])
    for distribution in distributions:
        assert g.value(distribution, DCT.license) == licence


def test_district_coverage_carries_the_district_centroid(app, catalog):
    pkg = dataset(DISTRITOS)
    call("package_patch", id=pkg["id"], cobertura_espacial="130101")
    g = graph_of(app, f"/dataset/{DISTRITOS}.ttl", "turtle")
    spatial = g.value(dataset_ref(g), DCT.spatial)
    assert str(g.value(spatial, SKOS.prefLabel)) == "Trujillo (Trujillo)"
    assert str(g.value(spatial, DCAT.centroid)).startswith("POINT (-79.")
    call("package_patch", id=pkg["id"], cobertura_espacial="13")


def test_catalog_lists_every_dataset_with_paging(app, catalog):
    g = graph_of(app, "/catalog.ttl", "turtle")
    (catalog_ref,) = g.subjects(RDF.type, DCAT.Catalog)
    names = {str(d) for d in g.objects(catalog_ref, DCAT.dataset)}
    assert len(names) == len(catalog.created)
    assert str(g.value(g.value(catalog_ref, DCT.publisher), FOAF.name)) == \
        "Gobierno Regional La Libertad"
    first = graph_of(app, "/catalog.ttl?page=1&modified_since=2000-01-01", "turtle")
    assert len(set(first.subjects(RDF.type, DCAT.Dataset))) == len(names)


def test_content_negotiation_on_dataset_and_home(app, catalog):
    g = graph_of(app, f"/dataset/{SALUD}", "turtle", headers={"Accept": "text/turtle"})
    assert str(g.value(dataset_ref(g), DCT.title)) == dataset(SALUD)["title"]
    # The page of its own type (a water dataset lives at /agua/...) negotiates too.
    typed = graph_of(app, f"/{dataset(SALUD)['type']}/{SALUD}", "turtle",
                     headers={"Accept": "text/turtle"})
    assert str(typed.value(dataset_ref(typed), DCT.title)) == dataset(SALUD)["title"]
    resource = dataset(SALUD)["resources"][0]["id"]
    page = app.get(f"/{dataset(SALUD)['type']}/{SALUD}/resource/{resource}",
                   headers={"Accept": "text/turtle"})
    assert page.headers["Content-Type"].startswith("text/html")
    home = graph_of(app, "/", "json-ld", headers={"Accept": "application/ld+json"})
    assert list(home.subjects(RDF.type, DCAT.Catalog))
    html = app.get(f"/dataset/{SALUD}", headers={"Accept": "text/html,*/*;q=0.8"})
    assert html.headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", [f"/dataset/{SALUD}.pdf", "/catalog.exe"])
def test_unknown_rdf_formats_are_not_acceptable(app, catalog, url):
    response = app.get(url)
    assert response.status_code == 406
    assert "ttl" in response.body


def test_dataset_page_has_schema_org_structured_data_with_our_fields(app, catalog):
    pkg = dataset(SALUD)
    page = BeautifulSoup(app.get(f"/dataset/{SALUD}").body, "html.parser")
    data = json.loads(page.find("script", type="application/ld+json").string)
    g = Graph().parse(data=json.dumps(data), format="json-ld")
    (ref,) = g.subjects(RDF.type, SCHEMA.Dataset)
    assert str(g.value(ref, SCHEMA.name)) == pkg["title"]
    assert str(g.value(g.value(ref, SCHEMA.publisher), SCHEMA.name)) == pkg["entidad"]
    assert str(g.value(ref, SCHEMA.temporalCoverage)) == (
        f"{pkg['cobertura_temporal_inicio']}/{pkg['cobertura_temporal_fin']}")
    place = g.value(ref, SCHEMA.spatialCoverage)
    assert str(g.value(place, SCHEMA.identifier)) == pkg["cobertura_espacial"]
    assert str(g.value(ref, SCHEMA.license)) == "http://spdx.org/licenses/ODC-By-1.0"


def test_our_profile_reads_back_what_it_writes(app, catalog):
    from ckanext.dcat.processors import RDFParser

    pkg = dataset(SALUD)
    parser = RDFParser(profiles=["euro_dcat_ap_3", "grll_dcat_ap"])
    parser.parse(app.get(f"/dataset/{SALUD}.ttl").body, _format="turtle")
    (parsed,) = list(parser.datasets())
    for key in ("entidad", "fuente", "frecuencia", "cobertura_espacial",
                "cobertura_temporal_inicio", "cobertura_temporal_fin", "idioma",
                "maintainer", "maintainer_email", "license_id", "title", "notes"):
        assert parsed[key] == pkg[key], key
