"""The four commitments offer the same things, each in its own way: an application
linked from the home page, in Spanish and English, its API documented on the
Desarrolladores page, its own documentation and benchmark."""
from __future__ import annotations

from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
DOMAINS = ("seguridad", "agua", "agro", "laboral")


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_home_page_opens_each_application(app, domain):
    home = BeautifulSoup(app.get("/").body, "html.parser")
    with app.flask_app.test_request_context():
        start = tk.url_for(f"grll_{domain}.index")
    assert start in [a["href"] for a in home.select("a.grll-commitment-app")]
    page = app.get(start)
    assert page.status_code == 200
    assert BeautifulSoup(page.body, "html.parser").find("html")["lang"] == "es"
    english = app.get(f"/en{start}")
    assert english.status_code == 200
    assert BeautifulSoup(english.body, "html.parser").find("html")["lang"] == "en"


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_api_is_documented_for_developers(app, domain):
    page = BeautifulSoup(app.get("/desarrolladores").body, "html.parser")
    section = page.find("section", id=f"api-{domain}")
    assert section is not None and section.find("h3")
    assert f"grll_{domain}_" in section.get_text()


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_commitment_has_its_documentation_and_benchmark(domain):
    assert (ROOT / "docs" / f"{domain}.md").read_text(encoding="utf-8").strip()
    assert (ROOT / "bench" / f"domain_{domain}.py").exists()
    assert f"docs/{domain}.md" in (ROOT / "README.md").read_text(encoding="utf-8")
