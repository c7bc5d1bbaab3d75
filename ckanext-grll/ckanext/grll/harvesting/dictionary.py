"""The data dictionary of harvested tables: every column a layout writes is described.

A reuser who downloads a harvested table, or reads it through datastore_search, gets
each column's label, a description in Spanish and, for measurements, the unit, the
same as the curated tables of the seed catalog. `Layout` refuses a column without a
label or a description, so a new layout cannot ship an undocumented column.
"""
from __future__ import annotations

from typing import Any


def column(column_id: str, column_type: str, label: str, description: str,
           unit: str | None = None) -> dict[str, Any]:
    """A DataStore field with its data dictionary (CKAN's `info`: label and notes;
    `unit` as well when the value is a measurement)."""
    info: dict[str, Any] = {"label": label, "notes": description}
    if unit:
        info["unit"] = unit
    return {"id": column_id, "type": column_type, "info": info}


def undescribed(fields: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> list[str]:
    """The ids of the fields that lack a label or a description."""
    return [field["id"] for field in fields
            if not (field.get("info") or {}).get("label", "").strip()
            or not (field.get("info") or {}).get("notes", "").strip()]


# --- columns that many layouts share -----------------------------------------------

def anio(description: str = "Año al que corresponde el registro.") -> dict[str, Any]:
    return column("anio", "int", "Año", description)


def mes(description: str = "Mes al que corresponde el registro (1 = enero, 12 = "
        "diciembre).") -> dict[str, Any]:
    return column("mes", "int", "Mes", description)


def ubigeo(label: str = "Ubigeo INEI del distrito") -> dict[str, Any]:
    return column("ubigeo", "text", label,
                  "Código de ubicación geográfica del INEI del distrito, de 6 dígitos "
                  "(departamento, provincia, distrito); 13 es La Libertad.")


PROVINCIA = column("provincia", "text", "Provincia",
                   "Nombre de la provincia de La Libertad según el ubigeo del distrito.")
DISTRITO = column("distrito", "text", "Distrito",
                  "Nombre del distrito según el ubigeo INEI.")
