"""A citizen reports a water problem with a photo on a phone, then follows it by code."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from feedback_helpers import jpeg_with_gps
from PIL import Image

from ckanext.grll.feedback import photos
from ckanext.grll.feedback.model import Report

pytestmark = pytest.mark.browser


def test_report_with_photo_and_follow_it_by_tracking_code(live_server, organizations, phone):
    organizations["gerencia-regional-vivienda"]
    phone.goto(live_server + "/reportes")
    phone.click("text=Hacer un reporte >> nth=1")  # agua is the second commitment
    phone.click("text=Sin servicio o corte de agua")
    assert phone.inner_text("h1") == "Sin servicio o corte de agua"

    phone.fill("#description", "No llega agua a nuestra cuadra desde el domingo en la noche.")
    phone.fill("#q-desde", "2026-11-22")
    phone.fill("#q-hogares", "12")
    # The district picker (works without map tiles) centres the map; then the pin.
    map_box = phone.locator("#grll-report-map")
    map_box.wait_for(state="visible")
    phone.select_option("#ubigeo", "130101")
    map_box.scroll_into_view_if_needed()
    map_box.click()  # the centre: Trujillo's capital, where the picker moved the map
    assert phone.input_value("#lat") and phone.input_value("#lon")
    phone.set_input_files("#photos", files=[{
        "name": "fuga.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps((320, 240))}])
    phone.fill("#email", "vecina@example.com")
    with phone.expect_navigation():
        phone.click("button[type=submit]:has-text('Enviar reporte')")
    assert "/seguimiento/" in phone.url, phone.inner_text("body")
    code = phone.inner_text("#tracking-code").strip()
    assert phone.inner_text("#report-status") == "Recibido"

    report = Report.by_code(code)
    assert report.ubigeo == "130101" and report.latitude is not None
    [photo] = report.photos
    stored = Path(photos.path_of(photo.filename)).read_bytes()
    assert not Image.open(io.BytesIO(stored)).getexif()

    phone.goto(live_server + "/seguimiento")
    phone.fill("#codigo", code.lower())
    phone.click("button:has-text('Ver el estado')")
    phone.wait_for_selector("#timeline")
    assert phone.inner_text("h1") == "Sin servicio o corte de agua"
    assert "Reporte recibido" in phone.inner_text("#timeline")
    assert "vecina@example.com" not in phone.content()
