"""The provider registry: a DataStore resource kept by stewards (seed `agua-prestadores`).

Read through the DataStore API so that whatever stewards change there is what the
harvester, the pages and the actions use. Small tables (the registry, the providers'
official indicators) are kept in memory for a minute: they have a few hundred rows
and are read on every lookup.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.plugins.toolkit import _

from ckanext.datastore.backend.postgres import get_write_engine
from ckanext.grll.domains.agua import config

#: Seconds a read of the registry is reused.
_TTL = 60.0
_cache: dict[str, tuple[float, list[dict[str, Any]]]] = {}

GRUPOS = ("eps", "municipal", "jass")


@dataclass(frozen=True)
class Prestador:
    id: str
    nombre: str
    grupo: str
    tipo_prestador: str
    ubigeos: tuple[str, ...]
    localidades: tuple[str, ...]
    supervision: str
    poblacion_servida_estimada: int | None

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "nombre": self.nombre, "grupo": self.grupo,
                "grupo_nombre": grupo_label(self.grupo), "tipo_prestador": self.tipo_prestador,
                "ubigeos": list(self.ubigeos), "localidades": list(self.localidades),
                "supervision": self.supervision,
                "poblacion_servida_estimada": self.poblacion_servida_estimada}


def grupo_label(grupo: str) -> str:
    return {"eps": _("Empresas prestadoras (EPS)"), "municipal": _("Operadores municipales"),
            "jass": _("Organizaciones comunales (JASS)")}.get(grupo, grupo)


def _resource_id(dataset: str) -> str | None:
    """The dataset's DataStore resource, None while the dataset does not exist."""
    try:
        package = tk.get_action("package_show")({"ignore_auth": True}, {"id": dataset})
    except tk.ObjectNotFound:
        return None
    return next((r["id"] for r in package["resources"] if r.get("datastore_active")), None)


def table_rows(dataset: str) -> list[dict[str, Any]]:
    """All rows of a small DataStore table (registry, indicators), reused for a minute."""
    now = time.monotonic()
    cached = _cache.get(dataset)
    if cached is None or now - cached[0] > _TTL:
        resource = _resource_id(dataset)
        rows = [] if resource is None else tk.get_action("datastore_search")(
            {"ignore_auth": True}, {"resource_id": resource, "limit": 32000})["records"]
        cached = (now, rows)
        _cache[dataset] = cached
    return cached[1]


def forget() -> None:
    """Drop the cached tables (after a steward's change or in tests)."""
    _cache.clear()


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def prestadores() -> dict[str, Prestador]:
    """Providers by name (the name samples and indicators carry), sorted by id."""
    rows = sorted(table_rows(config.provider_registry()), key=lambda row: row["id"])
    return {row["nombre"]: Prestador(
        id=row["id"], nombre=row["nombre"], grupo=row["grupo"],
        tipo_prestador=row.get("tipo_prestador") or "", ubigeos=_split(row.get("ubigeos")),
        localidades=_split(row.get("localidades")), supervision=row.get("supervision") or "",
        poblacion_servida_estimada=row.get("poblacion_servida_estimada"))
        for row in rows}


COLUMNS = ("id", "nombre", "grupo", "tipo_prestador", "ubigeos", "localidades", "supervision",
           "poblacion_servida_estimada")


def save(row: dict[str, Any]) -> None:
    """Replace (or add) one provider's row in a single DataStore transaction."""
    resource = _resource_id(config.provider_registry())
    if resource is None:
        raise tk.ObjectNotFound(_("No existe el registro de prestadores"))
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    values = ", ".join(f":{c}" for c in COLUMNS)
    with get_write_engine().begin() as connection:
        connection.execute(sa.text(f'DELETE FROM "{resource}" WHERE id = :id'), row)
        connection.execute(sa.text(f'INSERT INTO "{resource}" ({columns}) VALUES ({values})'),
                           row)
    forget()


def by_id(prestador_id: str) -> Prestador | None:
    return next((p for p in prestadores().values() if p.id == prestador_id), None)


def serving(ubigeo: str) -> list[Prestador]:
    return [p for p in prestadores().values() if ubigeo in p.ubigeos]
