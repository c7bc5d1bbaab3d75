"""Dataset descriptions are Markdown, tables included, and still cleaned of HTML."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests import helpers

from ckanext.grll.seed.loader import load_catalog

WATER = "vigilancia-calidad-agua-consumo-2024"


@pytest.fixture(scope="module")
def water_dataset(reset_db, reset_index) -> str:
    reset_db()
    reset_index()
    assert load_catalog(only={WATER}).failures == []
    return WATER


def test_a_table_in_a_description_shows_as_a_table(app, water_dataset):
    page = BeautifulSoup(app.get(f"/dataset/{water_dataset}").body, "html.parser")
    notes = page.find("div", class_="notes")
    assert notes.find("table") is not None
    assert notes.find("th") is not None
    assert "|---|" not in notes.get_text()


def test_html_in_a_description_is_still_removed(app, water_dataset):
    site_user = helpers.call_action("get_site_user")["name"]
    helpers.call_action("package_patch", context={"user": site_user}, id=water_dataset,
                        notes="| a | b |\n|---|---|\n| <script>x()</script> | "
                              "<img src=x onerror=y()> |")
    notes = BeautifulSoup(app.get(f"/dataset/{water_dataset}").body,
                          "html.parser").find("div", class_="notes")
    assert notes.find("table") is not None
    assert notes.find("script") is None
    assert not notes.find_all(attrs={"onerror": True})
