"""One public view of a report: the API, Open311 and the open data say the same.

For every commitment that takes citizen reports (the registered ``IGrllDomain``
plugins) and for an ordinary and a sensitive category of each (where it has one),
reports are sent through the actions, moderated, published by the real job queue,
and read back as a visitor reads them: ``grll_feedback_list``/``grll_feedback_show``
without an account, ``/open311/v2/requests``, and the rows of the domain's
DataStore resource (the statistics count the same records). The three must agree on which reports appear, their coarsened
point, their month and the moderated description, and none may carry contact data,
the exact place or the answers to non-public questions.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
import pytest
from feedback_helpers import TRUJILLO, act, point_in, submission

from ckanext.grll.feedback import privacy, publication
from ckanext.grll.feedback.domains import Category, enabled_domains
from ckanext.grll.feedback.interfaces import IGrllDomain
from ckanext.grll.feedback.model import Report
from portal_testing import backdate

EMAIL = "vecina.contacto@example.com"
ADDRESS = "Jr. Pizarro 123"
NAME = "Rosa Quispe"
PHONE = "987654321"
#: What a moderator leaves of a text; the address in it is still masked in public.
MODERATED = "Revisado por la entidad ({n}): {name} cerca del parque. Escriba a " \
            "vecino.revisado@example.org."
MASKED = "Revisado por la entidad ({n}): {name} cerca del parque. Escriba a " \
         "[correo oculto]."
NO_POINT = (None, None)


@dataclass
class Sent:
    code: str
    category: Category
    hidden: bool
    description: str | None  # what the public should read


def domains_with_reports() -> list[str]:
    return [plugin.grll_domain_name() for plugin in plugins.PluginImplementations(IGrllDomain)]


def categories_to_try(domain: str) -> list[Category]:
    """An ordinary category (one that asks something not public, if the domain has
    one) and the domain's first sensitive category, if any."""
    categories = list(enabled_domains()[domain].categories.values())
    ordinary = sorted((c for c in categories if not c.sensitive and not c.identity_reserve),
                      key=lambda c: all(q.public for q in c.questions))
    return [ordinary[0], *[c for c in categories if c.sensitive][:1]]


def private_answers(category: Category) -> dict[str, Any]:
    """Required answers, and a recognisable text for every non-public free-text question."""
    answers = dict(submission(category)["answers"])
    for question in category.questions:
        if not question.public and question.datatype in ("string", "text"):
            answers[question.code] = f"reservado-{category.code}-{question.code}"
    return answers


def secrets_of(answers: dict[str, Any], category: Category) -> list[str]:
    """Answers that no public output may show: non-public text and dates, and every
    full date (public dates are months)."""
    found = []
    for question in category.questions:
        value = answers.get(question.code)
        if value and (question.datatype == "datetime"
                      or (not question.public and question.datatype in ("string", "text"))):
            found.append(str(value))
    return found


def send(people, staff_of, category: Category, n: int, hide: bool = False) -> Sent:
    """A report through the actions: sent with contact data and a phone in the text,
    its text edited by a moderator, past its publication delay and reviewed."""
    answers = private_answers(category)
    code = act("grll_feedback_create", people["ciudadana"], **submission(
        category, identity="oculto", name=NAME, email=EMAIL, address=ADDRESS,
        answers=answers,
        description=f"Reporte {n} de {category.name.lower()}: llámeme al {PHONE}."))["codigo"]
    staff = staff_of(category)
    act("grll_feedback_moderate", staff, code=code,
        description=MODERATED.format(n=n, name=category.name),
        private_note="Teléfono quitado")
    backdate(code, category.publication_delay_days + 1)
    act("grll_feedback_status_update", staff, code=code, status="en_revision",
        public_note="Revisado por la entidad", private_note="nota-interna-4471")
    if hide:
        act("grll_feedback_moderate", staff, code=code, hidden=True)
    shows_text = not category.sensitive and not hide
    return Sent(code, category, hide,
                MASKED.format(n=n, name=category.name) if shows_text else None)


def datastore_rows(domain: str) -> list[dict[str, Any]]:
    dataset = tk.get_action("package_show")(
        {"ignore_auth": True}, {"id": enabled_domains()[domain].dataset_name})
    resource = next(r for r in dataset["resources"] if r["name"] == publication.RESOURCE_NAME)
    return tk.get_action("datastore_search")(
        {"ignore_auth": True}, {"resource_id": resource["id"], "limit": 1000})["records"]


def point_of(lat: Any, lon: Any) -> tuple[float | None, float | None]:
    return NO_POINT if lat is None else (round(float(lat), 5), round(float(lon), 5))


