"""DataStore downloads (/datastore/dump/<id>): the real media type, and CSV with one line
ending (CRLF, RFC 4180) throughout, line breaks inside values kept."""
from __future__ import annotations

import csv
import io

import pytest
from catalog_testing import call

from ckanext.grll.catalog.datastore_dump import crlf_records


@pytest.fixture(scope="module")
def table(catalog) -> str:
    """A DataStore table of the seed."""
    dataset = call("package_show", id="precios-en-chacra-2024")
    resource = next(r for r in dataset["resources"] if r.get("datastore_active"))
    return resource["id"]


@pytest.fixture(scope="module")
def table_with_line_breaks(catalog) -> str:
    """A table whose values hold line breaks and quotes."""
    created = call("datastore_create",
                   resource={"package_id": "precios-en-chacra-2024", "name": "Notas"},
                   fields=[{"id": "nombre", "type": "text"}, {"id": "nota", "type": "text"}],
                   records=[{"nombre": "uno", "nota": "línea 1\nlínea 2"},
                            {"nombre": "dos", "nota": 'dice "hola"\r\ny adiós'},
                            {"nombre": "tres", "nota": "simple"}])
    return created["resource_id"]


def test_csv_dump_is_text_csv_with_crlf_everywhere(app, table):
    response = app.get(f"/datastore/dump/{table}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    body = response.get_data()
    assert body.count(b"\r\n") == body.count(b"\n") > 2
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    total = call("datastore_search", resource_id=table, limit=0)["total"]
    assert len(rows) == total + 1


def test_line_breaks_inside_values_are_kept(app, table_with_line_breaks):
    body = app.get(f"/datastore/dump/{table_with_line_breaks}").get_data().decode("utf-8")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert [row[1:] for row in rows] == [
        ["nombre", "nota"], ["uno", "línea 1\nlínea 2"], ["dos", 'dice "hola"\r\ny adiós'],
        ["tres", "simple"]]
    outside = body.replace("línea 1\nlínea 2", "").replace('"hola"""\r\ny', "")
    assert "\n" not in outside.replace("\r\n", "")


@pytest.mark.parametrize("fmt,media_type", [
    ("tsv", "text/tab-separated-values; charset=utf-8"),
    ("json", "application/json; charset=utf-8"),
    ("xml", "text/xml; charset=utf-8")])
def test_other_formats_carry_their_media_type(app, table, fmt, media_type):
    response = app.get(f"/datastore/dump/{table}?format={fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type


def test_a_missing_table_is_still_a_404(app, catalog):
    assert app.get("/datastore/dump/no-existe").status_code == 404


def test_crlf_across_chunk_boundaries():
    chunks = [b'a,b\r', b'\n1,"x\n', b'y"\n2,', b'3\n']
    assert b"".join(crlf_records(chunks)) == b'a,b\r\n1,"x\ny"\r\n2,3\r\n'
