"""Bulk CSV exports of the public catalog, streamed in pages (constant memory).

Each generator pages through package_search (or organization_list) as an
anonymous visitor would, so private datasets never leak, and yields CSV text
one row at a time. Every dataset type is listed (the commitments' own types as
well as `dataset`); only ckanext-harvest's sources, which are configuration and
not data, are left out.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.grll import reference
from ckanext.grll.catalog import quality

PAGE_SIZE = 200
#: Every public dataset of every type except harvest sources. Said explicitly (not
#: left to ckanext-harvest's search hook) so the exports hold without that plugin.
PUBLIC_DATASETS_FQ = "-dataset_type:harvest"

DATASET_COLUMNS = (
    "id", "name", "title", "url", "organization", "entidad", "fuente", "license_id",
    "frecuencia", "cobertura_espacial", "cobertura_espacial_nombre",
    "cobertura_temporal_inicio", "cobertura_temporal_fin", "idioma", "version",
    "maintainer", "maintainer_email", "tags", "groups", "num_resources", "formats",
    "calidad", "metadata_created", "metadata_modified")
RESOURCE_COLUMNS = (
    "id", "dataset_name", "dataset_title", "organization", "name", "description",
    "format", "url", "datastore_active", "size", "created", "last_modified")
ORGANIZATION_COLUMNS = ("id", "name", "title", "description", "url", "package_count",
                        "created")


def site_url() -> str:
    return tk.config.get("ckan.site_url").rstrip("/")


def dataset_url(dataset: dict[str, Any]) -> str:
    """The dataset's page under its own type (/agua/..., /dataset/...), where its
    commitment's form and template are."""
    return f"{site_url()}/{dataset.get('type') or 'dataset'}/{dataset['name']}"


def public_datasets(page_size: int = PAGE_SIZE) -> Iterator[dict[str, Any]]:
    """Every public active dataset of every type, page by page, in a stable order."""
    start = 0
    while True:
        result = tk.get_action("package_search")(
            {}, {"q": "*:*", "fq": PUBLIC_DATASETS_FQ, "rows": page_size,
                 "start": start, "sort": "name asc", "include_private": False})
        yield from result["results"]
        start += page_size
        if start >= result["count"] or not result["results"]:
            return


def dataset_row(dataset: dict[str, Any]) -> dict[str, Any]:
    organization = dataset.get("organization") or {}
    resources = dataset.get("resources", [])
    return {
        **{key: dataset.get(key, "") for key in DATASET_COLUMNS},
        "url": dataset_url(dataset),
        "organization": organization.get("name", ""),
        "cobertura_espacial_nombre":
            reference.ubigeo_label(dataset.get("cobertura_espacial") or "") or "",
        "tags": ";".join(tag["name"] for tag in dataset.get("tags", [])),
        "groups": ";".join(group["name"] for group in dataset.get("groups", [])),
        "num_resources": len(resources),
        "formats": ";".join(sorted({r["format"] for r in resources if r.get("format")})),
        "calidad": quality.dataset_quality(dataset).score,
    }


def resource_rows(dataset: dict[str, Any]) -> Iterator[dict[str, Any]]:
    organization = (dataset.get("organization") or {}).get("name", "")
    for resource in dataset.get("resources", []):
        yield {
            **{key: resource.get(key, "") for key in RESOURCE_COLUMNS},
            "dataset_name": dataset["name"], "dataset_title": dataset["title"],
            "organization": organization,
            "datastore_active": bool(resource.get("datastore_active")),
        }


def organization_rows() -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = tk.get_action("organization_list")(
            {}, {"all_fields": True, "limit": PAGE_SIZE, "offset": offset,
                 "sort": "name asc", "include_dataset_count": True})
        for organization in page:
            yield {**{key: organization.get(key, "") for key in ORGANIZATION_COLUMNS},
                   "url": f"{site_url()}/organization/{organization['name']}"}
        if len(page) < PAGE_SIZE:
            return
        offset += PAGE_SIZE


def csv_lines(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text, header first, one line per yield (UTF-8 BOM for spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore",
                            lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield "\ufeff" + flush()
    for row in rows:
        writer.writerow(row)
        yield flush()


EXPORTS: dict[str, tuple[tuple[str, ...], Callable[[], Iterable[dict[str, Any]]]]] = {
    "datasets": (DATASET_COLUMNS, lambda: (dataset_row(d) for d in public_datasets())),
    "recursos": (RESOURCE_COLUMNS,
                 lambda: (row for d in public_datasets() for row in resource_rows(d))),
    "organizaciones": (ORGANIZATION_COLUMNS, organization_rows),
}


def export(name: str) -> Iterator[str]:
    columns, rows = EXPORTS[name]
    return csv_lines(columns, rows())

