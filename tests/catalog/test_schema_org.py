"""Every dataset page carries the schema.org Dataset that Google Dataset Search reads,
with its required and recommended fields, as extruct (the structured-data parser
search-engine tooling uses) extracts it from the page."""
from __future__ import annotations

import json
import re

import extruct
import pytest
from catalog_testing import call
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from ckanext.dcat.profiles import SCHEMA

MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")
MARKDOWN = re.compile(r"\*\*|^\s*[>|#-] |\|---|\]\(", re.MULTILINE)


def public_datasets() -> list[dict]:
    return call("package_search", rows=1000, fq="-dataset_type:harvest",
                include_private=False)["results"]


def page_dataset(app, name: str) -> tuple[Graph, object]:
    page = app.get(f"/dataset/{name}")
    assert page.status_code == 200
    found = extruct.extract(page.body, base_url=f"http://localhost/dataset/{name}",
                            syntaxes=["json-ld"])["json-ld"]
    assert len(found) == 1, name
    g = Graph().parse(data=json.dumps(found[0]), format="json-ld")
    (ref,) = g.subjects(RDF.type, SCHEMA.Dataset)
    return g, ref


@pytest.fixture(scope="module")
def datasets(catalog) -> list[dict]:
    """The seed catalog and the catalog dump's dataset, as a running portal has them."""
    call("grll_catalog_dump_refresh", background=False)
    found = public_datasets()
    assert len(found) == len(catalog.created) + 1
    return found


def test_every_dataset_page_has_google_dataset_fields(app, datasets):
    missing: dict[str, list[str]] = {}
    for dataset in datasets:
        g, ref = page_dataset(app, dataset["name"])

        def has(predicate, g=g, ref=ref):
            return g.value(ref, predicate) is not None

        problems = [str(p).rsplit("/", 1)[1] for p in (
            SCHEMA.name, SCHEMA.description, SCHEMA.identifier, SCHEMA.url, SCHEMA.license,
            SCHEMA.creator, SCHEMA.publisher, SCHEMA.keywords, SCHEMA.spatialCoverage,
            SCHEMA.includedInDataCatalog, SCHEMA.isAccessibleForFree,
            SCHEMA.distribution) if not has(p)]
        # Recommended, and published whenever the steward filled the coverage in.
        if dataset.get("cobertura_temporal_inicio") and not has(SCHEMA.temporalCoverage):
            problems.append("temporalCoverage")
        description = str(g.value(ref, SCHEMA.description) or "")
        if not 50 <= len(description) <= 5000 or MARKDOWN.search(description):
            problems.append(f"description {description[:80]!r}")
        if not str(g.value(ref, SCHEMA.license) or "").startswith("http"):
            problems.append("license is not a URL")
        if not str(g.value(ref, SCHEMA.identifier) or "").endswith(f"/dataset/{dataset['id']}"):
            problems.append("identifier")
        for distribution in g.objects(ref, SCHEMA.distribution):
            if not str(g.value(distribution, SCHEMA.contentUrl) or "").startswith("http"):
                problems.append(f"contentUrl of {distribution}")
            if not MEDIA_TYPE.match(str(g.value(distribution, SCHEMA.encodingFormat) or "")):
                problems.append(f"encodingFormat of {distribution}")
        if problems:
            missing[dataset["name"]] = problems
    assert missing == {}


def test_structured_data_matches_the_dataset(app, datasets):
    name = "vigilancia-calidad-agua-consumo-2024"
    pkg = call("package_show", id=name)
    g, ref = page_dataset(app, name)
    assert str(g.value(ref, SCHEMA.name)) == pkg["title"]
    assert "Muestra demostrativa, no son resultados oficiales." in \
        str(g.value(ref, SCHEMA.description))
    assert g.value(ref, SCHEMA.isAccessibleForFree) == Literal(True)
    (resource,) = pkg["resources"]
    (distribution,) = g.objects(ref, SCHEMA.distribution)
    assert str(g.value(distribution, SCHEMA.contentUrl)) == resource["url"]
    assert str(g.value(distribution, SCHEMA.encodingFormat)) == "text/csv"
    place = g.value(ref, SCHEMA.spatialCoverage)
    assert str(g.value(place, SCHEMA.url)).endswith(f"/ubigeo/{pkg['cobertura_espacial']}")
    assert g.value(g.value(place, SCHEMA.geo), SCHEMA.box) is not None
    # One contact point for the organization, not one per role it plays.
    for agent in g.objects(ref, SCHEMA.creator):
        assert len(list(g.objects(agent, SCHEMA.contactPoint))) <= 1


def test_a_licence_without_a_url_points_at_the_terms_on_the_page(app, datasets):
    name = "limites-distritales-la-libertad-geojson"
    dataset_type = call("package_show", id=name)["type"]
    g, ref = page_dataset(app, name)
    assert str(g.value(ref, SCHEMA.license)).endswith(f"/{dataset_type}/{name}#licencia")
    assert app.get(f"/{dataset_type}/{name}").status_code == 200
    assert "MPL-2.0" in str(g.value(ref, SCHEMA.description))
