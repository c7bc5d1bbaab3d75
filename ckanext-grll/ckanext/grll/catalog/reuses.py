"""Reuses ("Aplicaciones y reutilizaciones"): who may review them, their images.

A reuse names the datasets it uses; a sysadmin or an editor of the
organization of any of those datasets approves or rejects it. Only approved
reuses are public.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import ckan.authz as authz
import ckan.plugins.toolkit as tk
import sqlalchemy as sa

from ckanext.grll.catalog import model

TYPES = ("app", "visualizacion", "articulo", "api")
STATES = ("pendiente", "aprobada", "rechazada")
#: Leading bytes of the accepted image types and the extension they are stored with.
IMAGE_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"),
                    (b"GIF87a", "gif"), (b"GIF89a", "gif"))


def type_labels() -> dict[str, str]:
    return {"app": tk._("Aplicación"), "visualizacion": tk._("Visualización"),
            "articulo": tk._("Artículo"), "api": tk._("API")}


def image_dir() -> Path:
    return Path(tk.config.get("ckan.storage_path")) / "grll_catalog" / "reuses"


def image_extension(head: bytes) -> str | None:
    """The extension of a PNG, JPEG, GIF or WebP image from its first bytes; None otherwise."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return next((ext for signature, ext in IMAGE_SIGNATURES if head.startswith(signature)),
                None)


def read_image(upload: Any) -> tuple[bytes, str]:
    """The bytes and extension of an uploaded image, or a ValidationError saying why not."""
    limit = tk.config.get("ckanext.grll.catalog.reuse_image_max_kb") * 1024
    content = upload.stream.read(limit + 1)
    if len(content) > limit:
        raise tk.ValidationError({"image_upload": [
            tk._("La imagen supera el tamaño máximo de {kb} KB").format(kb=limit // 1024)]})
    extension = image_extension(content[:16])
    if extension is None:
        raise tk.ValidationError({"image_upload": [
            tk._("La imagen debe ser PNG, JPEG, GIF o WebP")]})
    return content, extension


def store_image(reuse_id: str, content: bytes, extension: str) -> str:
    directory = image_dir()
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{reuse_id}.{extension}"
    (directory / name).write_bytes(content)
    return name


def reviewer_organization_ids(user_name: str) -> set[str]:
    """Organizations where the user may approve reuses (editor or admin)."""
    organizations = tk.get_action("organization_list_for_user")(
        {"user": user_name, "ignore_auth": True},
        {"id": user_name, "permission": "create_dataset"})
    return {organization["id"] for organization in organizations}


def reuse_organization_ids(reuse_id: str) -> set[str]:
    from ckan import model as ckan_model

    query = (sa.select(ckan_model.package_table.c.owner_org)
             .join(model.reuse_dataset_table,
                   model.reuse_dataset_table.c.package_id == ckan_model.package_table.c.id)
             .where(model.reuse_dataset_table.c.reuse_id == reuse_id))
    return {row[0] for row in ckan_model.Session.execute(query) if row[0]}


def can_review(user_name: str | None, reuse_id: str) -> bool:
    if not user_name:
        return False
    if authz.is_sysadmin(user_name):
        return True
    return bool(reviewer_organization_ids(user_name) & reuse_organization_ids(reuse_id))


def can_see(user_name: str | None, reuse: dict[str, Any]) -> bool:
    if reuse["state"] == "aprobada":
        return True
    user = authz._get_user(user_name) if user_name else None
    return bool(user and user.id == reuse["user_id"]) or can_review(user_name, reuse["id"])


def can_edit(user_name: str | None, reuse: dict[str, Any]) -> bool:
    """Its author and sysadmins edit or delete a reuse."""
    if not user_name:
        return False
    user = authz._get_user(user_name)
    return bool(user and (user.id == reuse["user_id"] or user.sysadmin))


def remove_image(name: str | None) -> None:
    if name:
        (image_dir() / name).unlink(missing_ok=True)
