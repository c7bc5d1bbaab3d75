"""grll_search answers CKAN's search the way Solr would, on real PostgreSQL.

Runs with the suite's ini (``make test``) or on its own:
``pytest --ckan-ini=config/search-test.local.ini tests/search``.
"""
from __future__ import annotations

import random
from collections import Counter
from typing import Any

import ckan.lib.search as search
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories, helpers

from ckanext.grll.search import backend, storage
from ckanext.grll.search.searcher import BudgetCursor

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


@pytest.fixture
def ckan_config(ckan_config: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Search with only the plugins it serves, whatever the suite's ini loads:
    a domain schema must not decide what a test dataset needs. Spanish is the
    default language."""
    monkeypatch.setitem(ckan_config, "ckan.plugins",
                        "grll_search harvest ckan_harvester datastore")
    monkeypatch.setitem(ckan_config, "ckan.auth.create_unowned_dataset", True)
    monkeypatch.setitem(ckan_config, "ckanext.grll.search.language", "spanish")
    return ckan_config


@pytest.fixture(autouse=True)
def only_search_plugins(ckan_config: Any, with_plugins: None) -> None:
    """Load the narrowed plugin list above for each test (the suite loads them all)."""


def _search(**params: Any) -> dict[str, Any]:
    return helpers.call_action("package_search", **params)


def _names(result: dict[str, Any]) -> set[str]:
    return {d["name"] for d in result["results"]}


class TestSpanishText:
    def test_accents_and_plurals_are_ignored(self) -> None:
        factories.Dataset(name="matricula", title="Matrícula en Educación básica")
        factories.Dataset(name="agua", title="Calidad del agua potable",
                          notes="Muestras de cloro residual")
        factories.Dataset(name="otros", title="Precios en chacra")

        assert _names(_search(q="educacion")) == {"matricula"}
        assert _names(_search(q="EDUCACIÓN")) == {"matricula"}
        assert _names(_search(q="aguas")) == {"agua"}
        assert _names(_search(q="muestra cloro")) == {"agua"}
        assert _names(_search(q='"agua potable"')) == {"agua"}
        assert _names(_search(q='"potable agua"')) == set()

    def test_minimum_match_of_free_text(self) -> None:
        factories.Dataset(name="ds-a", title="denuncias robo trujillo")
        factories.Dataset(name="ds-b", title="denuncias robo")
        factories.Dataset(name="ds-c", title="denuncias")
        # two words: both required; three words: all but one.
        assert _names(_search(q="denuncias robo")) == {"ds-a", "ds-b"}
        assert _names(_search(q="denuncias robo trujillo")) == {"ds-a", "ds-b"}
        assert _names(_search(q="denuncias -robo")) == {"ds-c"}

    def test_title_matches_rank_above_description_matches(self) -> None:
        factories.Dataset(name="en-notas", title="Padrón",
                          notes="incluye precios de mercado")
        factories.Dataset(name="en-titulo", title="Precios de mercado")
        result = _search(q="precios mercado")
        assert [d["name"] for d in result["results"]] == ["en-titulo", "en-notas"]


class TestLuceneSyntax:
    def test_grouped_field_terms_match_as_the_single_terms_do(self) -> None:
        # Sibling terms on one text field compile to one test, required
        # ones share one text lookup: the matches must not change.
        factories.Dataset(name="cloro", title="Cloro residual", notes="muestras de agua",
                          extras=[{"key": "fuente", "value": "sunass"}])
        factories.Dataset(name="turbidez", title="Turbidez", notes="agua de pozo",
                          extras=[{"key": "fuente", "value": "digesa"}])
        factories.Dataset(name="papa", title="Precios de papa", notes="mercados")

        assert _names(_search(q="notes:(muestras OR pozo)")) == {"cloro", "turbidez"}
        assert _names(_search(q="notes:agua AND notes:pozo")) == {"turbidez"}
        assert _names(_search(q="notes:agua AND extras_fuente:sunass")) == {"cloro"}
        assert _names(_search(q="notes:mercados OR extras_fuente:digesa")) == {
            "papa", "turbidez"}
        assert _names(_search(q="title:(cloro OR papa) AND notes:(agua OR mercados)")) == {
            "cloro", "papa"}
        assert _names(_search(q="(notes:agua AND title:cloro) OR (notes:agua AND title:turbidez)"
                              )) == {"cloro", "turbidez"}
        assert _names(_search(q="title:(cloro OR papa) -notes:muestras")) == {"papa"}

    def test_fielded_boolean_range_and_wildcards(self) -> None:
        org = factories.Organization(name="gerencia-agua")
        factories.Dataset(name="agua-2020", owner_org=org["id"],
                          tags=[{"name": "agua"}, {"name": "cloro"}])
        factories.Dataset(name="agua-2021", owner_org=org["id"],
                          tags=[{"name": "agua"}])
        factories.Dataset(name="agro", tags=[{"name": "papa"}])

        assert _names(_search(q="tags:agua AND -tags:cloro")) == {"agua-2021"}
        assert _names(_search(q="tags:(cloro OR papa)")) == {"agua-2020", "agro"}
        assert _names(_search(q="name:agua\\-20*")) == {"agua-2020", "agua-2021"}
        assert _names(_search(q="organization:gerencia-agua NOT name:agua-2020")) \
            == {"agua-2021"}
        assert _names(_search(fq="name:[agua-2021 TO *]")) == {"agua-2021"}
        assert _names(_search(fq="name:{* TO agua}")) == {"agro"}
        assert _names(_search(fq="metadata_modified:[NOW-1DAY TO NOW]")) == {
            "agua-2020", "agua-2021", "agro"}
        assert _search(fq="metadata_modified:[* TO NOW-1YEAR]")["count"] == 0

    @pytest.mark.parametrize("params", [
        {"q": "title:(agua"},
        {"q": "tags:agua AND"},
        {"fq": "metadata_modified:[ayer TO NOW]"},
        {"sort": "tags asc"},
    ])
    def test_malformed_queries_are_409_not_500(self, app: Any,
                                                params: dict[str, str]) -> None:
        factories.Dataset()
        response = app.get("/api/3/action/package_search", query_string=params,
                           status=409)
        assert response.json["success"] is False

    def test_a_search_over_the_time_limit_is_a_409(self, app: Any, ckan_config: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
        factories.Dataset(title="Calidad del agua")
        monkeypatch.setitem(ckan_config, "ckanext.grll.search.statement_timeout", 300)
        monkeypatch.setitem(ckan_config, "ckanext.grll.search.cache_size", 0)
        facets = '["tags","organization","res_format","groups","license_id","extras_x"]'
        # Another session holds the index (as a long rebuild or a slow disk
        # would): the search waits, and is cancelled at the limit.
        with backend.get_engine().connect() as blocker, blocker.begin():
            blocker.exec_driver_sql(
                "LOCK TABLE grll_search.document IN ACCESS EXCLUSIVE MODE")
            response = app.get("/api/3/action/package_search", status=409,
                               query_string={"q": "agua OR calidad OR cloro",
                                             "facet.field": facets})
        assert "fue cancelada" in response.json["error"]["message"]
        # The lock gone, the same search answers.
        app.get("/api/3/action/package_search", status=200,
                query_string={"q": "agua", "facet.field": facets})

    def test_the_time_limit_bounds_the_whole_search_not_each_statement(self) -> None:
        """A search runs several statements (count, facets, page, documents):
        three of 200 ms each under a 450 ms limit, and the third is cancelled."""
        import psycopg2.errors

        with backend.get_engine().connect() as conn, conn.begin():
            cursor = BudgetCursor(conn.connection.cursor(), 450)
            cursor.execute("SELECT pg_sleep(0.2)")
            cursor.execute("SELECT pg_sleep(0.2)")
            with pytest.raises(psycopg2.errors.QueryCanceled):
                cursor.execute("SELECT pg_sleep(0.2)")

    def test_sorting_on_a_field_no_dataset_has_keeps_working(self) -> None:
        factories.Dataset(name="uno")
        result = _search(sort="views_recent desc, name asc")
        assert _names(result) == {"uno"}

    def test_api_id_paging_and_dates_as_solr_returns_them(self) -> None:
        for i in range(3):
            factories.Dataset(name=f"ds-{i}")
        ids = _search(fl="id", rows=1000)["results"]
        assert len(ids) == 3 and all(set(r) == {"id"} for r in ids)
        doc = search.make_connection(decode_dates=False).search(
            q="name:ds-0", fl="metadata_modified").docs[0]
        assert doc["metadata_modified"].endswith("Z")
        assert len(doc["metadata_modified"]) <= len("2024-01-01T00:00:00.000Z")


class TestFacets:
    def test_counts_equal_a_group_by_over_the_catalog(self) -> None:
        rnd = random.Random(3)
        orgs = [factories.Organization() for _ in range(3)]
        groups = [factories.Group() for _ in range(2)]
        tags = ["agua", "salud", "empleo", "precios", "clima"]
        for i in range(20):
            factories.Dataset(
                owner_org=rnd.choice(orgs)["id"],
                private=i % 5 == 0,
                groups=[{"name": g["name"]} for g in groups if rnd.random() < 0.4],
                tags=[{"name": t} for t in rnd.sample(tags, rnd.randint(0, 3))],
                resources=[{"url": "http://x/y", "format": rnd.choice(["CSV", "PDF"])}
                           for _ in range(rnd.randint(0, 2))])

        result = _search(**{"facet.field": '["tags", "organization", "groups", "res_format"]',
                            "facet.limit": -1})

        truth = _ground_truth()
        assert result["count"] == truth["count"]
        for facet in ("tags", "organization", "groups", "res_format"):
            assert result["facets"][facet] == truth[facet], facet

    def test_facets_and_queries_on_extras_and_description(self) -> None:
        factories.Dataset(name="ds-1", notes="Cloro residual en Trujillo",
                          extras=[{"key": "cobertura", "value": "Trujillo"}])
        factories.Dataset(name="ds-2", notes="Turbidez",
                          extras=[{"key": "cobertura", "value": "Virú"}])
        factories.Dataset(name="ds-3", extras=[{"key": "cobertura", "value": "Virú"}])
        result = _search(**{"facet.field": '["cobertura", "extras_cobertura"]'})
        assert result["facets"]["cobertura"] == {"Virú": 2, "Trujillo": 1}
        assert result["facets"]["extras_cobertura"] == {"Virú": 2, "Trujillo": 1}
        assert _names(_search(q="notes:cloro")) == {"ds-1"}
        assert _names(_search(q="extras_cobertura:viru")) == {"ds-2", "ds-3"}
        assert _names(_search(fq='cobertura:"Virú"')) == {"ds-2", "ds-3"}

    def test_facet_limit_keeps_the_most_frequent(self) -> None:
        for i in range(4):
            factories.Dataset(tags=[{"name": "comun"}] + ([{"name": "raro"}] if i == 0 else []))
        result = _search(**{"facet.field": '["tags"]', "facet.limit": 1})
        assert result["facets"]["tags"] == {"comun": 4}


class TestKeptCounts:
    """The dataset list's count and facets come from counts every write keeps
    up to date (storage.facet_count); they must always equal a GROUP BY."""

    FACETS = '["tags", "organization", "groups", "res_format", "license_id"]'

    def test_kept_counts_follow_every_write_for_every_user(self) -> None:
        rnd = random.Random(5)
        member = factories.User()
        orgs = [factories.Organization(users=[{"name": member["name"],
                                               "capacity": "editor"}]),
                factories.Organization(), factories.Organization()]
        groups = [factories.Group() for _ in range(2)]
        tags = ["agua", "salud", "empleo", "precios", "clima"]
        datasets = [factories.Dataset(
            owner_org=rnd.choice(orgs)["id"], private=i % 4 == 0,
            groups=[{"name": g["name"]} for g in groups if rnd.random() < 0.5],
            tags=[{"name": t} for t in rnd.sample(tags, rnd.randint(0, 3))],
            resources=[{"url": "http://x/y", "format": rnd.choice(["CSV", "PDF"])}])
            for i in range(16)]
        sysadmin = factories.Sysadmin()
        patch = helpers.call_action
        patch("package_patch", id=datasets[1]["id"], tags=[{"name": "nuevo"}],
              owner_org=orgs[2]["id"])
        patch("package_patch", id=datasets[2]["id"], private=True)
        patch("package_patch", id=datasets[4]["id"], private=False)
        patch("package_delete", id=datasets[3]["id"])
        patch("dataset_purge", id=datasets[5]["id"])
        patch("package_patch", id=datasets[6]["id"], license_id="cc-by")

        def both(user: str, **params: Any) -> tuple[dict[str, Any], dict[str, Any]]:
            def run(**extra: Any) -> dict[str, Any]:
                return helpers.call_action(
                    "package_search", context={"user": user, "ignore_auth": False},
                    **{"facet.field": self.FACETS, "facet.limit": -1}, **params, **extra)
            # name:* names a column the kept counts do not have: GROUP BY.
            return run(), run(fq="name:*")

        for user, params in (("", {}), (member["name"], {"include_private": True}),
                             (member["name"], {"include_private": True,
                                               "include_drafts": True}),
                             (sysadmin["name"], {"include_private": True})):
            kept, grouped = both(user, **params)
            assert kept["count"] == grouped["count"], (user, params)
            assert kept["facets"] == grouped["facets"], (user, params)

        kept, _ = both("")
        truth = _ground_truth()
        assert kept["count"] == truth["count"] == 16 - 2 - 4
        for facet in ("tags", "organization", "groups", "res_format"):
            assert kept["facets"][facet] == truth[facet], facet
        assert kept["facets"]["tags"].get("nuevo") == 1

    def test_free_text_on_the_text_index_alone_equals_the_full_search(self) -> None:
        rnd = random.Random(8)
        member = factories.User()
        orgs = [factories.Organization(users=[{"name": member["name"],
                                               "capacity": "editor"}]),
                factories.Organization()]
        words = ["agua", "calidad", "cloro", "precios", "mercado", "empleo"]
        for i in range(24):
            factories.Dataset(
                owner_org=rnd.choice(orgs)["id"], private=i % 5 == 0,
                title=" ".join(rnd.sample(words, 2)),
                notes=" ".join(rnd.sample(words, 3)),
                tags=[{"name": t} for t in rnd.sample(words, rnd.randint(0, 2))],
                resources=[{"url": "http://x/y", "format": rnd.choice(["CSV", "PDF"])}])
        factories.Dataset(title="Calidad del agua potable", owner_org=orgs[1]["id"])

        def run(user: str, **params: Any) -> dict[str, Any]:
            return helpers.call_action(
                "package_search", context={"user": user, "ignore_auth": False},
                include_private=True, **{"rows": 1000, "facet.field": self.FACETS, **params})

        for user in ("", member["name"]):
            for q in ("agua", "calidad cloro", "agua precios empleo", '"calidad del"'):
                alone, full = run(user, q=q), run(user, q=q, fq="name:*")
                assert alone["count"] == full["count"] > 0, (user, q)
                assert alone["facets"] == full["facets"], (user, q)
                assert [d["name"] for d in alone["results"]] == \
                    [d["name"] for d in full["results"]], (user, q)
                for start in (0, 3, 9, 15):  # pages across the head matches' end
                    page = {"q": q, "rows": 4, "start": start}
                    assert [d["name"] for d in run(user, **page)["results"]] == \
                        [d["name"] for d in run(user, fq="name:*", **page)["results"]]

    def test_the_dataset_list_counts_without_reading_the_documents(self) -> None:
        factories.Dataset(tags=[{"name": "agua"}])
        factories.Dataset(tags=[{"name": "agua"}, {"name": "clima"}])
        # Another session holds the documents; the count and facets of the
        # dataset list still answer, from the kept counts alone.
        with backend.get_engine().connect() as blocker, blocker.begin():
            blocker.exec_driver_sql(
                "LOCK TABLE grll_search.document IN ACCESS EXCLUSIVE MODE")
            result = helpers.call_action(
                "package_search", rows=0, **{"facet.field": self.FACETS})
        assert result["count"] == 2
        assert result["facets"]["tags"] == {"agua": 2, "clima": 1}


def _ground_truth() -> dict[str, Any]:
    """Counts straight from CKAN's tables: public, active datasets."""
    public = sa.and_(model.Package.state == "active",
                     model.Package.private.is_(False))
    session = model.Session
    count = session.query(model.Package).filter(public).count()
    tags = Counter(dict(session.query(model.Tag.name, sa.func.count())
                        .join(model.PackageTag).join(model.Package)
                        .filter(public, model.PackageTag.state == "active")
                        .group_by(model.Tag.name).all()))
    orgs = Counter(dict(session.query(model.Group.name, sa.func.count())
                        .join(model.Package, model.Package.owner_org == model.Group.id)
                        .filter(public).group_by(model.Group.name).all()))
    groups = Counter(dict(session.query(model.Group.name, sa.func.count())
                          .join(model.Member, model.Member.group_id == model.Group.id)
                          .join(model.Package, model.Package.id == model.Member.table_id)
                          .filter(public, model.Member.state == "active",
                                  model.Member.table_name == "package",
                                  model.Group.is_organization.is_(False))
                          .group_by(model.Group.name).all()))
    formats = Counter(dict(session.query(model.Resource.format,
                                         sa.func.count(sa.distinct(model.Package.id)))
                           .join(model.Package).filter(public, model.Resource.state == "active")
                           .group_by(model.Resource.format).all()))
    return {"count": count, "tags": dict(tags), "organization": dict(orgs),
            "groups": dict(groups), "res_format": dict(formats)}


class TestVisibility:
    def test_private_and_draft_datasets_per_user(self) -> None:
        member, outsider = factories.User(), factories.User()
        org = factories.Organization(
            users=[{"name": member["name"], "capacity": "editor"}])
        factories.Dataset(name="publico", owner_org=org["id"])
        factories.Dataset(name="privado", owner_org=org["id"], private=True)
        factories.Dataset(name="borrador", owner_org=org["id"], state="draft",
                          user=member)

        def visible(user: dict[str, Any] | None, **params: Any) -> set[str]:
            context = {"user": user["name"] if user else "", "ignore_auth": False}
            return _names(helpers.call_action("package_search", context=context,
                                              include_private=True, **params))

        assert visible(None) == {"publico"}
        assert visible(outsider) == {"publico"}
        assert visible(member) == {"publico", "privado"}
        assert visible(member, include_drafts=True) == {"publico", "privado", "borrador"}
        assert visible(outsider, include_drafts=True) == {"publico"}
        org_page = helpers.call_action("organization_show", id=org["id"],
                                       include_datasets=False)
        assert org_page["package_count"] == 1


class TestIndexMaintenance:
    def test_rebuild_only_missing_and_check(self, cli: Any) -> None:
        from ckan.cli.cli import ckan as ckan_command

        for name in ("uno", "dos"):
            factories.Dataset(name=name)
        search.clear("uno")
        assert _names(_search()) == {"dos"}

        result = cli.invoke(ckan_command, ["search-index", "rebuild", "-o"])
        assert result.exit_code == 0, result.output
        assert _names(_search()) == {"uno", "dos"}
        result = cli.invoke(ckan_command, ["search-index", "check"])
        assert "Packages not indexed = 0 out of 2" in result.output

    def test_documents_added_without_commit_are_written_at_commit(self) -> None:
        """As with Solr: seen by other processes after the commit (or a
        second of quiet), by this process at its next search."""
        import time

        from ckan.logic import index_update_package

        dataset = factories.Dataset(name="diferido")
        search.clear("diferido")

        def stored() -> int:
            with backend.get_engine().connect() as conn:
                return conn.execute(sa.text(
                    "SELECT count(*) FROM grll_search.document WHERE name = 'diferido'")).scalar()

        index_update_package({}, dataset["id"], defer_commit=True)
        assert stored() == 0
        search.commit()
        assert stored() == 1

        search.clear("diferido")
        index_update_package({}, dataset["id"], defer_commit=True)
        deadline = time.monotonic() + 5
        while stored() == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert stored() == 1  # written after a second without adds

        search.clear("diferido")
        index_update_package({}, dataset["id"], defer_commit=True)
        assert _names(_search(q="name:diferido")) == {"diferido"}

    def test_an_index_of_the_previous_layout_is_upgraded_in_place(self) -> None:
        factories.Dataset(name="uno", title="Calidad del agua", tags=[{"name": "agua"}])
        factories.Dataset(name="dos", title="Agua potable", tags=[{"name": "agua"}])
        engine = backend.get_engine()
        with engine.begin() as conn:  # what layout 8 had: no counts, bare text rows
            conn.exec_driver_sql(
                "TRUNCATE grll_search.facet_count, grll_search.facet_bucket;"
                " UPDATE grll_search.text_index SET bucket_id = NULL, facet_ids = NULL,"
                " metadata_modified = NULL, seq = NULL;"
                " UPDATE grll_search.meta SET value = '8' WHERE key = 'schema_version'")
        storage._ensured.clear()
        storage.ensure_schema(engine)
        facets = '["tags"]'
        assert _search(**{"facet.field": facets})["facets"]["tags"] == {"agua": 2}
        assert _search(q="agua", **{"facet.field": facets})["facets"]["tags"] == {"agua": 2}

    def test_stats_command_reports_documents(self, cli: Any) -> None:
        from ckanext.grll.search.cli import search as search_group

        def documents() -> int:
            result = cli.invoke(search_group, ["stats"])
            assert result.exit_code == 0, result.output
            return int(result.output.split("documents: ")[1].split()[0])

        before = documents()
        factories.Dataset()
        assert documents() == before + 1

    def test_schema_creation_is_idempotent(self) -> None:
        engine = backend.get_engine()
        storage._ensured.clear()
        storage.ensure_schema(engine)
        storage.ensure_schema(engine)
        with engine.connect() as conn:
            tables = conn.execute(sa.text(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'grll_search'")).scalar()
        assert tables == 8  # meta, document, field_index, text_index, stored, facet_term, facet_bucket, facet_count


@pytest.mark.usefixtures("with_request_context")
class TestHarvestSourceClear:
    @pytest.fixture
    def clean_db(self, reset_db: Any, migrate_db_for: Any) -> None:
        reset_db()
        migrate_db_for("harvest")

    def test_clear_removes_the_harvested_datasets_from_search(self) -> None:
        from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestSource

        sysadmin = factories.Sysadmin()
        context = {"user": sysadmin["name"]}
        source = helpers.call_action(
            "harvest_source_create", context=context, name="fuente",
            url="http://127.0.0.1:9/", source_type="ckan", title="Fuente")
        harvested = factories.Dataset(name="cosechado")
        factories.Dataset(name="propio")
        job = HarvestJob(source=HarvestSource.get(source["id"]))
        job.save()
        HarvestObject(guid="x", job=job, source=job.source, current=True,
                      package_id=harvested["id"]).save()
        search.rebuild(harvested["id"])
        assert search.make_connection().search(
            q=f'harvest_source_id:"{source["id"]}"').hits == 1

        helpers.call_action("harvest_source_clear", context=context, id=source["id"])

        assert "cosechado" not in _names(_search())
        assert "propio" in _names(_search())

