"""What every answer tells the browser, the cookies' attributes, and which client
address the portal sees with and without trusted proxies (theme/http_security.py)."""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from flask import request
from serving_helpers import load_districts_table

from portal_testing import form_token

PASSWORD = "Clave-de-prueba-2026"
HTTPS_SITE = "https://datos.regionlalibertad.gob.pe"
CLIENT, FORGED, PROXY = "203.0.113.7", "198.51.100.66", "10.0.0.2"


@pytest.fixture(scope="module")
def districts(reset_db, reset_index) -> dict[str, Any]:
    return load_districts_table(reset_db, reset_index)


def answers(app) -> dict[str, Any]:
    """A page, a dataset page, an API answer, a stylesheet, an image and a 404."""
    home = app.get("/")
    # CKAN's stylesheet, from a catalog page (citizen pages use the portal's light one).
    dataset = app.get("/dataset/distritos-la-libertad-ubigeo-poblacion")
    stylesheet = re.search(r'href="(/webassets/base/[^"]+\.css)"', dataset.body).group(1)
    return {"/": home,
            "dataset": dataset,
            "api": app.get("/api/3/action/package_search?q=distritos"),
            "css": app.get(stylesheet),
            "image": app.get("/grll/img/logo-grll.svg"),
            "404": app.get("/no-existe-esta-pagina", status=404)}


def test_every_answer_carries_the_security_headers(app, districts):
    for name, response in answers(app).items():
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["X-Frame-Options"] == "SAMEORIGIN", name
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        policy = headers["Content-Security-Policy"]
        for directive in ("object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'"):
            assert directive in policy, (name, policy)
        # The portal is served over http here: no HSTS promise it could not keep.
        assert "Strict-Transport-Security" not in headers, name


@pytest.mark.ckan_config("ckan.site_url", HTTPS_SITE)
def test_an_https_site_asks_browsers_to_stay_on_https(app, districts):
    for name, response in answers(app).items():
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000", name


def test_resource_views_may_be_embedded_in_other_sites(app, districts):
    """CKAN's "Embed" button hands out the view page for other sites' iframes."""
    view = tk.get_action("resource_view_create")(
        {"ignore_auth": True, "user": tk.get_action("get_site_user")(
            {"ignore_auth": True}, {})["name"]},
        {"resource_id": districts["id"], "view_type": "datatables_view", "title": "Tabla"})
    response = app.get(f"/dataset/distritos-la-libertad-ubigeo-poblacion/resource/"
                       f"{districts['id']}/view/{view['id']}")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def _login_cookies(app) -> dict[str, str]:
    """Set-Cookie lines of a login with "remember me", by cookie name."""
    user = factories.User(password=PASSWORD)
    browser = app.test_client()
    token = form_token(browser, "/user/login")
    # Over https the CSRF check also wants the Referer a browser sends.
    response = browser.post("/user/login", data={
        "login": user["name"], "password": PASSWORD, "remember": "63072000",
        "_csrf_token": token}, headers={"Referer": tk.config["ckan.site_url"] + "/user/login"},
        follow_redirects=False)
    assert response.status_code == 302
    return {line.split("=", 1)[0]: line for line in response.headers.getlist("Set-Cookie")}


def test_cookies_over_http_are_lax_and_not_secure(app):
    cookies = _login_cookies(app)
    assert "SameSite=Lax" in cookies["remember_token"]
    assert "SameSite=Lax" in cookies["ckan"]
    assert "Secure" not in cookies["remember_token"] + cookies["ckan"]


@pytest.mark.ckan_config("ckan.site_url", HTTPS_SITE)
def test_cookies_of_an_https_site_are_secure(app):
    cookies = _login_cookies(app)
    for name in ("remember_token", "ckan"):
        assert "; Secure" in cookies[name], cookies[name]
        assert "SameSite=Lax" in cookies[name]


@pytest.fixture
def address_app(app):
    """The portal's app with one more view, which shows the client address it sees."""
    app.flask_app.add_url_rule("/_prueba/direccion", "prueba_direccion",
                               lambda: request.remote_addr or "")
    return app


def _client_address(app, forwarded_for: str) -> str:
    """What that view sees for a request from PROXY carrying `forwarded_for`."""
    return app.get("/_prueba/direccion", headers={"X-Forwarded-For": forwarded_for},
                   environ_base={"REMOTE_ADDR": PROXY}).get_data(as_text=True)


def test_without_trusted_proxies_a_forged_forwarded_for_changes_nothing(address_app):
    assert _client_address(address_app, FORGED) == PROXY


@pytest.mark.ckan_config("ckanext.grll.trusted_proxies", "1")
def test_behind_one_proxy_the_client_is_what_the_proxy_saw(address_app):
    assert _client_address(address_app, CLIENT) == CLIENT
    # A client that sends its own header only adds to the left of what the proxy wrote.
    assert _client_address(address_app, f"{FORGED}, {CLIENT}") == CLIENT
