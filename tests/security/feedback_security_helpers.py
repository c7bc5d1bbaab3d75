"""Helpers of the citizen-feedback security tests: people, submissions, public outputs.

Real CKAN, PostgreSQL, Redis and DataStore; every public output is fetched the way
a visitor or an API client would (test client requests and anonymous actions).
"""
from __future__ import annotations

import datetime
import functools
import json
import random
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories

from ckanext.grll.feedback import geo, publication
from ckanext.grll.feedback.domains import Category, Question, enabled_domains
from ckanext.grll.reference import distritos
from portal_testing import backdate, commitments, empty_datastore

DOMAINS = commitments()
TRUJILLO = "130101"


@functools.cache
def point_in(ubigeo: str) -> tuple[float, float]:
    """A point the district polygons place in ``ubigeo`` (near its capital)."""
    district = distritos()[ubigeo]
    for step in range(60):
        for dlat, dlon in ((0, 0), (1, 0), (0, 1), (-1, 0), (0, -1)):
            lat, lon = district.lat + dlat * step * 0.002, district.lon + dlon * step * 0.002
            if geo.district_at(lat, lon) == ubigeo:
                return round(lat, 6), round(lon, 6)
    raise AssertionError(f"no point found in {ubigeo}")


def act(action: str, user: dict[str, Any] | None = None, **data: Any) -> Any:
    """Call an action as a person would (auth checked): a user dict or anonymous."""
    return tk.get_action(action)({"user": user["name"] if user else "", "ignore_auth": False},
                                 data)


def ordinary_category(domain: str) -> Category:
    """The domain's first category that is neither sensitive nor under identity reserve."""
    return next(c for c in enabled_domains()[domain].categories.values()
                if not c.sensitive and not c.identity_reserve)


def plain_answer(question: Question) -> Any:
    return {
        "string": "Dato de prueba", "text": "Texto de prueba",
        "number": question.min if question.min is not None else 3,
        "datetime": (datetime.date.today() - datetime.timedelta(days=2)).isoformat(),
        "singlevaluelist": question.value_keys[0] if question.values else None,
        "multivaluelist": list(question.value_keys[:1]),
    }[question.datatype]


def submission(category: Category, **overrides: Any) -> dict[str, Any]:
    lat, lon = point_in(TRUJILLO)
    data = {"domain": category.domain, "category": category.code,
            "description": f"Problema de prueba en {category.name.lower()} cerca del parque.",
            "lat": lat, "lon": lon, "identity": "oculto", "name": "Vecina de prueba",
            "answers": {q.code: plain_answer(q) for q in category.questions if q.required}}
    if category.identity_reserve:
        data.pop("identity")
    data.update(overrides)
    return data


def token_for(user: dict[str, Any]) -> str:
    """A CKAN API token of ``user`` (pages accept it in the Authorization header)."""
    return tk.get_action("api_token_create")(
        {"user": user["name"], "ignore_auth": True}, {"user": user["name"], "name": "t"})["token"]



def unique_digits(n: int, first: str = "") -> str:
    return first + "".join(random.choice("0123456789") for _i in range(n - len(first)))


@pytest.fixture
def staff(clean_db, clean_redis) -> Callable[[str], dict[str, Any]]:
    """An editor of the organization of that name (organization created on first use),
    or, for "ciudadana", a citizen's account."""
    empty_datastore()
    made: dict[str, dict[str, Any]] = {}

    def editor(org: str) -> dict[str, Any]:
        if org == "ciudadana" and org not in made:
            made[org] = factories.User(name="ciudadana")
        if org not in made:
            organization = factories.Organization(name=org)
            made[org] = factories.User(name=f"editor-{org}"[:100])
            tk.get_action("organization_member_create")(
                {"ignore_auth": True},
                {"id": organization["id"], "username": made[org]["name"], "role": "editor"})
        return made[org]
    return editor


@pytest.fixture
def run_jobs(with_test_worker) -> Callable[[], None]:
    """Run the queued background jobs now (real Redis queue): the publication."""
    from ckan.lib import jobs

    return lambda: jobs.Worker(["default"]).work(burst=True)


def make_public(code: str, category: Category, staff_member: dict[str, Any],
                **update: Any) -> None:
    """Past the delay, moderated (status and moderation review) as staff do."""
    backdate(code, category.publication_delay_days + 1)
    act("grll_feedback_status_update", staff_member, code=code, status="en_revision",
        **update)
    act("grll_feedback_moderate", staff_member, code=code, private_note="revisado")


def published_rows(domain: str) -> list[dict[str, Any]]:
    """The domain's open-data rows, through the public datastore_search API."""
    config = enabled_domains()[domain]
    dataset = tk.get_action("package_show")({}, {"id": config.dataset_name})
    resource = next(r for r in dataset["resources"] if r["name"] == publication.RESOURCE_NAME)
    return tk.get_action("datastore_search")(
        {}, {"resource_id": resource["id"], "limit": 1000})["records"]


def public_outputs(app: Any, code: str, category: Category) -> dict[str, str]:
    """Every public output that may carry the report, as text, by name."""
    domain = category.domain
    outputs = {
        "grll_feedback_show": act("grll_feedback_show", code=code),
        "grll_feedback_list": act("grll_feedback_list", domain=domain),
        "grll_feedback_stats": act("grll_feedback_stats", domain=domain),
        "datastore_search": published_rows(domain),
        "api show": app.get(f"/api/3/action/grll_feedback_show?code={code}").get_data(
            as_text=True),
        "api list": app.get(f"/api/3/action/grll_feedback_list?domain={domain}").get_data(
            as_text=True),
        "seguimiento": app.get(f"/seguimiento/{code}").get_data(as_text=True),
        "reportes": app.get(f"/reportes/{domain}").get_data(as_text=True),
        "open311 request json": app.get(f"/open311/v2/requests/{code}.json").get_data(
            as_text=True),
        "open311 request xml": app.get(f"/open311/v2/requests/{code}.xml").get_data(
            as_text=True),
        "open311 requests json": app.get(
            f"/open311/v2/requests.json?service_code={category.service_code}").get_data(
            as_text=True),
        "open311 requests xml": app.get(
            f"/open311/v2/requests.xml?service_code={category.service_code}").get_data(
            as_text=True),
    }
    return {name: value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            for name, value in outputs.items()}


def form_post(app: Any, url: str, data: dict[str, Any]) -> Any:
    """Post a portal form as a browser does: with the CSRF token the form carries."""
    client = app.test_client()
    page = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    field = page.find("input", attrs={"name": tk.config.get("WTF_CSRF_FIELD_NAME",
                                                            "_csrf_token")})
    if field is not None:
        data = {**data, field["name"]: field["value"]}
    return client.post(url, data=data, follow_redirects=False)
