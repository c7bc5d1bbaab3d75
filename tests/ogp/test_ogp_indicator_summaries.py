"""An indicator that counts rows of a commitment's summary table is right on a fresh
portal, before anybody has opened the page that would build the summary."""
from __future__ import annotations

import sqlalchemy as sa

from ckanext.datastore.backend.postgres import get_read_engine
from ckanext.grll.domains import summaries
from ckanext.grll.domains.agua import resumen as agua_resumen
from ckanext.grll.ogp import indicadores


def test_water_localities_are_counted_before_anyone_opens_the_water_page(seeded_catalog):
    assert seeded_catalog.failures == []
    assert summaries.built(agua_resumen.SUMMARY) is None
    places = set()
    with get_read_engine().connect() as datastore:
        for table in agua_resumen.sample_tables():
            places |= set(datastore.execute(sa.text(
                f'SELECT DISTINCT ubigeo, localidad, prestador FROM "{table}"')).all())

    counted = {i["codigo"]: i["valor"] for i in indicadores.calcular("agua")}

    assert places and counted["localidades-con-analisis"] == len(places)
