"""Documents uploaded from the plan's forms or the API: a milestone's evidence, a
session's minutes.

A document becomes a resource of the plan's dataset (``ckanext.grll.ogp.dataset``),
stored by CKAN's own uploader under ``ckan.storage_path`` and downloaded from the
resource's page. Before anything is stored the file is read and checked: not empty, not
larger than ``ckanext.grll.ogp.max_document_mb``, and of an accepted type judged by its
content (the leading bytes, the parts inside an office file), never by its name alone.
Whoever the plan's roles allow creates the resource in their own name (the activity
stream says who), without needing CKAN's rights on the dataset; :func:`remove` takes a
resource back when what it was uploaded for could not be saved.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader
from ckan.plugins.toolkit import _
from werkzeug.datastructures import FileStorage

from ckanext.grll.datastore_tables import site_context
from ckanext.grll.ogp import config

log = logging.getLogger(__name__)

#: The field that carries the file, in the forms and in the API (as in resource_create).
FIELD = "upload"
#: Accepted types: extension -> (the format CKAN shows, the media type served).
TIPOS = {
    "pdf": ("PDF", "application/pdf"),
    "odt": ("ODT", "application/vnd.oasis.opendocument.text"),
    "ods": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "docx": ("DOCX",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("CSV", "text/csv"),
    "png": ("PNG", "image/png"),
    "jpg": ("JPEG", "image/jpeg"),
}
#: What the file chooser offers (a hint only: the content decides).
ACCEPT = ".pdf,.odt,.ods,.docx,.xlsx,.csv,.png,.jpg,.jpeg"
_OOXML_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))
_TEXT_CONTROLS = set(range(32)) - {9, 10, 13}


@dataclass(frozen=True)
class Documento:
    """A checked upload, read into memory (at most ``max_document_mb``)."""

    contenido: bytes
    nombre_archivo: str
    extension: str

    @property
    def formato(self) -> str:
        return TIPOS[self.extension][0]

    @property
    def mimetype(self) -> str:
        return TIPOS[self.extension][1]


def _office_type(content: bytes) -> str | None:
    """odt, ods, docx or xlsx from the parts inside a ZIP container; None otherwise."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return next((ext for ext in ("odt", "ods") if TIPOS[ext][1] == declared),
                            None)
            if "[Content_Types].xml" in names:
                return next((ext for part, ext in _OOXML_PARTS if part in names), None)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    return None


def _is_text_table(content: bytes) -> bool:
    """Text a spreadsheet can open: UTF-8 or Windows-1252, no control characters other
    than tabs and line ends, not markup."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return (not any(ord(char) in _TEXT_CONTROLS for char in text)
                and not text.lstrip().startswith("<"))
    return False


def detect(content: bytes, filename: str) -> str | None:
    """The accepted type of ``content`` (a key of :data:`TIPOS`), or None.

    The content decides: PDF, PNG and JPEG by their signature, ODT/ODS by the
    ``mimetype`` part of their container, DOCX/XLSX by their main part. CSV is text, so
    only a name ending in ``.csv`` whose content is plain text is taken as one.
    """
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith(b"PK\x03\x04"):
        return _office_type(content)
    if PurePath(filename.lower()).suffix == ".csv" and _is_text_table(content):
        return "csv"
    return None


def given(data_dict: dict[str, Any]) -> bool:
    """Whether a call carries a file (an empty file input of a form does not)."""
    upload = data_dict.get(FIELD)
    return not (upload is None or upload == "" or
                (isinstance(upload, FileStorage) and not upload.filename))


def read(upload: Any) -> Documento:
    """The checked document, or a ValidationError under ``upload`` saying what is wrong."""
    def refuse(message: str) -> tk.ValidationError:
        return tk.ValidationError({FIELD: [message]})

    if not isinstance(upload, FileStorage) or not upload.filename:
        raise refuse(_("Envíe el documento como archivo (multipart/form-data)"))
    limit = config.max_document_mb() * 1024 * 1024
    content = upload.stream.read(limit + 1)
    if not content.strip():
        raise refuse(_("El archivo está vacío"))
    if len(content) > limit:
        raise refuse(_("El archivo pesa más de {mb} MB, el máximo permitido").format(
            mb=config.max_document_mb()))
    name = PurePath(upload.filename.replace("\\", "/")).name
    extension = detect(content, name)
    if extension is None:
        raise refuse(_("Tipo de archivo no aceptado: suba un PDF, ODT, ODS, DOCX, XLSX, "
                       "CSV, PNG o JPEG (se revisa su contenido, no solo el nombre)"))
    stem = PurePath(name).stem or "documento"
    return Documento(content, f"{stem}.{extension}", extension)


def _acting_context(context: dict[str, Any]) -> dict[str, Any]:
    """The acting user's name, without CKAN's dataset permissions: the plan's roles
    were checked by the calling action. The site user when the call names nobody."""
    user = model.User.get(context.get("user") or "")
    if user is None:
        return site_context()
    return {"user": user.name, "ignore_auth": True}


def create(context: dict[str, Any], documento: Documento, nombre: str,
           descripcion: str) -> dict[str, Any]:
    """A resource of the plan's dataset holding ``documento``, created in the acting
    user's name; the resource."""
    from ckanext.grll.ogp import publicacion  # publicacion imports plan, which imports us

    dataset = publicacion.ensure_dataset()
    stream = FileStorage(stream=io.BytesIO(documento.contenido),
                         filename=documento.nombre_archivo,
                         content_type=documento.mimetype)
    try:
        return tk.get_action("resource_create")(_acting_context(context), {
            "package_id": dataset["id"], "name": nombre, "description": descripcion,
            "format": documento.formato, "mimetype": documento.mimetype, FIELD: stream})
    except Exception:
        # CKAN writes the file before it commits the dataset: nothing was kept.
        model.Session.rollback()
        raise


def remove(resource_id: str) -> None:
    """Take back a resource created for something that could not be saved: the
    resource leaves the dataset and its stored file is deleted."""
    with contextlib.suppress(tk.ObjectNotFound):
        tk.get_action("resource_delete")(site_context(), {"id": resource_id})
    storage = uploader.get_resource_uploader({})
    if hasattr(storage, "get_path") and getattr(storage, "storage_path", None):
        try:
            os.remove(storage.get_path(resource_id))
        except OSError:
            log.warning("grll_ogp: no stored file to remove for %s", resource_id)


def page_link(resource: dict[str, Any]) -> str:
    """The resource's page on the portal (what evidence and minutes link to)."""
    return f"/dataset/{resource['package_id']}/resource/{resource['id']}"


def stored_name(resource: dict[str, Any]) -> str:
    """The file name CKAN stored an upload under (tidied from the one sent)."""
    return (resource.get("url") or "").rsplit("/", 1)[-1]


def resource_id(enlace: str) -> str:
    return (enlace or "").rstrip("/").rsplit("/", 1)[-1]


def describe(enlace: str) -> dict[str, Any] | None:
    """Name, format, size (bytes) and download address of the document a link points to;
    None when it is not an active resource of the portal."""
    if not enlace or "/resource/" not in enlace:
        return None
    row = model.Resource.get(resource_id(enlace))
    if row is None or row.state != "active":
        return None
    if row.url_type == "upload":
        descarga = (f"/dataset/{row.package_id}/resource/{row.id}/download/"
                    f"{stored_name({'url': row.url})}")
    else:
        descarga = row.url or page_link({"package_id": row.package_id, "id": row.id})
    return {"nombre": row.name or "", "formato": row.format or "",
            "tamano": int(row.size) if row.size is not None else None,
            "descarga": descarga}
