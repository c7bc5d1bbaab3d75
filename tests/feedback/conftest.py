"""Fixtures of the feedback engine's tests: organizations and people.

Real PostgreSQL, Redis and DataStore; the database is emptied before each test
(``clean_db``) and so are the rate-limit counters (``clean_redis``).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
import yaml
from ckan.tests import factories
from feedback_helpers import TRUJILLO

from ckanext.grll.feedback.domains import Category
from ckanext.grll.reference import DATASETS_DIR


def pytest_configure(config: pytest.Config) -> None:
    # CKAN's option-override marker, declared for --strict-markers.
    config.addinivalue_line("markers", "ckan_config(key, value): override a CKAN option")


ORGANIZATION_TITLES = {org["name"]: org["title"] for org in yaml.safe_load(
    (DATASETS_DIR / "organizations.yaml").read_text(encoding="utf-8"))}


class Lazy(dict):
    """A dict that makes its values on first use (creating CKAN objects is slow)."""

    def __init__(self, make: Callable[[str], Any]):
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> Any:
        self[key] = value = self.make(key)
        return value


@pytest.fixture
def organizations(clean_db, clean_redis) -> dict[str, dict[str, Any]]:
    """The portal's organizations (datasets/organizations.yaml), created on first use."""
    return Lazy(lambda name: factories.Organization(name=name, title=ORGANIZATION_TITLES[name]))


@pytest.fixture
def people(organizations) -> dict[str, dict[str, Any]]:
    """"ciudadana", "sysadmin", or an editor of the organization of that name."""
    def make(key: str) -> dict[str, Any]:
        if key == "ciudadana":
            return factories.User(name="ciudadana", fullname="Rosa Quispe")
        if key == "sysadmin":
            return factories.Sysadmin(name="administradora")
        user = factories.User(name=f"editor-{key}"[:100])
        tk.get_action("organization_member_create")(
            {"ignore_auth": True},
            {"id": organizations[key]["id"], "username": user["name"], "role": "editor"})
        return user
    return Lazy(make)


@pytest.fixture
def staff_of(people) -> Callable[[Category], dict[str, Any]]:
    """The editor of the organization that answers a category's reports in Trujillo."""
    return lambda category: people[category.responsible_for(TRUJILLO)]


@pytest.fixture
def outsider_of(people) -> Callable[[Category], dict[str, Any]]:
    """An editor of some other organization."""
    def pick(category: Category) -> dict[str, Any]:
        own = category.responsible_for(TRUJILLO)
        return people[next(name for name in ORGANIZATION_TITLES if name != own)]
    return pick


@pytest.fixture
def run_jobs(with_test_worker) -> Callable[[], None]:
    """Run the queued background jobs now, in this process (real Redis queue)."""
    from ckan.lib import jobs

    return lambda: jobs.Worker(["default"]).work(burst=True)
