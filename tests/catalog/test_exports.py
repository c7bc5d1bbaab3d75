"""Bulk CSV exports and the JSON Lines catalog dump, checked against the catalog."""
from __future__ import annotations

import csv
import io
import json

import ckan.plugins.toolkit as tk
import pytest
from catalog_testing import call, site_context

from ckanext.grll.catalog import dump, exports


def read_csv(app, url: str) -> list[dict[str, str]]:
    response = app.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.body.lstrip("\ufeff"))))


def all_datasets() -> list[dict]:
    return call("package_search", rows=1000, sort="name asc")["results"]


def test_datasets_csv_has_one_row_per_public_dataset_with_our_fields(app, catalog):
    rows = read_csv(app, "/catalogo/datasets.csv")
    expected = all_datasets()
    assert [row["name"] for row in rows] == [d["name"] for d in expected]
    by_name = {row["name"]: row for row in rows}
    sample = call("package_show", id="vigilancia-calidad-agua-consumo-2024")
    row = by_name[sample["name"]]
    for key in ("title", "entidad", "fuente", "frecuencia", "cobertura_espacial",
                "cobertura_temporal_inicio", "maintainer_email", "license_id"):
        assert row[key] == sample[key], key
    assert row["organization"] == sample["organization"]["name"]
    assert row["cobertura_espacial_nombre"] == "Región La Libertad"
    assert int(row["num_resources"]) == len(sample["resources"])
    assert row["url"].endswith(f"/{sample['type']}/{sample['name']}")
    assert 0 <= int(row["calidad"]) <= 100


def test_private_datasets_stay_out_of_the_exports(app, catalog):
    name = "delitos-fiscalia-mpfn-2024"
    call("package_patch", id=name, private=True)
    try:
        assert name not in {row["name"] for row in read_csv(app, "/catalogo/datasets.csv")}
        assert name not in {r["dataset_name"] for r in read_csv(app, "/catalogo/recursos.csv")}
    finally:
        call("package_patch", id=name, private=False)


def test_resources_csv_lists_every_resource_with_its_dataset(app, catalog):
    rows = read_csv(app, "/catalogo/recursos.csv")
    expected = [(d["name"], r["id"]) for d in all_datasets() for r in d["resources"]]
    assert [(row["dataset_name"], row["id"]) for row in rows] == expected
    assert any(row["datastore_active"] == "True" for row in rows)
    assert all(row["url"] for row in rows)


def test_organizations_csv_counts_datasets(app, catalog):
    rows = read_csv(app, "/catalogo/organizaciones.csv")
    organizations = call("organization_list", all_fields=True)
    assert {row["name"]: int(row["package_count"]) for row in rows} == {
        o["name"]: o["package_count"] for o in organizations}


def test_unknown_export_is_404(app, catalog):
    assert app.get("/catalogo/usuarios.csv").status_code == 404


def test_exports_stream_page_by_page(catalog, monkeypatch):
    """A small page size still yields every dataset: rows are produced lazily."""
    stream = exports.csv_lines(exports.DATASET_COLUMNS,
                               (exports.dataset_row(d) for d in exports.public_datasets(3)))
    header = next(stream)
    assert header.startswith("\ufeffid,name,title")
    assert sum(1 for _ in stream) == len(all_datasets())


def test_dump_job_writes_one_package_show_per_line_and_publishes_itself(app, catalog):
    result = tk.get_action("grll_catalog_dump_refresh")(site_context(), {"background": False})
    response = app.get(dump.DUMP_ROUTE)
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.body.splitlines()]
    assert len(lines) == result["datasets"]
    by_name = {line["name"]: line for line in lines}
    sample = call("package_show", id="precios-en-chacra-2024")
    assert by_name[sample["name"]]["resources"] == sample["resources"]
    assert by_name[sample["name"]]["entidad"] == sample["entidad"]
    published = call("package_show", id=dump.DUMP_DATASET)
    (resource,) = published["resources"]
    assert resource["url"].endswith(dump.DUMP_ROUTE)
    assert resource["format"] == "JSONL"
    assert int(resource["size"]) == dump.dump_path().stat().st_size


def test_failed_dump_leaves_the_previous_dump_in_place(catalog, monkeypatch):
    tk.get_action("grll_catalog_dump_refresh")(site_context(), {"background": False})
    before = dump.dump_path().read_bytes()
    published = call("package_show", id=dump.DUMP_DATASET)

    real = list(exports.public_datasets())[:3]

    def vanishing_dataset(page_size: int = 200):
        yield from real
        yield {"id": "borrado-durante-el-volcado"}

    monkeypatch.setattr(exports, "public_datasets", vanishing_dataset)
    with pytest.raises(tk.ObjectNotFound):
        dump.build_dump()
    assert dump.dump_path().read_bytes() == before
    assert not list(dump.dump_path().parent.glob(".catalogo-*"))
    assert call("package_show", id=dump.DUMP_DATASET)["metadata_modified"] == \
        published["metadata_modified"]


def test_only_sysadmins_refresh_the_dump(catalog):
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("grll_catalog_dump_refresh")({"user": ""}, {})


def test_dump_refresh_rejects_bad_input(catalog):
    with pytest.raises(tk.ValidationError) as error:
        tk.get_action("grll_catalog_dump_refresh")(site_context(), {"background": "tal vez"})
    assert "background" in error.value.error_dict


def test_dump_command_for_cron(cli, catalog):
    from ckan.cli.cli import ckan

    result = cli.invoke(ckan, ["grll", "catalogo", "volcado"])
    assert result.exit_code == 0, result.output
    lines = dump.dump_path().read_text(encoding="utf-8").splitlines()
    assert f"Catalog dump: {len(lines)} datasets" in result.output
