"""The open-data projection in each domain's DataStore resource, and the statistics."""
from __future__ import annotations

import ckan.lib.jobs as jobs
import ckan.lib.redis as ckan_redis
import ckan.plugins.toolkit as tk
import pytest
from feedback_helpers import (
    DOMAINS,
    act,
    ordinary_category,
    point_in,
    sensitive_category,
    submission,
)

from ckanext.grll.feedback import publication
from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report
from ckanext.grll.reference import distritos
from portal_testing import backdate

PRIVATE = ("vecina@example.com", "Jr. Pizarro", "Rosa Quispe", "interno")


def rows(domain: str) -> list[dict]:
    config = enabled_domains()[domain]
    dataset = tk.get_action("package_show")({"ignore_auth": True}, {"id": config.dataset_name})
    resource = next(r for r in dataset["resources"] if r["name"] == publication.RESOURCE_NAME)
    return tk.get_action("datastore_search")(
        {"ignore_auth": True}, {"resource_id": resource["id"], "limit": 1000})["records"]


@pytest.fixture
def published(people, staff_of, run_jobs):
    """Submit a report in a domain and let it become public (moderated, delay passed)."""
    def make(category, **changes):
        code = act("grll_feedback_create", people["ciudadana"],
                   **submission(category, **changes))["codigo"]
        backdate(code, category.publication_delay_days + 1)
        if category.moderation_required:
            act("grll_feedback_status_update", staff_of(category), code=code,
                status="en_revision", private_note="interno: revisado")
        run_jobs()
        return code
    return make


@pytest.mark.parametrize("domain", DOMAINS)
def test_projection_follows_every_transition(domain, people, staff_of, published, run_jobs):
    category = ordinary_category(domain)
    people[enabled_domains()[domain].dataset_org]  # the dataset's publisher exists
    code = published(category)
    report = Report.by_code(code)
    [row] = rows(domain)
    assert row["id"] == report.public_id
    assert row["categoria"] == category.code and row["ubigeo"] == "130101"
    assert len(row["mes"]) == 7
    exact = point_in("130101")
    assert (row["latitud"], row["longitud"]) != exact
    assert abs(row["latitud"] - exact[0]) < 0.003 and abs(row["longitud"] - exact[1]) < 0.003
    assert not any(secret in str(row) for secret in PRIVATE)
    assert set(row) == {f["id"] for f in publication.FIELDS} | {"_id"}

    for status in ("derivado", "en_proceso", "resuelto"):
        act("grll_feedback_status_update", staff_of(category), code=code, status=status,
            public_note=f"Paso {status}")
        run_jobs()
        [row] = rows(domain)
        assert row["estado"] == status
    # Whole weeks: a day count would date the report.
    assert row["cerrado"] and row["semanas_para_resolver"] == (
        category.publication_delay_days + 1) // 7
    assert Report.by_code(code).publication_pending is False

    act("grll_feedback_moderate", staff_of(category), code=code, hidden=True)
    run_jobs()
    assert rows(domain) == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_sensitive_categories_are_published_without_a_point(domain, people, published):
    category = sensitive_category(domain)
    if category is None:
        pytest.skip("no sensitive category in this domain")
    people[enabled_domains()[domain].dataset_org]
    data = {"answers": {}}
    if not category.anonymous_allowed:
        data["description"] = "Hecho sensible descrito con cuidado para la entidad."
    published(category, **data)
    [row] = rows(domain)
    assert row["latitud"] is None and row["longitud"] is None
    assert row["ubigeo"] == "130101"


def test_the_dataset_documents_the_privacy_method(people, published):
    category = ordinary_category("agua")
    people["gerencia-regional-vivienda"]
    published(category)
    dataset = tk.get_action("package_show")({}, {"id": "reportes-ciudadanos-agua"})
    assert "Método de privacidad" in dataset["notes"]
    assert "250 m" in dataset["notes"]
    assert dataset["organization"]["name"] == "gerencia-regional-vivienda"


def described_columns(domain: str) -> dict[str, dict]:
    """The data dictionary a reuser reads through datastore_search: id -> info."""
    dataset = tk.get_action("package_show")(
        {"ignore_auth": True}, {"id": enabled_domains()[domain].dataset_name})
    resource = next(r for r in dataset["resources"] if r["name"] == publication.RESOURCE_NAME)
    fields = tk.get_action("datastore_search")(
        {"ignore_auth": True}, {"resource_id": resource["id"], "limit": 0})["fields"]
    return {f["id"]: f.get("info") or {} for f in fields if f["id"] != "_id"}


