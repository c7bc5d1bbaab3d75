"""The grll_agua_* actions over the seed registry, indicators and 2024 samples."""
from __future__ import annotations

import pytest
from agua_testing import agua_catalog  # noqa: F401 - module fixture
from ckan.tests import helpers

pytestmark = pytest.mark.usefixtures("agua_catalog")


def test_summary_reads_every_seed_sample():
    built = helpers.call_action("grll_agua_summary_refresh")
    assert built["muestras"] == 1710 and built["recursos"] == 1


def test_lookup_trujillo():
    result = helpers.call_action("grll_agua_locality_lookup", ubigeo="130101")
    assert result["distrito"] == "Trujillo"
    assert [p["id"] for p in result["prestadores"]] == ["sedalib-s-a"]
    place = result["localidades"][0]
    assert place["prestador"] == "SEDALIB S.A." and place["prestador_id"] == "sedalib-s-a"
    assert place["ultima_muestra"]["fecha_hora"].startswith("2024-12")
    months = place["cumplimiento_mensual"]
    assert months[0]["mes"] == "2024-12" and len(months) <= 12
    assert all(m["muestras"] >= 1 for m in months)


def test_pages_smoke(app):
    for url in ("/agua?ubigeo=130101", "/agua/prestadores", "/agua/prestadores/sedalib-s-a"):
        response = app.get(url)
        assert response.status_code == 200, (url, response.body[-3000:])
        print(url, len(response.body))
