"""Photos: JPEG/PNG only, size-limited, metadata stripped, stored via CKAN's uploader."""
from __future__ import annotations

import io
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from feedback_helpers import (
    act,
    jpeg_with_gps,
    ordinary_category,
    submission,
    token_for,
)
from PIL import Image
from werkzeug.datastructures import FileStorage

from ckanext.grll.feedback import photos
from ckanext.grll.feedback.model import Photo, Report
from portal_testing import backdate


def upload(data: bytes, name: str = "foto.jpg", kind: str = "image/jpeg") -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name, content_type=kind)


def test_photo_is_stored_without_exif_and_served_to_whoever_may_see_it(app, people, staff_of):
    category = ordinary_category("agua")
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()
    created = act("grll_feedback_create", people["ciudadana"],
                  **submission(category, photos=[upload(original)]))
    report = Report.by_code(created["codigo"])
    [photo] = report.photos
    path = photos.path_of(photo.filename)
    stored = Path(path).read_bytes()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert b"TelefonoMarca" not in stored and b"GPS" not in stored

    url = f"/reportes/foto/{photo.id}"
    assert app.get(url).status_code == 404  # not public yet
    staff = staff_of(category)
    seen = app.get(url, headers={"Authorization": token_for(staff)})
    assert seen.status_code == 200 and seen.headers["Content-Type"] == "image/jpeg"
    backdate(created["codigo"], 8)
    act("grll_feedback_status_update", staff, code=created["codigo"], status="en_revision")
    assert app.get(url).status_code == 200
    assert act("grll_feedback_show", None, code=created["codigo"])["fotos"] == [photo.id]


def test_png_keeps_no_text_chunks(people):
    image = Image.new("RGB", (20, 20), "blue")
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Rosa Quispe")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    category = ordinary_category("agua")
    created = act("grll_feedback_create", people["ciudadana"], **submission(
        category, photos=[upload(out.getvalue(), "foto.png", "image/png")]))
    [photo] = Report.by_code(created["codigo"]).photos
    assert b"Rosa Quispe" not in Path(photos.path_of(photo.filename)).read_bytes()


@pytest.mark.ckan_config("ckanext.grll.feedback.max_photo_mb", "1")
@pytest.mark.parametrize("data, name", [
    (b"%PDF-1.4 esto no es una foto", "foto.jpg"),
    (b"GIF89a" + b"\0" * 100, "foto.gif"),
    (None, "grande.jpg"),
])
def test_bad_photos_are_refused_and_nothing_is_stored(people, data, name):
    if data is None:
        big = Image.frombytes("RGB", (1200, 1200), bytes(range(256)) * (1200 * 1200 * 3 // 256))
        out = io.BytesIO()
        big.save(out, "PNG")
        data = out.getvalue() + b"\0" * (1024 * 1024)
    category = ordinary_category("agua")
    with pytest.raises(tk.ValidationError) as error:
        act("grll_feedback_create", people["ciudadana"],
            **submission(category, photos=[upload(data, name)]))
    assert "photos" in error.value.error_dict
    assert Report.query().count() == 0
    from ckan import model

    assert model.Session.query(Photo).count() == 0
