"""Logging in and registering return to the page the person came from.

Any page of the portal may send someone to log in (a report form, a rating, the
staff queue): CKAN's ``came_from``/``next`` bring them back, kept to paths of this
site. The hooks run on every request (app-level hooks registered on the theme's
blueprint in views.py); the login page's "Crear una cuenta" button reads ``g.grll_return_to``
(templates/user/login.html).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
from flask import Response, g, redirect, request
from werkzeug.datastructures import ImmutableMultiDict

#: Where CKAN's account pages read the page to return to.
RETURN_ARGS = ("came_from", "next")
ACCOUNT_ENDPOINTS = ("user.login", "user.register", "user.logout")
RETURN_PATH_MAX = 2000


def return_path(url: Any) -> str | None:
    """``url`` when it is a path of this site to go back to, else None: no scheme, no
    host, no ``//`` or backslash (browsers read ``/\\x`` as ``//x``), no spaces."""
    if not isinstance(url, str) or not url.startswith("/") or len(url) > RETURN_PATH_MAX:
        return None
    if url.startswith("//") or "\\" in url or any(c.isspace() or not c.isprintable()
                                                   for c in url):
        return None
    parts = urlsplit(url)
    return None if parts.scheme or parts.netloc else url


def _referring_page() -> str | None:
    """The page of this site that linked to the login or registration page, if any."""
    parts = urlsplit(request.referrer or "")
    if parts.netloc != request.host or parts.path.split("/")[1:2] == ["user"]:
        return None
    return return_path(parts.path + (f"?{parts.query}" if parts.query else ""))


def keep_return_path() -> Response | None:
    """Account pages return only to this site, and to the page the person came from.

    A ``came_from``/``next`` that is not a path of this site is dropped before CKAN
    reads it (CKAN's own check lets ``/\\host`` through); a login or registration
    page opened from a link without one gets the referring page as ``came_from``."""
    if request.endpoint not in ACCOUNT_ENDPOINTS:
        return None
    unsafe = {k for k in RETURN_ARGS if k in request.args
              and return_path(request.args.get(k)) is None}
    if unsafe:
        request.args = ImmutableMultiDict(  # type: ignore[misc]
            [(k, v) for k, v in request.args.items(multi=True) if k not in unsafe])
    g.grll_return_to = next((request.args[k] for k in RETURN_ARGS if request.args.get(k)),
                            None)
    if (request.method == "GET" and g.grll_return_to is None
            and request.endpoint != "user.logout"):
        came_from = _referring_page()
        if came_from:
            return redirect(tk.url_for(request.endpoint, came_from=came_from,
                                       **request.args.to_dict()))
    return None


def return_after_registration(response: Response) -> Response:
    """CKAN sends a new account to its dashboard; send it back to ``came_from``."""
    target = getattr(g, "grll_return_to", None)
    if (request.endpoint == "user.register" and request.method == "POST" and target
            and response.status_code in (301, 302, 303)
            and urlsplit(response.location or "").path == tk.url_for("user.me")):
        response.location = target
    return response
