"""CSRF protection of every form of the portal, on top of CKAN's.

CKAN checks Flask-WTF's per-session token on every POST; the portal turns off its
exemption of plugin forms (``ckan.csrf_protection.ignore_extensions = false``) and its
templates carry the token. Two gaps of CKAN remain, closed here:

- flask-login's request loader (``load_user_from_request`` in CKAN's flask_app) flags
  every request that no session cookie authenticated as logged in "via the Authorization
  header" before it even looks for a token, and CKAN exempts such requests from the
  check. CKAN 2.11 exempted that one request; CKAN 2.12 exempts the view itself, for
  every later request of the process (``csrf.exempt(dest)``): one anonymous visit to
  the login page or a dataset form left it unchecked for everyone. Here every post is
  checked before Flask-WTF looks at the exempted views, except those an API token really
  authenticated and anonymous calls to the action API, which stay open to third-party
  clients as they carry no identity a forged request could borrow, and the blueprints
  the portal exempts on purpose (Open311's API).
- The refusal said, in English, only that "The CSRF token is missing".
"""
from __future__ import annotations

import logging

import ckan.plugins.toolkit as tk
from ckan.config.middleware.flask_app import csrf
from ckan.lib import base
from flask import current_app
from flask_wtf.csrf import CSRFError

log = logging.getLogger(__name__)


def check_anonymous_form_posts() -> None:
    """before_app_request (runs after CKAN identifies the user, before Flask-WTF's
    check): check the token of every post but those of API tokens, anonymous calls to
    the action API and the blueprints exempted on purpose."""
    if (not current_app.config.get("WTF_CSRF_ENABLED")
            or current_app.blueprints.get(tk.request.blueprint) in csrf._exempt_blueprints):
        return
    if tk.g.get("login_via_auth_header") and (tk.current_user.is_authenticated
                                             or tk.request.blueprint == "api"):
        return
    csrf.protect()


def refusal_page(error: CSRFError) -> tuple[str, int]:
    """The 400 page of a post without a valid token, saying what to do."""
    log.info("CSRF refusal on %s: %s", tk.request.path, error.description)
    content = tk._("El formulario venció o no fue enviado desde este portal (token CSRF "
                   "ausente o no válido). Vuelva a cargar la página y envíelo de nuevo.")
    return base.render("error_document_template.html", {
        "code": 400, "content": content, "name": tk._("Solicitud rechazada")}), 400
