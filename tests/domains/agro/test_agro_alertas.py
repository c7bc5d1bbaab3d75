"""Price alerts: asked in the app or by e-mail, told when new prices cross the threshold."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from agro_testing import WHOLESALE, act, agro_catalog, error_fields, seeded  # noqa: F401
from ckan.tests import factories

from ckanext.grll.domains import summaries
from ckanext.grll.domains.agro import alertas, resumen
from portal_testing import form_token

#: Days after the wholesale sample's last one (the file's 21/12/2024), once loaded.
DAY_23, DAY_24, DAY_28 = (seeded(WHOLESALE, f"2024-12-{day}") for day in (23, 24, 28))

pytestmark = pytest.mark.usefixtures("agro_catalog")

def as_user(user: dict, name: str, **data):
    return tk.get_action(name)({"user": user["name"], "ignore_auth": False}, data)


def new_wholesale_day(fecha: str, promedio: float, touch_dataset: bool = True) -> None:
    """A new day of papa prices in La Hermelinda reaches the seed dataset (as a harvest
    or a steward's upload would), and the after-harvest check runs."""
    site = {"ignore_auth": True,
            "user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]}
    dataset = tk.get_action("package_show")(dict(site), {"id": "precios-mayoristas-sisap"})
    tk.get_action("datastore_upsert")(dict(site), {
        "resource_id": dataset["resources"][0]["id"], "method": "insert", "force": True,
        "records": [{"fecha": fecha, "mercado": "Mercado Mayorista de Trujillo La Hermelinda",
                     "producto": "Papa", "variedad": "Amarilla", "unidad": "kg",
                     "procedencia": "La Libertad - Otuzco", "precio_minimo": promedio - 0.5,
                     "precio_maximo": promedio + 0.5, "precio_promedio": promedio,
                     "volumen_t": 20}]})
    if not touch_dataset:
        return
    tk.get_action("package_patch")(dict(site), {"id": dataset["id"], "version": fecha})
    summaries.ensure_fresh(*resumen.SUMMARIES)
    alertas.revisar()


def test_alerts_tell_the_crossing_once_in_the_app_and_by_mail(app, smtp_sink):
    farmer = factories.User(name="agricultor", email="agricultor@example.com")
    mine = as_user(farmer, "grll_agro_alert_create", producto="papa", mercado="la-hermelinda",
                   sentido="sube", umbral="4,50", por_correo="true")
    assert mine["confirmada"] and not mine["ya_cumple"] and mine["precio_actual"]["a"] < 4.5
    by_mail = act("grll_agro_alert_create", producto="papa", mercado="la-hermelinda",
                  sentido="sube", umbral=4.0, email="Vecina@Example.com")
    assert not by_mail["confirmada"] and "email" not in by_mail
    [confirmation] = smtp_sink
    assert confirmation["To"] == "vecina@example.com"
    link = next(line for line in confirmation.get_content().splitlines() if "/agro/alertas/" in line)
    unconfirmed = act("grll_agro_alert_create", producto="papa", mercado="la-hermelinda",
                      sentido="sube", umbral=4.0, email="otra@example.com")
    assert not unconfirmed["confirmada"]

    # Opening the mailed link activates the alert.
    page = app.get("/agro/alertas/" + link.rsplit("/agro/alertas/", 1)[1].strip())
    assert page.status_code == 200 and "Alerta activa" in page.get_data(as_text=True)

    smtp_sink.clear()
    new_wholesale_day(DAY_23, 5.80)
    notified = sorted(message["To"] for message in smtp_sink)
    assert notified == ["agricultor@example.com", "vecina@example.com"]
    day = f"{DAY_23[8:10]}/{DAY_23[5:7]}/{DAY_23[:4]}"
    assert f"S/ 5,80 por kg el {day}" in smtp_sink[0].get_content()
    [alert] = as_user(farmer, "grll_agro_alert_list")
    assert alert["avisos"] == [{"f": DAY_23, "precio": 5.8}]

    # Staying above the threshold is not a new crossing.
    smtp_sink.clear()
    new_wholesale_day(DAY_24, 5.90)
    assert smtp_sink == []
    assert len(as_user(farmer, "grll_agro_alert_list")[0]["avisos"]) == 1

    # The in-app list shows the notice; the farmer deletes the alert there.
    token = tk.get_action("api_token_create")(
        {"user": farmer["name"], "ignore_auth": True},
        {"user": farmer["name"], "name": "app"})["token"]
    html = app.get("/agro/alertas", headers={"Authorization": token}).get_data(as_text=True)
    assert "Aviso: S/ 5,80 por kg" in html
    as_user(farmer, "grll_agro_alert_delete", id=alert["id"])
    assert as_user(farmer, "grll_agro_alert_list") == []


def test_bad_alerts_are_refused_with_the_field(app):
    errors = error_fields("grll_agro_alert_create", producto="papa", mercado="la-hermelinda",
                          sentido="arriba", umbral="-1")
    assert {"sentido", "umbral", "email"} <= set(errors)
    errors = error_fields("grll_agro_alert_create", producto="papa",
                          mercado="gran-mercado-mayorista-lima", sentido="baja", umbral="500",
                          email="x@example.com")
    assert set(errors) == {"umbral"}
    # Palta is sold only in Trujillo in the sample.
    errors = error_fields("grll_agro_alert_create", producto="palta",
                          mercado="gran-mercado-mayorista-lima", sentido="baja", umbral="2",
                          email="x@example.com")
    assert set(errors) == {"mercado"}
    browser = app.test_client()
    page = browser.post("/agro/alertas", data={
        "producto": "papa", "mercado": "la-hermelinda", "sentido": "sube", "umbral": "abc",
        "_csrf_token": form_token(browser, "/agro/alertas")})
    assert page.status_code == 400
    assert "«abc» no es un número" in page.get_data(as_text=True)


def test_refresh_command_picks_up_rows_upserted_without_touching_the_dataset(cli):
    from ckan.cli.cli import ckan

    new_wholesale_day(DAY_28, 3.33, touch_dataset=False)
    latest = act("grll_agro_latest_prices", productos="papa", mercado="la-hermelinda")
    assert latest["precios"]["papa"]["la-hermelinda"]["f"] != DAY_28
    result = cli.invoke(ckan, ["grll", "agro", "actualizar"])
    assert result.exit_code == 0, result.output
    latest = act("grll_agro_latest_prices", productos="papa", mercado="la-hermelinda")
    assert latest["precios"]["papa"]["la-hermelinda"] == {
        **latest["precios"]["papa"]["la-hermelinda"], "f": DAY_28, "a": 3.33}
    result = cli.invoke(ckan, ["grll", "agro", "alertas"])
    assert result.exit_code == 0 and "Avisos de precio nuevos: 0" in result.output
