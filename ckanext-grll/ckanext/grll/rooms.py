"""What a room of the portal keeps beside its ``plugin.py``: ``templates/``, ``public/``
and its own texts in ``i18n/<lang>/LC_MESSAGES/ckanext-grll_<room>.po``.

One base wires them, so a room's plugin class says only what is its own: the action
plan (``ogp``), the data-opening inventory (``apertura``) and, through
:class:`~ckanext.grll.domains.base.CommitmentPlugin`, the four commitments.
"""
from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation


class RoomPlugin(DefaultTranslation):
    """Base of a room's plugin class (never registered as an entry point itself)."""

    # Copied into each plugin class by CKAN's plugin metaclass.
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)

    #: The room's short name, as in its folder and its translation domain.
    ROOM: str = ""

    def room_name(self) -> str:
        return self.ROOM

    def room_folder(self) -> Path:
        return Path(inspect.getfile(type(self))).parent

    def update_config(self, config: Any) -> None:
        tk.add_template_directory(config, str(self.room_folder() / "templates"))
        tk.add_public_directory(config, str(self.room_folder() / "public"))

    def i18n_directory(self) -> str:
        return str(self.room_folder() / "i18n")

    def i18n_domain(self) -> str:
        return f"ckanext-grll_{self.room_name()}"
