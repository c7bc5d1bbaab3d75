"""Being harvested: a second, clean CKAN site (its own database) harvests the live
portal with ckanext-harvest's CKAN harvester and with ckanext-dcat's RDF harvester,
and every public dataset arrives with its resources and our metadata."""
from __future__ import annotations

import configparser
import json
import subprocess
import sys
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from catalog_testing import call

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NOT_ON_SECOND_SITE = {"datastore", "xloader", "datatables_view", "tabledesigner"}
FIELDS = ("title", "notes", "entidad", "fuente", "frecuencia", "cobertura_espacial",
          "cobertura_temporal_inicio", "cobertura_temporal_fin", "idioma", "maintainer",
          "maintainer_email", "license_id", "url")


def portal_setup():
    sys.path.insert(0, str(ROOT / "scripts"))
    import portal

    return portal


@pytest.fixture(scope="module")
def second_site(ckan_ini: Path, tmp_path_factory) -> Path:
    """A clean CKAN: its own catalog database, the portal's schema, no DataStore."""
    portal = portal_setup()
    from ckanext.grll.search.storage import EXTENSIONS_SQL

    ours = tk.config["sqlalchemy.url"]
    database = ours.rsplit("/", 1)[1] + "_cosecha"
    portal.superuser_sql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    portal.superuser_sql(f"CREATE DATABASE {database} OWNER {portal.OWNER_ROLE} "
                         "ENCODING 'UTF8' TEMPLATE template0")
    portal.superuser_sql(EXTENSIONS_SQL, database)

    parser = configparser.RawConfigParser(strict=False)
    parser.optionxform = str
    parser.read(ckan_ini)
    main = parser["app:main"]
    main["sqlalchemy.url"] = ours.rsplit("/", 1)[0] + "/" + database
    main["ckan.site_id"] = "grll-cosecha"
    main["ckan.storage_path"] = str(tmp_path_factory.mktemp("second-site-storage"))
    for key in ("ckan.datastore.write_url", "ckan.datastore.read_url"):
        main.pop(key, None)
    plugins = [p for p in main["ckan.plugins"].split() if p not in NOT_ON_SECOND_SITE]
    main["ckan.plugins"] = " ".join([*plugins, "dcat_rdf_harvester"])
    main["ckan.views.default_views"] = "image_view text_view"
    ini = tmp_path_factory.mktemp("second-site") / "cosecha.ini"
    with ini.open("w") as output:
        parser.write(output)
    ckan = str(Path(sys.executable).parent / "ckan")
    subprocess.run([ckan, "-c", str(ini), "grll", "setup", "--admin-password",
                    "Clave-Cosecha-2026"], check=True, capture_output=True, text=True)
    yield ini
    portal.superuser_sql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def on_second_site(ini: Path, *args: str):
    result = subprocess.run([sys.executable, str(HERE / "second_site.py"), str(ini), *args],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def ours() -> dict[str, dict]:
    found = call("package_search", rows=1000, fq="-dataset_type:harvest")["results"]
    return {d["name"]: call("package_show", id=d["name"]) for d in found}


def resource_summary(dataset: dict) -> list[tuple]:
    return sorted((r["name"], r.get("description") or "", (r.get("format") or "").upper(),
                   r["url"]) for r in dataset["resources"])


@pytest.fixture(scope="module")
def harvested(catalog, live_server, second_site) -> dict[str, dict[str, dict]]:
    rdf = on_second_site(second_site, "harvest", "desde-dcat", "dcat_rdf",
                         f"{live_server}/catalog.ttl", "{}")
    assert rdf["gather_errors"] == []
    assert {guid: o["errors"] for guid, o in rdf["objects"].items() if o["errors"]} == {}
    by_rdf = {d["title"]: d for d in on_second_site(second_site, "datasets")}
    on_second_site(second_site, "clear", "desde-dcat")
    stock = on_second_site(second_site, "harvest", "desde-ckan", "ckan", live_server,
                           json.dumps({"remote_orgs": "create", "remote_groups": "create"}))
    assert stock["gather_errors"] == []
    assert {guid: o["errors"] for guid, o in stock["objects"].items() if o["errors"]} == {}
    by_ckan = {d["name"]: d for d in on_second_site(second_site, "datasets")}
    return {"rdf": by_rdf, "ckan": by_ckan}


def test_ckan_harvester_brings_every_dataset_intact(harvested):
    mine = ours()
    theirs = harvested["ckan"]
    assert set(theirs) == set(mine)
    for name, dataset in mine.items():
        copy = theirs[name]
        for field in FIELDS:
            assert copy.get(field) == dataset.get(field), (name, field)
        assert {t["name"] for t in copy["tags"]} == {t["name"] for t in dataset["tags"]}
        assert copy["organization"]["name"] == dataset["organization"]["name"]
        assert resource_summary(copy) == resource_summary(dataset), name


def test_dcat_rdf_harvester_brings_every_dataset_with_our_metadata(harvested):
    mine = {d["title"]: d for d in ours().values()}
    theirs = harvested["rdf"]
    assert set(theirs) == set(mine)
    for title, dataset in mine.items():
        copy = theirs[title]
        for field in FIELDS:
            assert copy.get(field) == dataset.get(field), (title, field)
        assert {t["name"] for t in copy["tags"]} == {t["name"] for t in dataset["tags"]}
        assert [(name, url) for name, _, _, url in resource_summary(copy)] == \
            [(name, url) for name, _, _, url in resource_summary(dataset)], title
