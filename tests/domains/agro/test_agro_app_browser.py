"""On a phone: pick crops, see the latest prices, lose the signal and still see them."""
from __future__ import annotations

import datetime

import pytest
from agro_testing import OTUZCO, WHOLESALE, agro_catalog, seeded  # noqa: F401

from ckanext.grll.catalog import data_freshness

#: The sample's last price day (21/12/2024 in the file), once loaded: last month.
LAST_DAY = seeded(WHOLESALE, "2024-12-21")
PRICE_OF_THE_DAY = f"Precio del {LAST_DAY[8:10]}/{LAST_DAY[5:7]}/{LAST_DAY[:4]}"

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("agro_catalog")]


def test_pick_crops_see_prices_then_offline_keeps_them_with_their_date(live_server, touch_phone):
    page = touch_phone.new_page()
    page.goto(live_server + "/agro")
    # First visit: the app asks for the crops before anything else.
    assert page.is_visible("#cultivos") and not page.is_visible("#precios")
    page.check("input[value=papa]")
    page.check("input[value=palta]")
    page.select_option("#agro-distrito", OTUZCO)
    page.click("text=Guardar y ver precios")

    papa = page.locator("[data-producto=papa]")
    papa.wait_for()
    assert page.is_visible("#precios") and not page.is_visible("#cultivos")
    text = papa.inner_text()
    assert "Mercado Mayorista de Trujillo La Hermelinda" in text
    assert "Gran Mercado Mayorista de Lima" in text
    assert PRICE_OF_THE_DAY in text and "Precio justo: entre S/" in text
    # The date is machine-readable, with a warning beside it only when the price is
    # older than its daily dataset allows.
    assert page.locator(f"[data-producto=papa] time[datetime='{LAST_DAY}']").count() >= 1
    age = (datetime.date.today() - datetime.date.fromisoformat(LAST_DAY)).days
    warned = page.locator("[data-producto=papa] .grll-data-stale").count() > 0
    assert warned == (age > data_freshness.allowed_days("DAILY"))
    assert "En chacra" in text
    assert page.locator("[data-producto=palta] .agro-mercado").count() == 1
    assert page.inner_text("#agro-estado").startswith("Datos obtenidos el")
    # Big enough to hit with a thumb.
    assert page.locator(".agro-menu a").first.bounding_box()["height"] >= 44

    # The service worker has kept the app shell.
    page.wait_for_function("""async () => {
        const reg = await navigator.serviceWorker.ready;
        return !!reg.active && !!(await caches.match(location.pathname));
    }""")
    touch_phone.set_offline(True)
    page.reload()
    page.locator("[data-producto=papa]").wait_for()
    assert PRICE_OF_THE_DAY in page.inner_text("[data-producto=papa]")
    status = page.inner_text("#agro-estado")
    assert status.startswith("Sin conexión. Se muestran los datos guardados el"), status
    assert page.evaluate("navigator.onLine") is False
    touch_phone.set_offline(False)
