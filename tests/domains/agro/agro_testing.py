"""Helpers of the grll_agro tests: a catalog holding only the agricultural seed datasets."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import pytest

from ckanext.grll.seed.loader import load_catalog, seeded_date
from portal_testing import empty_datastore, ensure_portal_plugins

AGRO_SEEDS = {"precios-mayoristas-sisap", "precios-en-chacra-2024",
              "clima-diario-estaciones-2024", "superficie-sembrada-campanas-agricolas"}
TRUJILLO, HUAMACHUCO, OTUZCO = "130101", "130901", "130601"
WHOLESALE, FARMGATE = "precios-mayoristas-sisap", "precios-en-chacra-2024"
WEATHER, PLANTING = "clima-diario-estaciones-2024", "superficie-sembrada-campanas-agricolas"


def seeded(dataset: str, value: str) -> str:
    """Where a date of a seed file falls once loaded today (the loader moves the
    samples' dates so that they end last month)."""
    return seeded_date(dataset, value)


#: A November sale of the samples' year, once loaded.
SALE_DAY = seeded(FARMGATE, "2024-11-15")


@pytest.fixture(scope="module")
def agro_catalog(reset_db, reset_index) -> None:
    """A fresh catalog with the four agricultural seed datasets (and nothing else)."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    load_catalog(only=AGRO_SEEDS)


def act(name: str, **data: Any) -> Any:
    return tk.get_action(name)({"user": None, "ignore_auth": False}, data)


def error_fields(name: str, **data: Any) -> dict[str, Any]:
    with pytest.raises(tk.ValidationError) as raised:
        act(name, **data)
    return raised.value.error_dict


def farmgate_report(precio: float, cultivo: str = "papa", ubigeo: str = OTUZCO,
                    fecha_venta: str = SALE_DAY, n: int = 0) -> dict[str, Any]:
    """A farmer's anonymous farm-gate price report through the feedback engine."""
    return act("grll_feedback_create", domain="agro", category="precio-chacra",
               description=f"Vendí mi cosecha al acopiador en la chacra, lote {n} de {precio}.",
               ubigeo=ubigeo, identity="anonimo",
               answers={"cultivo": cultivo, "precio-kg": precio, "comprador": "acopiador",
                        "fecha-venta": fecha_venta})
