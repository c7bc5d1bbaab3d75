"""Report photos: JPEG or PNG only, size-limited, re-encoded without metadata.

Every photo is decoded with Pillow and written again from its pixels alone, into a
new image that carries nothing of the original file: no JPEG comment (COM), no APPn
segment (EXIF with the GPS position, XMP, IPTC in APP13, the ICC profile), no PNG
text or EXIF chunk (tEXt, iTXt, zTXt, eXIf). Pillow copies an opened image's
``info`` (the comment among it) into every image derived from it, so only pixels
may cross. The orientation tag is applied to the pixels first. Files go through
CKAN's uploader (``ckan.upload.grll_feedback.*``) and are served by the engine's
own view, which checks who may see them.
"""
from __future__ import annotations

import io
import os
import uuid
from dataclasses import dataclass
from typing import Any

from ckan.lib import uploader
from ckan.plugins.toolkit import _
from flask import has_request_context, request
from PIL import Image, ImageOps, UnidentifiedImageError

from ckanext.grll.feedback import config

UPLOAD_TYPE = "grll_feedback"
FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}
# Larger pictures are scaled down: enough to see a leak or a pothole.
MAX_SIDE_PX = 2048
# Pixel layouts written as they are; any other (palette, CMYK, 16-bit) is converted.
PLAIN_MODES = {"JPEG": ("RGB", "L"), "PNG": ("RGB", "RGBA", "L", "LA")}
FIELD = "photos"


class PhotoError(ValueError):
    """A photo the engine refuses; the message is for the citizen."""


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    mimetype: str
    extension: str
    width: int
    height: int


def uploads_in(value: Any) -> list[Any]:
    """The files of a ``photos`` value: a list of them, one, or none.

    CKAN's action API hands an action only the first file of a multipart field;
    when ``value`` is that file, the request's other files of the field are its
    siblings and count too (so none is dropped without a word).
    """
    if value in (None, "", []):
        return []
    if not isinstance(value, list):
        value = [value]
    if (len(value) == 1 and has_request_context()
            and value[0] is next(iter(request.files.getlist(FIELD)), None)):
        value = request.files.getlist(FIELD)
    return [item for item in value if item not in (None, "")
            and getattr(item, "filename", True)]


def read_upload(upload: Any) -> bytes:
    """The bytes of an uploaded file (werkzeug FileStorage or bytes), size-checked."""
    limit = config.max_photo_bytes()
    if isinstance(upload, (bytes, bytearray)):
        data = bytes(upload)
    elif hasattr(getattr(upload, "stream", upload), "read"):
        data = getattr(upload, "stream", upload).read(limit + 1)
    else:
        raise PhotoError(_("Envíe cada foto como archivo (multipart/form-data), no como "
                           "texto"))
    if len(data) > limit:
        raise PhotoError(_("La foto pesa más de {mb} MB").format(mb=config.max_photo_mb()))
    if not data:
        raise PhotoError(_("La foto está vacía"))
    return data


def clean(data: bytes) -> CleanPhoto:
    """Check that ``data`` is a JPEG or PNG picture and rewrite it without metadata."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        if kind not in FORMATS:
            raise PhotoError(_("Solo se aceptan fotos JPEG o PNG"))
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise PhotoError(_("El archivo no es una foto JPEG o PNG válida")) from error
    picture.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
    if picture.mode not in PLAIN_MODES[kind]:
        transparent = kind == "PNG" and (picture.has_transparency_data
                                         or "A" in picture.getbands())
        picture = picture.convert("RGBA" if transparent else "RGB")
    # Only the pixels cross into the new image: no info, so no metadata at all.
    pixels = Image.frombytes(picture.mode, picture.size, picture.tobytes())
    output = io.BytesIO()
    if kind == "JPEG":
        pixels.save(output, "JPEG", quality=85, optimize=True)
    else:
        pixels.save(output, "PNG", optimize=True)
    mimetype, extension = FORMATS[kind]
    return CleanPhoto(output.getvalue(), mimetype, extension, pixels.width, pixels.height)


def store(photo: CleanPhoto) -> str:
    """Write a cleaned photo through CKAN's uploader; returns its stored file name."""
    from werkzeug.datastructures import FileStorage

    upload = uploader.get_uploader(UPLOAD_TYPE)
    data_dict: dict[str, Any] = {
        "url": "",
        "upload": FileStorage(io.BytesIO(photo.data), filename=uuid.uuid4().hex + photo.extension,
                              content_type=photo.mimetype),
    }
    upload.update_data_dict(data_dict, "url", "upload", "clear")
    upload.upload(config.max_photo_mb())
    return data_dict["url"]


def path_of(filename: str) -> str | None:
    """Where the uploader keeps a stored photo, if the file is there."""
    base = uploader.get_uploader(UPLOAD_TYPE).storage_path
    if not base:
        return None
    candidate = os.path.join(base, os.path.basename(filename))
    return candidate if os.path.isfile(candidate) else None


def remove(filename: str) -> None:
    """Delete a stored photo (used when the report that carried it is not saved)."""
    path = path_of(filename)
    if path:
        os.remove(path)
