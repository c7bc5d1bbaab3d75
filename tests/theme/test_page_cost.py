"""What the busiest pages cost the database, with the seed catalog loaded.

The load target (issue 14: 40 pages/s on two cores) leaves about 50 ms of one core per
page; each SQL query costs the web worker about a millisecond of its own. The bounds
below are the measured counts (bench figures in the commits) plus a margin: a template
change that brings back a query per organization, per resource or per dataset fails here.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories, helpers
from sqlalchemy import event
from sqlalchemy.engine import Engine

pytestmark = pytest.mark.usefixtures("seeded_catalog")

#: A seed dataset with a DataStore resource, organization, groups and a data dictionary.
DATASET = "distritos-la-libertad-ubigeo-poblacion"
DATASET_PAGE = f"/dataset/{DATASET}"


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """The SQL statements run meanwhile, on any engine (CKAN's and the DataStore's)."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def page_queries(app, url: str) -> list[str]:
    """The queries of a visitor's second visit to `url` (the first fills per-process
    caches, as the first visitor after a start or a change does)."""
    assert app.get(url).status_code == 200
    with counted_queries() as statements:
        response = app.get(url)
    assert response.status_code == 200
    return statements


def test_home_page_reuses_its_public_lists(app):
    statements = page_queries(app, "/")
    assert len(statements) <= 4, statements


def test_dataset_page_runs_a_bounded_number_of_queries(app):
    statements = page_queries(app, DATASET_PAGE)
    assert len(statements) <= 42, statements
    assert not [sql for sql in statements if "pg_database_size" in sql]


def test_dataset_list_runs_a_bounded_number_of_queries(app):
    statements = page_queries(app, "/dataset/")
    assert len(statements) <= 6, statements


def test_a_new_organization_and_dataset_show_on_the_home_page_at_once(app):
    def home() -> BeautifulSoup:
        return BeautifulSoup(app.get("/").body, "html.parser")

    assert home().find("h2", string="Quién publica")
    organization = factories.Organization(name="municipalidad-de-huanchaco",
                                          title="Municipalidad Distrital de Huanchaco")
    factories.Dataset(
        owner_org=organization["id"], title="Playas de Huanchaco",
        entidad="Municipalidad Distrital de Huanchaco", fuente="Inspección de playas",
        license_id="cc-by", frecuencia="ANNUAL", cobertura_espacial="130104",
        maintainer="Oficina de Turismo", maintainer_email="turismo@munihuanchaco.gob.pe")

    page = home()
    publishers = page.find("h2", string="Quién publica").find_parent("section")
    assert "Municipalidad Distrital de Huanchaco" in publishers.get_text()
    recent = page.find("h2", string="Datos actualizados recientemente").find_parent("section")
    assert "Playas de Huanchaco" in recent.get_text()


def test_the_dataset_list_shows_a_changed_description_at_once(app):
    def descriptions() -> str:
        page = BeautifulSoup(app.get("/dataset/").body, "html.parser")
        return " ".join(page.find("ul", class_="dataset-list").get_text().split())

    assert "Población estimada de cada distrito" not in descriptions()
    helpers.call_action(
        "package_patch", context={"user": factories.Sysadmin()["name"]}, id=DATASET,
        notes="**Población estimada de cada distrito** según [el INEI](https://www.inei.gob.pe).")
    assert "Población estimada de cada distrito según el INEI." in descriptions()
