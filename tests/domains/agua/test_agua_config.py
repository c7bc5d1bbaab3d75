"""The water commitment's options: English names, the former Spanish ones still read."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest

from ckanext.grll.domains.agua import config


@pytest.mark.parametrize(("accessor", "name", "former", "default"), [
    (config.provider_registry, "ckanext.grll.agua.provider_registry",
     "ckanext.grll.agua.registro_prestadores", "agua-prestadores"),
    (config.indicators, "ckanext.grll.agua.indicators", "ckanext.grll.agua.indicadores",
     "indicadores-prestadores-agua"),
])
def test_renamed_options_keep_inis_working(monkeypatch, accessor, name, former, default):
    assert accessor() == default
    monkeypatch.setitem(tk.config, name, "nuevo")
    assert accessor() == "nuevo"
    # An ini not yet updated: its former name still wins, as it did.
    monkeypatch.setitem(tk.config, former, "de-antes")
    assert accessor() == "de-antes"


def test_min_ratings_is_an_int():
    assert config.min_ratings() == 30