def api_point(record: dict[str, Any]) -> tuple[float | None, float | None]:
    point = record["punto"] or {}
    return point_of(point.get("lat"), point.get("lon"))


def test_every_public_output_formats_the_same_public_view(app, people, staff_of, run_jobs):
    domains = domains_with_reports()
    assert domains, "no commitment takes citizen reports"
    sent: list[Sent] = []
    secrets = [EMAIL, ADDRESS, NAME, PHONE, "vecino.revisado@example.org",
               "nota-interna-4471", *map(str, point_in(TRUJILLO))]
    for domain in domains:
        people[enabled_domains()[domain].dataset_org]  # the open data's publisher
        for category in categories_to_try(domain):
            sent.append(send(people, staff_of, category, len(sent)))
            secrets += secrets_of(private_answers(category), category)
        sent.append(send(people, staff_of, categories_to_try(domain)[0], len(sent), hide=True))
    run_jobs()

    exact = point_in(TRUJILLO)
    by_code = {s.code: s for s in sent}
    listed_311 = {r["service_request_id"]: r
                  for r in app.get("/open311/v2/requests.json?page_size=200").json}
    outputs: dict[str, Any] = {"open311 list": listed_311}

    for domain in domains:
        mine = [s for s in sent if s.category.domain == domain]
        public = {s.code for s in mine if not s.hidden}
        listed = {r["codigo"]: r for r in act(
            "grll_feedback_list", None, domain=domain, limit=500)["results"]}
        rows = {Report.query().filter_by(public_id=row["id"]).one().tracking_code: row
                for row in datastore_rows(domain)}
        outputs[f"{domain} list"], outputs[f"{domain} rows"] = listed, rows

        # Which reports appear: the same in the API and the open data; Open311 lists
        # are maps, so sensitive records answer there only by their code.
        assert set(listed) == public, domain
        assert set(rows) == public, domain
        assert act("grll_feedback_stats", None, domain=domain)["total"] == len(public), domain
        assert {c for c in listed_311 if by_code[c].category.domain == domain} == {
            c for c in public if not by_code[c].category.sensitive}, domain

        for report in mine:
            shown = act("grll_feedback_show", None, code=report.code)
            [requested] = app.get(f"/open311/v2/requests/{report.code}.json").json
            outputs[report.code] = (shown, requested)
            # The reporter, without staff rights, reads the same public view.
            assert act("grll_feedback_show", people["ciudadana"], code=report.code) == shown
            assert shown["publico"] is not report.hidden
            if report.hidden:
                assert shown["descripcion"] is None and shown["punto"] is None
                assert requested["description"] is None and requested["lat"] is None
                continue
            row = rows[report.code]
            in_list = listed[report.code]
            in_311_list = listed_311.get(report.code, requested)

            # The DataStore row is the projection of the one public view.
            stored = Report.by_code(report.code)
            view = privacy.public_view(stored, privacy.category_of(stored))
            assert {k: v for k, v in row.items() if k != "_id"} == pytest.approx(
                publication.projection(view))

            # The coarsened point, never the exact one; none for sensitive categories.
            expected = NO_POINT if report.category.sensitive else privacy.coarsen(*exact)
            assert expected != exact
            points = {
                "show": api_point(shown), "list": api_point(in_list),
                "open311": point_of(requested["lat"], requested["long"]),
                "open311 list": point_of(in_311_list["lat"], in_311_list["long"]),
                "datastore": point_of(row["latitud"], row["longitud"]),
            }
            for name, point in points.items():
                assert point == point_of(*expected), (report.code, name)

            # The month the report arrived, and no finer date.
            month = stored.created.strftime("%Y-%m")
            assert shown["mes"] == in_list["mes"] == row["mes"] == month
            assert requested["requested_datetime"] == in_311_list["requested_datetime"] == \
                f"{month}-01T00:00:00-05:00"

            # The moderated description, masked; none for sensitive categories.
            assert shown["descripcion"] == in_list["descripcion"] == requested["description"] \
                == in_311_list["description"] == report.description, report.code
            assert shown["estado"] == in_list["estado"] == row["estado"] == \
                requested["detailed_status"] == "en_revision"

            # Answers: only those to public questions, and only in the API.
            public_codes = {q.code for q in report.category.questions if q.public}
            assert set(shown["respuestas"]) <= public_codes, report.code
            assert shown["respuestas"] == in_list["respuestas"]
            assert not report.category.sensitive or shown["respuestas"] == {}

    for name, output in outputs.items():
        text = json.dumps(output, ensure_ascii=False)
        for secret in secrets:
            assert secret not in text, (name, secret)
