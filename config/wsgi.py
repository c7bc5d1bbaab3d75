"""WSGI entry point for production (gunicorn config.wsgi:application)."""
from __future__ import annotations

import os

from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app

application = make_app(CKANConfigLoader(os.environ["CKAN_INI"]).get_config())
