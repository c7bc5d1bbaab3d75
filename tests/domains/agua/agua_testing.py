"""Helpers of the water commitment's tests: the agua seed datasets, loaded once per module."""
from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from ckanext.grll.domains.agua import registry, summary
from ckanext.grll.seed.loader import load_catalog

AGUA_SEED = {"agua-prestadores", "indicadores-prestadores-agua",
             "vigilancia-calidad-agua-consumo-2024"}
ROOT_CONFTEST = str(Path(__file__).resolve().parents[2] / "conftest.py")


def root_conftest(config: pytest.Config) -> ModuleType:
    """tests/conftest.py as pytest loaded it (``import conftest`` gives whichever
    conftest was imported last in a whole-suite run)."""
    return next(plugin for plugin in config.pluginmanager.get_plugins()
                if getattr(plugin, "__file__", None) == ROOT_CONFTEST)


@pytest.fixture(scope="module")
def agua_catalog(request, reset_db, reset_index) -> dict[str, int]:
    """A fresh database with the registry, the indicators and the 2024 surveillance samples,
    and the compliance summary built from them."""
    portal = root_conftest(request.config)
    portal.ensure_portal_plugins()
    reset_db()
    reset_index()
    portal.empty_datastore()
    registry.forget()
    report = load_catalog(only=AGUA_SEED)
    assert not report.failures, report.failures
    return summary.refresh()
