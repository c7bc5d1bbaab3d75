"""Helpers of the tests of client identity, limits, abuse flags and photos.

Requests come from chosen socket addresses (``REMOTE_ADDR`` in the WSGI environ,
what a server puts there), with or without a forged ``X-Forwarded-For``.
"""
from __future__ import annotations

import io
from typing import Any

import ckan.plugins.toolkit as tk
from bs4 import BeautifulSoup
from ckan.tests import factories
from feedback_security_helpers import TRUJILLO, act, submission, token_for
from PIL import Image

from ckanext.grll.feedback.domains import Category, enabled_domains

CREATE = "/api/3/action/grll_feedback_create"
FLAG = "/api/3/action/grll_feedback_flag"


def water_leak() -> Category:
    """A category that accepts anonymous reports and publishes them after its delay."""
    category = enabled_domains()["agua"].categories["fuga"]
    assert category.anonymous_allowed and not category.sensitive
    return category


def api_fields(category: Category, description: str, **overrides: Any) -> dict[str, Any]:
    """A report as an API client sends it (no extra answers: the category needs none)."""
    data = submission(category, description=description, **overrides)
    assert not data.pop("answers")
    return data


def from_address(address: str, forged: str | None = None) -> dict[str, Any]:
    """Request options: the socket address, and a client-written X-Forwarded-For."""
    options: dict[str, Any] = {"extra_environ": {"REMOTE_ADDR": address}}
    if forged:
        options["headers"] = {"X-Forwarded-For": forged}
    return options


def account(name: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A citizen's account and the Authorization header of its API token."""
    user = factories.User(name=name)
    return user, {"Authorization": token_for(user)}


def browser_post(app: Any, page: str, action: str, data: dict[str, Any], address: str,
                 forged: str | None = None, headers: dict[str, str] | None = None) -> Any:
    """Open ``page`` and send its form to ``action`` from ``address``, as a browser does
    (with the CSRF token the page carries)."""
    client = app.test_client()
    environ = {"REMOTE_ADDR": address}
    headers = {**(headers or {}), **({"X-Forwarded-For": forged} if forged else {})}
    html = BeautifulSoup(client.get(page, extra_environ=environ, headers=headers).get_data(
        as_text=True), "html.parser")
    token = html.find("input", attrs={"name": tk.config.get("WTF_CSRF_FIELD_NAME",
                                                           "_csrf_token")})
    if token is not None:
        data = {**data, token["name"]: token["value"]}
    return client.post(action, data=data, extra_environ=environ, headers=headers,
                       follow_redirects=False)


def flag_from_page(app: Any, code: str, address: str, forged: str | None = None,
                   headers: dict[str, str] | None = None) -> Any:
    """"Reportar abuso" on the tracking page, from ``address``."""
    return browser_post(app, f"/seguimiento/{code}", f"/seguimiento/{code}/abuso",
                        {"reason": "Es falso"}, address, forged, headers)


def staff_page_post(app: Any, url: str, headers: dict[str, str],
                    data: dict[str, Any]) -> Any:
    """A moderator's form post (API token in the header, as the pages accept)."""
    return app.post(url, headers=headers, data=data, follow_redirects=False)


def picture(color: tuple[int, int, int] = (30, 120, 200), fmt: str = "JPEG",
            **save: Any) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, fmt, **save)
    return out.getvalue()


def new_report(category: Category, description: str, user: dict[str, Any] | None = None,
               **overrides: Any) -> str:
    """A report saved through the action (no HTTP request: no address is counted)."""
    return act("grll_feedback_create", user, **submission(
        category, description=description, **overrides))["codigo"]


__all__ = ["TRUJILLO", "CREATE", "FLAG", "account", "api_fields", "flag_from_page",
           "browser_post", "from_address", "new_report", "picture", "staff_page_post", "water_leak"]
