"""Metadata quality score and freshness: the criteria, the page, the facet and sort."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup
from catalog_testing import call

from ckanext.grll.catalog import freshness, quality
from portal_testing import signed_in

NOW = dt.datetime(2025, 3, 1, 12, 0)
COMPLETE = {
    "notes": "x" * 250, "isopen": True, "frecuencia": "MONTHLY",
    "cobertura_espacial": "13", "cobertura_temporal_inicio": "2024-01-01",
    "cobertura_temporal_fin": "2024-12-31", "maintainer": "Oficina",
    "maintainer_email": "a@b.pe", "metadata_modified": "2025-02-20T10:00:00",
    "resources": [{"id": "r1", "format": "CSV", "datastore_active": True,
                   "last_modified": "2025-02-20T10:00:00"}],
}


def score(changes: dict, dictionary: bool = True) -> quality.Quality:
    return quality.evaluate({**COMPLETE, **changes}, lambda _: dictionary, now=NOW)


def test_a_complete_dataset_scores_100():
    assert score({}).score == 100
    assert score({}).to_improve == []
    assert score({}).level == "alta"


@pytest.mark.parametrize("changes,dictionary,lost", [
    ({"notes": "Datos."}, True, {"descripcion": 15}),
    ({"isopen": False}, True, {"licencia": 15}),
    ({"resources": [{"id": "r1", "format": "XLSX", "datastore_active": True,
                     "last_modified": "2025-02-20T10:00:00"}]}, True, {"formatos": 15}),
    ({"resources": [{"id": "r1", "format": "CSV",
                     "last_modified": "2025-02-20T10:00:00"}]}, True,
     {"datastore": 10, "diccionario": 10}),
    ({}, False, {"diccionario": 10}),
    ({"frecuencia": ""}, True, {"frecuencia": 5, "actualizado": 10}),
    ({"resources": [{"id": "r1", "format": "CSV", "datastore_active": True,
                     "last_modified": "2024-11-01T10:00:00"}]}, True, {"actualizado": 10}),
    ({"cobertura_espacial": ""}, True, {"cobertura_espacial": 5}),
    ({"cobertura_temporal_fin": None}, True, {"cobertura_temporal": 10}),
    ({"maintainer_email": ""}, True, {"contacto": 5}),
])
def test_each_missing_criterion_costs_its_points_and_says_what_to_do(changes, dictionary, lost):
    result = score(changes, dictionary)
    assert result.score == 100 - sum(lost.values())
    assert {c.key: c.points for c in result.to_improve} == lost
    assert all(c.advice for c in result.to_improve)


@pytest.mark.parametrize("frecuencia,days_ago,outdated", [
    ("DAILY", 1, False), ("DAILY", 3, True), ("MONTHLY", 30, False),
    ("MONTHLY", 36, True), ("ANNUAL", 300, False), ("ANNUAL", 420, True),
    ("IRREG", 4000, False), ("NEVER", 4000, False),
])
def test_outdated_when_the_declared_frequency_has_passed(frecuencia, days_ago, outdated):
    updated = (NOW - dt.timedelta(days=days_ago)).isoformat()
    pkg = {"frecuencia": frecuencia, "resources": [{"last_modified": updated}]}
    assert freshness.is_outdated(pkg, NOW) is outdated


WATER = "vigilancia-calidad-agua-consumo-2024"
REFERENCE = "distritos-la-libertad-ubigeo-poblacion"


def test_dataset_page_shows_the_score_and_what_to_improve(app, catalog):
    # A reference dataset (the commitments' schemas require the coverage); the seed
    # dates its sample relative to today: put back whatever it was.
    coverage_end = call("package_show", id=REFERENCE).get("cobertura_temporal_fin") or ""
    call("package_patch", id=REFERENCE, cobertura_temporal_fin="")
    try:
        page = BeautifulSoup(app.get(f"/dataset/{REFERENCE}").body, "html.parser")
        section = page.find(id="calidad-metadatos")
        expected = tk.get_action("grll_catalog_dataset_quality_show")({}, {"id": REFERENCE})
        assert f"{expected['score']} de 100" in section.get_text()
        assert "Cobertura temporal" in section.find("ul").get_text()
    finally:
        call("package_patch", id=REFERENCE, cobertura_temporal_fin=coverage_end)


def test_score_is_a_facet_and_a_sort_and_follows_every_update(app, catalog):
    def ranking() -> list[tuple[str, int]]:
        result = call("package_search", rows=100, sort="grll_calidad desc, name asc",
                      **{"facet.field": '["grll_calidad_nivel"]'})
        return [(d["name"], tk.get_action("grll_catalog_dataset_quality_show")(
            {}, {"id": d["name"]})["score"]) for d in result["results"]], result

    before, result = ranking()
    scores = [s for _, s in before]
    assert scores == sorted(scores, reverse=True)
    assert sum(result["facets"]["grll_calidad_nivel"].values()) == result["count"]
    target = before[0][0]
    call("package_patch", id=target, notes="Corto.", license_id="other-closed")
    after, _ = ranking()
    assert after[-1][0] == target or dict(after)[target] <= min(s for _, s in after)
    page = app.get("/dataset/?sort=grll_calidad+desc")
    assert "Mejor calidad de metadatos" in page.body
    facet = app.get("/dataset/?grll_calidad_nivel=media")
    assert facet.status_code == 200
    levels = result["search_facets"]["grll_calidad_nivel"]["items"]
    assert {item["display_name"] for item in levels} <= {
        "Alta (80–100)", "Media (50–79)", "Baja (0–49)"}
    assert "Calidad de metadatos" in page.body and levels[0]["display_name"] in page.body


def test_quality_action_validates_and_checks_access(catalog):
    with pytest.raises(tk.ValidationError) as error:
        tk.get_action("grll_catalog_dataset_quality_show")({}, {})
    assert "id" in error.value.error_dict
    with pytest.raises(tk.ObjectNotFound):
        tk.get_action("grll_catalog_dataset_quality_show")({}, {"id": "no-existe"})


def make_outdated(name: str, days: int) -> None:
    """Backdate the data of a dataset, as if nobody had touched it for `days`."""
    from ckan import model
    from ckan.lib.search import rebuild

    when = dt.datetime.utcnow() - dt.timedelta(days=days)
    package = model.Package.get(name)
    for resource in package.resources:
        resource.last_modified = when
        resource.created = when
    model.repo.commit()
    rebuild(package.id)


def test_outdated_datasets_page_lists_overdue_datasets_by_organization(app, catalog):
    daily = call("package_search", fq="frecuencia:DAILY", rows=1)["results"][0]
    make_outdated(daily["name"], 10)
    page = BeautifulSoup(app.get("/datos-desactualizados").body, "html.parser")
    table = page.find("table", class_="grll-outdated")
    titles = [a.get_text() for a in table.select("tbody tr td:first-child a")]
    assert daily["title"] in titles
    fresh = call("package_search", fq="frecuencia:ANNUAL", rows=1)["results"][0]
    assert fresh["title"] not in titles
    organization = daily["organization"]["name"]
    own = app.get(f"/datos-desactualizados?organization={organization}").body
    assert daily["title"] in own
    flag = BeautifulSoup(app.get(f"/organization/{organization}").body, "html.parser")
    assert "desactualizado" in flag.select_one(".grll-outdated-flag").get_text()


def test_steward_dashboard_lists_their_datasets_weakest_first(app, catalog):
    from ckan.tests import factories

    user = factories.User()
    organization = call("package_show", id=WATER)["organization"]["name"]
    call("organization_member_create", id=organization, username=user["name"],
         role="editor")
    response = signed_in(app, user["name"]).get("/dashboard/calidad")
    page = BeautifulSoup(response.body, "html.parser")
    rows = page.select("table.grll-quality-dashboard tbody tr")
    scores = [int(row.find_all("td")[1].get_text()) for row in rows]
    assert scores and scores == sorted(scores)
    assert app.get("/dashboard/calidad", follow_redirects=False).status_code == 302


def test_organizations_are_emailed_once_per_overdue_period(app, catalog, smtp_sink):
    from ckan.tests import factories

    from ckanext.grll.catalog.outdated_notices import notify_outdated

    daily = call("package_search", fq="frecuencia:DAILY", rows=1)["results"][0]
    organization = daily["organization"]["name"]
    steward = factories.User(email="responsable@example.org")
    call("organization_member_create", id=organization, username=steward["name"],
         role="editor")
    make_outdated(daily["name"], 10)

    announced = notify_outdated()
    assert announced[organization] >= 1
    mails = [m for m in smtp_sink if "responsable@example.org" in m["To"]]
    assert len(mails) == 1
    text = mails[0].get_content()
    assert daily["title"] in text
    assert f"/dataset/{daily['name']}" in text

    # Running again tells nobody anything new.
    assert organization not in notify_outdated()
    assert len([m for m in smtp_sink if "responsable@example.org" in m["To"]]) == 1

    # Updated, then overdue again: a new period, a new e-mail.
    make_outdated(daily["name"], 5)
    assert notify_outdated()[organization] >= 1
    assert len([m for m in smtp_sink if "responsable@example.org" in m["To"]]) == 2
