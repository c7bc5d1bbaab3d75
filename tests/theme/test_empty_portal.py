"""The portal's pages still make sense before any group or dataset exists."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def test_home_without_groups_links_the_commitments_without_counts(app):
    page = BeautifulSoup(app.get("/").body, "html.parser")
    for title in ("Seguridad ciudadana", "Agua segura", "Mercado agrario",
                  "Información laboral"):
        link = page.find("h3", string=title).find_parent("li").find("a")
        assert " ".join(link.get_text().split()) == "Ver sus conjuntos de datos"
    assert page.find(string="Todavía no hay conjuntos de datos publicados.")


def test_desarrolladores_without_data_shows_placeholders_to_replace(app):
    page = BeautifulSoup(app.get("/desarrolladores").body, "html.parser")
    assert "resource_id=ID-DEL-RECURSO" in page.get_text()
    assert "Reemplace ID-DEL-RECURSO" in page.get_text()
