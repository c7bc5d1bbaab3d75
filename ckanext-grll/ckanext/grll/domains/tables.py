"""Small pure helpers the domain mappings share: DataStore columns and dataset names."""
from __future__ import annotations

import re
import unicodedata
from typing import Any


def column(column_id: str, column_type: str, label: str, notes: str = "") -> dict[str, Any]:
    """A DataStore field with its data-dictionary label (shown in previews and the API)."""
    return {"id": column_id, "type": column_type, "info": {"label": label, "notes": notes}}


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated: "SEDALIB S.A." -> "sedalib-s-a" (for dataset names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def ubigeos(records: list[dict[str, Any]]) -> list[str]:
    """The districts present in a dataset's records, for its `ubigeos` field."""
    return sorted({record["ubigeo"] for record in records})
