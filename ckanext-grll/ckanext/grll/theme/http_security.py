"""What every answer of the portal tells the browser, and who the client is.

Headers (on every answer, pages, files and API alike): no MIME sniffing, no
framing by other sites (clickjacking of the staff's moderation buttons), no full
URLs in the Referer sent to other sites (report tracking codes travel in URLs),
no plugins or <base> tags, and HSTS when the site is served over https. The
exception is the resource view page, which CKAN offers for embedding in other
sites ("Embed" button): it has no buttons to steal clicks for.

Cookies: CKAN's "remember me" cookie is SameSite=None by default, which browsers
refuse without Secure and which would go along with cross-site posts; it becomes
Lax. Both cookies are Secure when the site URL is https.

Client address: with ckanext.grll.trusted_proxies = N > 0 the address is read
from the N proxies in front of the portal (werkzeug's ProxyFix); with 0 a
client-sent X-Forwarded-For changes nothing.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

#: One year, without subdomains: other sites of the regional government may be http.
HSTS = "max-age=31536000"
POLICY = "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
EMBEDDABLE_POLICY = "object-src 'none'; base-uri 'self'; frame-ancestors *"


def is_https(site_url: str) -> bool:
    return site_url.strip().lower().startswith("https://")


def cookie_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """The cookie settings to apply to a CKAN config (see module doc)."""
    settings: dict[str, Any] = {}
    if config.get("REMEMBER_COOKIE_SAMESITE") in (None, "", "None"):
        settings["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    if is_https(config.get("ckan.site_url") or ""):
        settings["SESSION_COOKIE_SECURE"] = True
        settings["REMEMBER_COOKIE_SECURE"] = True
    return settings


def _embeddable() -> bool:
    # <type>_resource.view, for every dataset type (dataset and the commitments' own).
    return (request.endpoint or "").endswith("_resource.view")


def add_headers(response: Response, *, https: bool) -> Response:
    """Flask after_request; a view that sets one of these headers itself keeps its own."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if _embeddable():
        headers.setdefault("Content-Security-Policy", EMBEDDABLE_POLICY)
    else:
        headers.setdefault("Content-Security-Policy", POLICY)
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    if https:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def install(app: Flask, config: Mapping[str, Any]) -> None:
    """Add the headers to every answer of `app` and trust the configured proxies."""
    app.after_request(partial(add_headers, https=is_https(config.get("ckan.site_url") or "")))
    proxies = int(config.get("ckanext.grll.trusted_proxies") or 0)
    if proxies:
        # The host is not taken from the proxies: ours passes the client's Host as is.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
