"""A portal seeded before the datasets had their commitments' types (every seed dataset of
type `dataset`) is upgraded in place by the next `ckan grll seed`, once."""
from __future__ import annotations

import shutil

import ckan.plugins.toolkit as tk
import pytest
import yaml
from ckan.tests import factories, helpers

from ckanext.grll.reference import DATASETS_DIR
from ckanext.grll.seed.loader import SeedError, load_catalog, parse_dataset_file, schema_fields
from portal_testing import empty_datastore, ensure_portal_plugins

CATALOG_FILES = sorted((DATASETS_DIR / "catalog").glob("*.yaml"))
TYPES = {path.stem: parse_dataset_file(path).metadata["type"] for path in CATALOG_FILES}
CONVERTED = sorted(name for name, dataset_type in TYPES.items() if dataset_type != "dataset")
WATER = "vigilancia-calidad-agua-consumo-2024"


def _untyped_copy(target):
    """datasets/ as it was before the types: no `type` line and none of the fields the
    commitments' schemas add."""
    shutil.copytree(DATASETS_DIR, target, ignore=shutil.ignore_patterns("harvest_sources.yaml"))
    portal_fields = schema_fields()["dataset"]
    for path in (target / "catalog").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        own = schema_fields()[data.pop("type", "dataset")] - portal_fields
        untyped = {key: value for key, value in data.items() if key not in own}
        path.write_text(yaml.safe_dump(untyped, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return target


def _state(name: str) -> dict:
    dataset = helpers.call_action("package_show", id=name)
    tables = {}
    for resource in dataset["resources"]:
        if resource.get("datastore_active"):
            found = helpers.call_action("datastore_search", resource_id=resource["id"], limit=1)
            tables[resource["id"]] = (found["total"], [f["id"] for f in found["fields"]])
    return {"id": dataset["id"], "type": dataset["type"],
            "resources": [r["id"] for r in dataset["resources"]], "tables": tables}


@pytest.fixture(scope="module")
def upgrade(reset_db, reset_index, tmp_path_factory) -> dict:
    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    old = load_catalog(datasets_dir=_untyped_copy(tmp_path_factory.mktemp("antes") / "datasets"))
    assert old.failures == []
    follower = factories.User()
    helpers.call_action("follow_dataset", context={"user": follower["name"]}, id=WATER)
    before = {name: _state(name) for name in TYPES}
    activities = len(helpers.call_action("package_activity_list", id=WATER,
                                         include_hidden_activity=True))
    first = load_catalog()
    after = {name: _state(name) for name in TYPES}
    activities_after = len(helpers.call_action("package_activity_list", id=WATER,
                                         include_hidden_activity=True))
    second = load_catalog()
    return {"before": before, "first": first, "after": after, "second": second,
            "follower": follower, "activities": (activities, activities_after),
            "final": {name: _state(name) for name in TYPES}}


def test_the_old_seed_stored_every_dataset_as_dataset(upgrade):
    assert {state["type"] for state in upgrade["before"].values()} == {"dataset"}


def test_the_next_seed_gives_each_dataset_its_type_in_place(upgrade):
    first = upgrade["first"]
    assert first.failures == [] and first.created == []
    assert sorted(first.updated) == CONVERTED
    for name, dataset_type in TYPES.items():
        before, after = upgrade["before"][name], upgrade["after"][name]
        assert after["type"] == dataset_type, name
        assert after["id"] == before["id"], name
        assert after["resources"] == before["resources"], name
        assert after["tables"] == before["tables"] and (after["tables"] or name.startswith(
            "limites-")), name


def test_followers_and_activity_stay_with_the_converted_dataset(upgrade):
    followers = helpers.call_action("dataset_follower_list", id=WATER)
    assert [user["name"] for user in followers] == [upgrade["follower"]["name"]]
    before, after = upgrade["activities"]
    assert after == before + 1  # the conversion is one more change in its history


def test_a_second_seed_changes_nothing(upgrade):
    second = upgrade["second"]
    assert second.failures == [] and second.created == [] and second.updated == []
    assert sorted(second.unchanged) == sorted(TYPES)
    assert upgrade["final"] == upgrade["after"]


def test_search_finds_the_converted_datasets_under_their_types(upgrade):
    for dataset_type in set(TYPES.values()):
        found = helpers.call_action("package_search", fq=f"+dataset_type:{dataset_type}",
                                    rows=100)
        expected = sorted(name for name, t in TYPES.items() if t == dataset_type)
        assert sorted(d["name"] for d in found["results"]) == expected, dataset_type


def test_the_old_dataset_url_of_a_converted_dataset_still_answers(upgrade, app):
    response = app.get(f"/dataset/{WATER}", follow_redirects=True)
    assert response.status_code == 200
    title = helpers.call_action("package_show", id=WATER)["title"]
    assert title in response.get_data(as_text=True)
    own_page = app.get(f"/agua/{WATER}")
    assert own_page.status_code == 200 and title in own_page.get_data(as_text=True)


def test_a_steward_edits_a_water_dataset_with_the_water_form(upgrade, app):
    steward = factories.User()
    helpers.call_action("organization_member_create", id="gerencia-regional-salud",
                        username=steward["name"], role="editor")
    token = helpers.call_action("api_token_create", context={"user": steward["name"]},
                                user=steward["name"], name="web")["token"]
    response = app.get(tk.url_for("agua.edit", id=WATER), headers={"Authorization": token})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    for field in ("prestador", "tipo_prestador", "programa_muestreo", "parametros_medidos",
                  "laboratorio"):
        assert f'name="{field}"' in body, field
    assert "Programa de muestreo" in body
    assert 'value="vigilancia" selected' in body


def test_a_conversion_the_new_schema_refuses_leaves_the_dataset_as_it_was(upgrade, tmp_path):
    datasets = _untyped_copy(tmp_path / "datasets")
    for path in (datasets / "catalog").glob("*.yaml"):
        if path.stem != WATER:
            path.unlink()
    spec = datasets / "catalog" / f"{WATER}.yaml"
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    data["name"] = "muestras-sin-prestador"
    spec.unlink()
    spec = spec.with_name("muestras-sin-prestador.yaml")
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_catalog(datasets_dir=datasets).created == ["muestras-sin-prestador"]
    before = _state("muestras-sin-prestador")

    spec.write_text(yaml.safe_dump({**data, "type": "agua"}, allow_unicode=True),
                    encoding="utf-8")
    report = load_catalog(datasets_dir=datasets)

    assert len(report.failures) == 1
    assert "muestras-sin-prestador.yaml" in report.failures[0]
    assert "prestador" in report.failures[0]
    assert _state("muestras-sin-prestador") == before
    found = helpers.call_action("package_search", fq="+name:muestras-sin-prestador")
    assert [d["type"] for d in found["results"]] == ["dataset"]


def test_a_type_no_schema_declares_is_refused_with_the_file_and_field(tmp_path):
    path = tmp_path / "raro.yaml"
    path.write_text("name: raro\ntype: mineria\ntitle: Raro\nnotes: x\nowner_org: o\n"
                    "resources: []\n", encoding="utf-8")
    with pytest.raises(SeedError) as error:
        parse_dataset_file(path)
    assert "raro.yaml" in str(error.value) and "'type'" in str(error.value)
    assert "mineria" in str(error.value)