def test_every_published_column_has_a_label_and_a_description(people, published):
    category = ordinary_category("agua")
    people[enabled_domains()["agua"].dataset_org]
    published(category)
    columns = described_columns("agua")
    assert set(columns) == {f["id"] for f in publication.FIELDS}
    for column_id, info in columns.items():
        assert info.get("label", "").strip(), column_id
        assert len(info.get("notes", "").strip()) > 20, column_id
    assert columns["latitud"]["unit"] == columns["longitud"]["unit"] == "grados decimales"
    assert columns["semanas_para_resolver"]["unit"] == "semanas"

    # A table published by an older version (labels only) gets the descriptions the
    # next time a report is published, and keeps its rows.
    resource_id = publication.ensure_resource(enabled_domains()["agua"])
    tk.get_action("datastore_create")({"ignore_auth": True}, {
        "resource_id": resource_id, "primary_key": ["id"], "force": True,
        "fields": [{"id": f["id"], "type": f["type"], "info": {"label": f["info"]["label"]}}
                   for f in publication.FIELDS]})
    assert not described_columns("agua")["mes"].get("notes")
    published(category, description="Otro día sin presión de agua en el segundo piso.")
    assert all(info.get("notes") for info in described_columns("agua").values())
    assert len(rows("agua")) == 2


def test_not_public_before_the_delay_nor_before_moderation(people, staff_of, run_jobs):
    category = ordinary_category("agua")
    people["gerencia-regional-vivienda"]
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    act("grll_feedback_status_update", staff_of(category), code=code, status="en_revision")
    run_jobs()
    assert rows("agua") == []
    assert act("grll_feedback_list", None, domain="agua")["count"] == 0
    # The delay passes: the retry path publishes what became public.
    backdate(code, 8)
    assert publication.publish_pending() == (1, 0)
    assert len(rows("agua")) == 1
    assert act("grll_feedback_list", None, domain="agua")["count"] == 1


def test_redis_down_keeps_the_report_and_publishes_it_later(people, monkeypatch):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    people["gerencia-regional-agricultura"]
    # Point CKAN's Redis connection at a closed port: a real connection failure.
    monkeypatch.setattr(ckan_redis, "_connection_pool", None)
    monkeypatch.setitem(tk.config, "ckan.redis.url", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(jobs, "_queues", {})
    code = act("grll_feedback_create", None, **submission(category))["codigo"]
    report = Report.by_code(code)
    assert report is not None and report.publication_pending
    monkeypatch.undo()
    ckan_redis._connection_pool = None
    jobs._queues = {}
    assert publication.publish_pending() == (1, 0)
    assert [r["id"] for r in rows("agro")] == [report.public_id]


def test_a_datastore_failure_leaves_the_record_and_is_retried(organizations, run_jobs):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    # The dataset's organization does not exist yet: creating the dataset fails.
    code = act("grll_feedback_create", None, **submission(category))["codigo"]
    run_jobs()
    report = Report.by_code(code)
    assert report.publication_pending and report.publication_error
    assert report.status == "recibido"
    organizations["gerencia-regional-agricultura"]
    assert publication.publish_pending() == (1, 0)
    assert len(rows("agro")) == 1 and Report.by_code(code).publication_error is None


def test_statistics_per_category_district_and_organization(people, staff_of, published):
    category = ordinary_category("agua")
    other = enabled_domains()["agua"].categories["fuga"]
    people["gerencia-regional-vivienda"]
    first = published(category)
    published(category, description="Segundo reporte, en otra cuadra del mismo barrio.")
    published(other, description="Fuga grande en la esquina del mercado central.")
    otuzco = submission(other, description="Fuga de agua en la plaza de armas de Otuzco.",
                        ubigeo="130601")
    otuzco["lat"], otuzco["lon"] = point_in("130601")
    published(other, **{k: v for k, v in otuzco.items() if k not in ("domain", "category")})
    act("grll_feedback_status_update", staff_of(category), code=first, status="resuelto",
        public_note="Atendido")

    stats = act("grll_feedback_stats", None, domain="agua")
    assert stats["total"] == 4 and stats["resueltos"] == 1
    assert stats["proporcion_resueltos"] == 0.25
    by_category = {c["categoria"]: c for c in stats["por_categoria"]}
    assert by_category[category.code]["total"] == 2
    assert by_category["fuga"]["total"] == 2
    assert by_category["baja-presion"]["total"] == 0
    by_district = {d["ubigeo"]: d for d in stats["por_distrito"]}
    trujillo = distritos()["130101"].poblacion
    assert by_district["130101"]["tasa_100k"] == round(3 * 100_000 / trujillo, 2)
    assert by_district["130601"]["total"] == 1
    assert by_district["130101"]["mediana_dias_resolucion"] is not None
    [org] = stats["por_organizacion"]
    assert org["organizacion"] == "gerencia-regional-vivienda" and org["total"] == 4


def test_the_publish_command_catches_up(organizations, run_jobs):
    from click.testing import CliRunner

    from ckanext.grll.feedback.cli import feedback

    category = enabled_domains()["agro"].categories["precio-chacra"]
    act("grll_feedback_create", None, **submission(category))
    run_jobs()  # fails: the publisher organization does not exist yet
    organizations["gerencia-regional-agricultura"]
    result = CliRunner().invoke(feedback, ["publicar"])
    assert result.exit_code == 0, result.output
    assert "publicados o actualizados: 1" in result.output
    assert len(rows("agro")) == 1
