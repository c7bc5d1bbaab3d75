"""CSRF protection of every form of the portal, on top of CKAN's.

CKAN checks Flask-WTF's per-session token on every POST; the portal turns off its
exemption of plugin forms (``ckan.csrf_protection.ignore_extensions = false``) and its
templates carry the token. Two gaps of CKAN 2.11 remain, closed here:

- flask-login's request loader (``load_user_from_request`` in CKAN's flask_app) flags
  every request that no session cookie authenticated as logged in "via the Authorization
  header" before it even looks for a token, and CKAN exempts such requests from the
  check. Every anonymous form post (a citizen report, the login form itself) went
  unchecked. Only a request that an API token really authenticated keeps the
  exemption; anonymous calls to the action API stay open to third-party clients, as
  they carry no identity a forged request could borrow.
- The refusal said, in English, only that "The CSRF token is missing".
"""
from __future__ import annotations

import logging

import ckan.plugins.toolkit as tk
from ckan.lib import base
from flask_wtf.csrf import CSRFError

log = logging.getLogger(__name__)


def check_anonymous_form_posts() -> None:
    """before_app_request (runs before CKAN's check): undo CKAN's exemption of requests
    that no API token authenticated, except anonymous calls to the action API."""
    if (tk.g.get("_csrf_exempt_view") and not tk.current_user.is_authenticated
            and tk.request.blueprint != "api"):
        tk.g._csrf_exempt_view = False


def refusal_page(error: CSRFError) -> tuple[str, int]:
    """The 400 page of a post without a valid token, saying what to do."""
    log.info("CSRF refusal on %s: %s", tk.request.path, error.description)
    content = tk._("El formulario venció o no fue enviado desde este portal (token CSRF "
                   "ausente o no válido). Vuelva a cargar la página y envíelo de nuevo.")
    return base.render("error_document_template.html", {
        "code": 400, "content": content, "name": tk._("Solicitud rechazada")}), 400
