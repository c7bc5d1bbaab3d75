"""Fixtures of the grll_catalog tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def catalog(seeded_catalog):
    """The seed catalog, loaded once per test module."""
    assert seeded_catalog.failures == []
    return seeded_catalog
