"""Helpers of the water commitment's tests: the agua seed datasets, loaded once per module."""
from __future__ import annotations

import pytest

from ckanext.grll.domains.agua import registry, resumen
from ckanext.grll.seed.loader import load_catalog
from portal_testing import empty_datastore, ensure_portal_plugins

AGUA_SEED = {"agua-prestadores", "indicadores-prestadores-agua",
             "vigilancia-calidad-agua-consumo-2024"}


@pytest.fixture(scope="module")
def agua_catalog(reset_db, reset_index) -> dict[str, int]:
    """A fresh database with the registry, the indicators and the 2024 surveillance samples,
    and the compliance summary built from them."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    registry.forget()
    report = load_catalog(only=AGUA_SEED)
    assert not report.failures, report.failures
    return resumen.refresh()
