"""The risk-zone map's layers: polygons with rates, and citizen points that keep privacy.

Citizen reports are made through the feedback engine; only moderated, visible
reports past their publication delay count, sensitive categories never become
points, and points are the engine's coarsened grid cells.
"""
from __future__ import annotations

import json

import ckan.plugins.toolkit as tk
import pytest
from seguridad_testing import (
    EL_PORVENIR,
    SIDPOL_2024,
    TRUJILLO,
    act,
    load_official_statistics,
    public_report,
)

from ckanext.grll import reference
from ckanext.grll.domains.seguridad import resumen
from ckanext.grll.feedback import privacy
from ckanext.grll.seed.loader import seeded_date


@pytest.fixture(scope="module")
def reports(reset_db, reset_index) -> dict:
    load_official_statistics(reset_db, reset_index)
    made = {
        "robo": [public_report("robo", TRUJILLO) for _i in range(3)],
        "extorsion": [public_report("extorsion", TRUJILLO) for _i in range(2)],
        "trata": [public_report("trata", EL_PORVENIR)],
        "sin_moderar": [public_report("hurto", TRUJILLO, status="recibido")],
        "reciente": [public_report("hurto", TRUJILLO, days_ago=0)],
        "oculto": [public_report("pandillaje", TRUJILLO)],
    }
    tk.get_action("grll_feedback_moderate")(
        {"ignore_auth": True, "user": ""},
        {"code": made["oculto"][0].tracking_code, "hidden": True})
    resumen.refresh((resumen.CITIZEN,))
    return made


def citizen_counts(**data) -> dict:
    stats = act("grll_seguridad_district_stats", fuente="ciudadana", **data)
    return {d["ubigeo"]: d["cantidad"] for d in stats["distritos"]}


def test_citizen_figures_count_only_public_reports(reports):
    month = reports["robo"][0].created.strftime("%Y-%m")
    counts = citizen_counts(desde=month, hasta=month)
    # 3 robos + 2 extortions in Trujillo; the unmoderated, recent and hidden ones wait.
    assert counts[TRUJILLO] == 5
    assert counts[EL_PORVENIR] == 1
    assert citizen_counts(desde=month, hasta=month, categoria="hurto")[TRUJILLO] == 0


def test_district_layer_is_geojson_with_the_figures(reports):
    layer = act("grll_seguridad_map_layer", capa="distritos",
                desde=seeded_date(SIDPOL_2024, "2024-01"), hasta=seeded_date(SIDPOL_2024, "2024-12"))
    assert layer["type"] == "FeatureCollection"
    assert len(layer["features"]) == len(reference.distritos())
    trujillo = next(f for f in layer["features"] if f["id"] == TRUJILLO)
    assert trujillo["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert trujillo["properties"]["tasa_100k"] == 4347.7
    # No polygon of its own in the INEI 2007 boundaries: a point at its capital.
    alto_trujillo = next(f for f in layer["features"] if f["id"] == "130112")
    assert alto_trujillo["geometry"]["type"] == "Point"
    assert len(json.dumps(layer)) < 200_000


def test_points_are_coarsened_cells_of_non_sensitive_reports_only(reports):
    month = reports["robo"][0].created.strftime("%Y-%m")
    layer = act("grll_seguridad_map_layer", capa="puntos", desde=month, hasta=month)
    cells = {tuple(f["geometry"]["coordinates"]): f["properties"]["cantidad"]
             for f in layer["features"]}
    robo = reports["robo"][0]
    lat, lon = privacy.coarsen(robo.latitude, robo.longitude)
    # The three robos share the district capital's cell; extortion and trata add nothing.
    assert cells == {(lon, lat): 3}
    assert (robo.longitude, robo.latitude) not in cells
    assert set(layer["features"][0]["properties"]) == {"cantidad"}


@pytest.mark.parametrize("category", ["extorsion", "trata", "soborno", "violencia"])
def test_sensitive_categories_are_refused_as_points(reports, category):
    with pytest.raises(tk.ValidationError) as error:
        act("grll_seguridad_map_layer", capa="puntos", categoria=category)
    assert "categoria" in error.value.error_dict


def test_sensitive_categories_still_count_per_district(reports):
    month = reports["trata"][0].created.strftime("%Y-%m")
    assert citizen_counts(desde=month, hasta=month, categoria="trata")[EL_PORVENIR] == 1


def test_a_status_change_reaches_the_figures_through_a_background_job(reports,
                                                                      with_test_worker):
    """No one runs a command: the next read queues a rebuild and the worker does it."""
    from ckan.lib import jobs

    report = reports["sin_moderar"][0]
    month = report.created.strftime("%Y-%m")
    assert citizen_counts(desde=month, hasta=month, categoria="hurto")[TRUJILLO] == 0
    jobs.get_queue().empty()
    tk.get_action("grll_feedback_status_update")(
        {"ignore_auth": True, "user": ""}, {"code": report.tracking_code, "status": "en_proceso"})
    # This read still answers from the current tables, and queues the rebuild once.
    assert citizen_counts(desde=month, hasta=month, categoria="hurto")[TRUJILLO] == 0
    citizen_counts(desde=month, hasta=month)
    rebuilds = [job for job in jobs.get_queue().jobs
                if job.func_name.endswith("seguridad.resumen.refresh")]
    assert len(rebuilds) == 1
    jobs.Worker(["default"]).work(burst=True)
    assert citizen_counts(desde=month, hasta=month, categoria="hurto")[TRUJILLO] == 1


def test_authority_figures_are_the_engines(reports):
    """The precomputed per-organization figures equal grll_feedback_stats' own."""
    resolved = reports["robo"][0]
    tk.get_action("grll_feedback_status_update")(
        {"ignore_auth": True, "user": ""}, {"code": resolved.tracking_code, "status": "resuelto",
                                            "public_note": "Se identificó a los responsables."})
    resumen.refresh((resumen.CITIZEN,))
    engine = tk.get_action("grll_feedback_stats")({"ignore_auth": True}, {"domain": "seguridad"})
    ours = act("grll_seguridad_authority_stats")
    assert ours["organizaciones"] == engine["por_organizacion"]
    assert ours["total"]["resueltos"] == engine["resueltos"] == 1
    assert ours["total"]["total"] == engine["total"]
