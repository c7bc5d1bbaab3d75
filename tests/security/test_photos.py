"""Report photos: no metadata segment survives in the photo the portal stores and serves,
every photo of a multipart request counts, and photos of non-public reports stay out
of shared caches."""
from __future__ import annotations

import io
import struct
from collections.abc import Callable
from pathlib import Path

import feedback_security_helpers
import pytest
from client_identity_helpers import CREATE, TRUJILLO, api_fields, picture, water_leak
from feedback_security_helpers import make_public, token_for
from PIL import Image, ImageCms, PngImagePlugin

from ckanext.grll.feedback import photos
from ckanext.grll.feedback.model import Report

staff = feedback_security_helpers.staff
SECRET = b"rosa.quispe.secreta@example.com"
# What a re-encoded file may hold besides its pixels: JFIF's density header (APP0),
# tables, frame and scan headers; PNG's header, palette and transparency.
JPEG_ALLOWED = {0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD, 0xDA}
PNG_ALLOWED = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def with_segment(jpeg: bytes, raw: bytes) -> bytes:
    """``jpeg`` with a raw segment inserted right after its start marker."""
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + raw + jpeg[2:]


def iptc_app13() -> bytes:
    """A Photoshop APP13 block with an IPTC by-line (2:80) naming the photographer."""
    dataset = b"\x1c\x02\x50" + struct.pack(">H", len(SECRET)) + SECRET
    resource = b"8BIM" + b"\x04\x04" + b"\x00\x00" + struct.pack(">I", len(dataset)) + dataset
    return segment(0xED, b"Photoshop 3.0\x00" + resource)


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = SECRET.decode()  # Artist
    exif[0x8825] = {1: "S", 2: (8.0, 6.0, 41.76), 3: "W", 4: (79.0, 1.0, 43.68)}
    return exif


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


CRAFTED_JPEGS: dict[str, Callable[[], bytes]] = {
    "COM comment": lambda: with_segment(picture(), segment(0xFE, b"contacto " + SECRET)),
    "APP1 EXIF with GPS": lambda: picture(exif=exif_with_gps()),
    "APP1 XMP": lambda: picture(xmp=b"<x:xmpmeta><dc:creator>" + SECRET
                                + b"</dc:creator></x:xmpmeta>"),
    "APP13 IPTC": lambda: with_segment(picture(), iptc_app13()),
    "APP2 ICC profile": lambda: picture(icc_profile=srgb_profile()),
    "APP15 vendor block": lambda: with_segment(picture(), segment(0xEF, SECRET)),
}


