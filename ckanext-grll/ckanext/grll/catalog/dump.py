"""The complete catalog dump: JSON Lines, one dataset per line as package_show returns it.

A background job writes the dump beside the previous one and swaps it in only
when complete, so a failure leaves the last good dump in place. The dump is
itself published as the dataset `catalogo-completo`, whose resource points at
/catalogo/catalogo.jsonl.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.grll.catalog import exports

log = logging.getLogger(__name__)

DUMP_DATASET = "catalogo-completo"
DUMP_FILE = "catalogo.jsonl"
DUMP_ROUTE = "/catalogo/catalogo.jsonl"


def dump_path() -> Path:
    return Path(tk.config.get("ckan.storage_path")) / "grll_catalog" / DUMP_FILE


def _site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def write_dump(path: Path) -> int:
    """Write the public catalog to `path` atomically; return the number of datasets."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalogo-", suffix=".tmp")
    count = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as output:
            for summary in exports.public_datasets():
                dataset = tk.get_action("package_show")({}, {"id": summary["id"]})
                output.write(json.dumps(dataset, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def dump_dataset_dict(size: int, count: int) -> dict[str, Any]:
    site_url = exports.site_url()
    return {
        "name": DUMP_DATASET,
        "title": "Catálogo completo del portal (JSON Lines)",
        "notes": (
            "Volcado completo de los metadatos de todos los conjuntos de datos públicos del "
            "portal, regenerado automáticamente por una tarea en segundo plano. Cada línea del "
            "archivo es un objeto JSON con un conjunto de datos tal como lo devuelve la acción "
            "`package_show` de la API de CKAN, con sus recursos. Pensado para cosechadores y "
            "desarrolladores que necesitan todo el catálogo en una sola descarga. "
            f"Última generación: {count} conjuntos de datos."),
        "owner_org": tk.config.get("ckanext.grll.catalog.dump_organization"),
        "entidad": "Gobierno Regional La Libertad - Sub Gerencia de Tecnologías de la Información",
        "fuente": "Metadatos del Portal de Datos Abiertos La Libertad (CKAN)",
        "license_id": "odc-by",
        "frecuencia": "DAILY",
        "cobertura_espacial": "13",
        "idioma": "es",
        "maintainer": "Sub Gerencia de Tecnologías de la Información",
        "maintainer_email": "datos-abiertos@regionlalibertad.gob.pe",
        "tags": [{"name": "catálogo"}, {"name": "metadatos"}, {"name": "volcado"}],
        "resources": [{
            "name": "Catálogo completo (JSON Lines)",
            "description": "Un conjunto de datos por línea, como lo devuelve package_show.",
            "format": "JSONL",
            "url": site_url + DUMP_ROUTE,
            "size": size,
            "last_modified": dt.datetime.utcnow().isoformat(),
        }],
    }


def _ensure_published() -> None:
    try:
        tk.get_action("package_show")(_site_context(), {"id": DUMP_DATASET})
    except tk.ObjectNotFound:
        publish(0, 0)


def publish(size: int, count: int) -> None:
    """Create or update the dataset that describes the dump."""
    context = _site_context()
    wanted = dump_dataset_dict(size, count)
    try:
        current = tk.get_action("package_show")(context.copy(), {"id": DUMP_DATASET})
    except tk.ObjectNotFound:
        tk.get_action("package_create")(context.copy(), wanted)
        return
    resource = wanted["resources"][0]
    if current.get("resources"):
        resource["id"] = current["resources"][0]["id"]
    tk.get_action("package_update")(context.copy(), {**wanted, "id": current["id"]})


def build_dump() -> int:
    """The background job: regenerate the dump and publish it; return the dataset count.

    The schedule is cleared first, so a change made while the dump is being written
    queues the next dump instead of being lost until some later edit.
    """
    _clear_schedule()
    # The dump lists its own dataset too, the first time as every later one.
    _ensure_published()
    path = dump_path()
    count = write_dump(path)
    publish(path.stat().st_size, count)
    log.info("Catalog dump: %d datasets written to %s", count, path)
    return count


#: A queued dump job that never ran stops blocking new ones after this many seconds.
SCHEDULE_WINDOW = 300


def _schedule_key() -> str:
    return f"{tk.config.get('ckan.site_id')}:grll_catalog:dump_scheduled"


def _clear_schedule() -> None:
    from ckan.lib.redis import connect_to_redis

    try:
        connect_to_redis().delete(_schedule_key())
    except Exception:  # noqa: BLE001 - the key also expires by itself
        log.warning("Could not clear the catalog dump schedule", exc_info=True)


def schedule(pkg_dict: dict[str, Any]) -> None:
    """After a change to a dataset of any type, queue one regeneration.

    At most one regeneration waits at a time. Changes to the dump's own dataset are
    ignored (the job updates it), and so are harvest sources, which the dump leaves
    out.
    """
    if pkg_dict.get("name") == DUMP_DATASET or pkg_dict.get("type") == "harvest":
        return
    from ckan.lib.redis import connect_to_redis

    try:
        if connect_to_redis().set(_schedule_key(), "1", nx=True, ex=SCHEDULE_WINDOW):
            tk.enqueue_job(build_dump, title="grll_catalog: catalog dump")
    except Exception:  # noqa: BLE001 - a dump is never worth failing a dataset edit
        log.warning("Could not queue the catalog dump", exc_info=True)
