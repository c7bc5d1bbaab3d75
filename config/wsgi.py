"""WSGI entry point of the portal, served by gunicorn (config/gunicorn.conf.py)
from the ini named by CKAN_INI."""
from __future__ import annotations

import os

from ckan.cli import load_config
from ckan.config.middleware import make_app

# load_config also sets up logging from the ini, as the `ckan` command does.
application = make_app(load_config(os.environ["CKAN_INI"]))
