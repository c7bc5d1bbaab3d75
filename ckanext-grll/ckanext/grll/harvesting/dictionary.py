"""The data dictionary of harvested tables: every column a layout writes is described.

A reuser who downloads a harvested table, or reads it through datastore_search, gets
each column's label in Spanish and in English (the portal is offered in both), a
description in Spanish and, for measurements, the unit, the same as the curated tables
of the seed catalog. `Layout` refuses a column without a label, an English label or a
description, so a new layout cannot ship an undocumented column.
"""
from __future__ import annotations

from typing import Any

#: The keys of a field's `info` that every column the portal writes must fill.
REQUIRED = ("label", "label_en", "notes")


def column(column_id: str, column_type: str, label: str, description: str,
           unit: str | None = None, *, label_en: str) -> dict[str, Any]:
    """A DataStore field with its data dictionary (CKAN's `info`: label and notes;
    `label_en`, the label on the English pages; `unit` as well when the value is a
    measurement)."""
    info: dict[str, Any] = {"label": label, "label_en": label_en, "notes": description}
    if unit:
        info["unit"] = unit
    return {"id": column_id, "type": column_type, "info": info}


def undescribed(fields: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> list[str]:
    """The ids of the fields that lack a label, an English label or a description."""
    return [field["id"] for field in fields
            if not all(str((field.get("info") or {}).get(key) or "").strip()
                       for key in REQUIRED)]


# --- columns that many layouts share -----------------------------------------------

def anio(description: str = "Año al que corresponde el registro.") -> dict[str, Any]:
    return column("anio", "int", "Año", description, label_en="Year")


def mes(description: str = "Mes al que corresponde el registro (1 = enero, 12 = "
        "diciembre).") -> dict[str, Any]:
    return column("mes", "int", "Mes", description, label_en="Month")


def ubigeo(label: str = "Ubigeo INEI del distrito",
           label_en: str = "INEI ubigeo of the district") -> dict[str, Any]:
    return column("ubigeo", "text", label,
                  "Código de ubicación geográfica del INEI del distrito, de 6 dígitos "
                  "(departamento, provincia, distrito); 13 es La Libertad.",
                  label_en=label_en)


PROVINCIA = column("provincia", "text", "Provincia",
                   "Nombre de la provincia de La Libertad según el ubigeo del distrito.",
                   label_en="Province")
DISTRITO = column("distrito", "text", "Distrito",
                  "Nombre del distrito según el ubigeo INEI.", label_en="District")
