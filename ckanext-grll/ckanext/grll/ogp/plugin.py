"""grll_ogp: the open-government action plan (``/gobierno-abierto``).

The commitments of the OGP subnational pilot with their milestones, evidence,
assessments and live indicators, and the Open Government Committee; all of it in the
JSON API (``grll_ogp_*``) and as open data. Wiring only; see the modules beside this.
"""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll.ogp import helpers, views
from ckanext.grll.ogp.logic import action, auth
from ckanext.grll.rooms import RoomPlugin


@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.helpers(helpers.get_helpers)
@tk.blanket.blueprints(views.get_blueprints)
@tk.blanket.config_declarations
class GrllOgpPlugin(RoomPlugin, p.SingletonPlugin):
    ROOM = "ogp"

