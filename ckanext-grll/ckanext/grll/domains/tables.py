"""Small pure helpers the domain mappings share: dataset names and districts."""
from __future__ import annotations

import re
import unicodedata
from typing import Any


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated: "SEDALIB S.A." -> "sedalib-s-a" (for dataset names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def ubigeos(records: list[dict[str, Any]]) -> list[str]:
    """The districts present in a dataset's records, for its `ubigeos` field."""
    return sorted({record["ubigeo"] for record in records})