def png_with(chunk: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    save: dict = {"pnginfo": info}
    if chunk == "tEXt":
        info.add_text("Author", SECRET.decode())
    elif chunk == "iTXt":
        info.add_itxt("Description", SECRET.decode(), lang="es")
    elif chunk == "zTXt":
        info.add_text("Comment", SECRET.decode(), zip=True)
    elif chunk == "eXIf":
        save["exif"] = exif_with_gps()
    elif chunk == "iCCP":
        save["icc_profile"] = srgb_profile()
    return picture(fmt="PNG", **save)


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG's header segments, up to the start of the scan."""
    assert data[:2] == b"\xff\xd8"
    markers, position = [], 2
    while True:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:
            return markers
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        position += 2 + length


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(data):
        length = struct.unpack(">I", data[position:position + 4])[0]
        chunks.append(data[position + 4:position + 8])
        position += 12 + length
    return chunks


def send_photos(app, files: list[tuple[bytes, str, str]], headers=None):
    fields = api_fields(water_leak(), "Fuga de agua en la vereda, con fotos.")
    return app.post(CREATE, data={**fields, "photos": [
        (io.BytesIO(data), name, kind) for data, name, kind in files]},
        content_type="multipart/form-data", headers=headers or {})


def served_photo(app, staff, files: list[tuple[bytes, str, str]]) -> tuple[bytes, bytes]:
    """Send one photo through the API; the bytes served to staff, and those stored."""
    moderator = {"Authorization": token_for(staff(water_leak().responsible_for(TRUJILLO)))}
    created = send_photos(app, files)
    assert created.status_code == 200, created.json
    [photo] = Report.by_code(created.json["result"]["codigo"]).photos
    served = app.get(f"/reportes/foto/{photo.id}", headers=moderator)
    assert served.status_code == 200
    return served.get_data(), Path(photos.path_of(photo.filename)).read_bytes()


@pytest.mark.parametrize("kind", CRAFTED_JPEGS)
def test_no_metadata_segment_of_a_jpeg_survives(app, staff, kind):
    original = CRAFTED_JPEGS[kind]()
    assert SECRET in original or kind == "APP2 ICC profile"
    served, stored = served_photo(app, staff, [(original, "foto.jpg", "image/jpeg")])
    assert served == stored
    markers = jpeg_markers(served)
    assert set(markers) <= JPEG_ALLOWED, [hex(m) for m in markers]
    assert SECRET not in served and b"Photoshop" not in served and b"ICC_PROFILE" not in served
    jfif = served.index(b"JFIF\x00")
    assert served[jfif + 12:jfif + 14] == b"\x00\x00"  # no JFIF thumbnail either


@pytest.mark.parametrize("chunk", ["tEXt", "iTXt", "zTXt", "eXIf", "iCCP"])
def test_no_metadata_chunk_of_a_png_survives(app, staff, chunk):
    original = png_with(chunk)
    assert chunk.encode() in png_chunks(original)
    served, stored = served_photo(app, staff, [(original, "foto.png", "image/png")])
    assert served == stored
    assert set(png_chunks(served)) <= PNG_ALLOWED, png_chunks(served)
    assert SECRET not in served


@pytest.mark.ckan_config("ckanext.grll.feedback.max_photos", "3")
def test_every_photo_of_one_api_request_is_kept_or_the_request_refused(app, staff):
    colours = [(200, 0, 0), (0, 200, 0), (0, 0, 200), (200, 200, 0)]
    files = [(picture(c), f"foto{n}.jpg", "image/jpeg") for n, c in enumerate(colours)]
    refused = send_photos(app, files)
    assert refused.status_code == 409
    message = " ".join(refused.json["error"]["photos"])
    assert "photos" in message and "4" in message and "3" in message
    assert Report.query().count() == 0
    created = send_photos(app, files[:3])
    assert created.status_code == 200
    assert len(Report.by_code(created.json["result"]["codigo"]).photos) == 3


def test_photos_sent_as_text_are_refused_with_the_field(app, staff):
    fields = api_fields(water_leak(), "Fuga de agua en la vereda, con fotos.")
    for value in ("foto.jpg", ["a", "b"]):
        response = app.post(CREATE, json={**fields, "photos": value})
        assert response.status_code == 409
        assert "archivo" in " ".join(response.json["error"]["photos"])


def test_photos_of_non_public_reports_are_never_cached_by_others(app, staff):
    category = water_leak()
    moderator_user = staff(category.responsible_for(TRUJILLO))
    moderator = {"Authorization": token_for(moderator_user)}
    created = send_photos(app, [(picture(), "foto.jpg", "image/jpeg")])
    code = created.json["result"]["codigo"]
    [photo] = Report.by_code(code).photos
    url = f"/reportes/foto/{photo.id}"
    assert app.get(url).status_code == 404
    private = app.get(url, headers=moderator)
    assert private.status_code == 200
    assert private.headers["Cache-Control"] == "private, no-store"
    make_public(code, category, moderator_user)
    public = app.get(url)
    assert public.status_code == 200 and "no-store" not in public.headers["Cache-Control"]
    assert app.get(url, headers=moderator).headers["Cache-Control"] == public.headers[
        "Cache-Control"]
