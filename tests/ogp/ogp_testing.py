"""Helpers of the action plan's tests (the fixtures are in this folder's conftest)."""
from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as tk

SECRETARIAT_ORG = "sub-gerencia-tecnologias-informacion"
LEAD_ORG = "gerencia-regional-vivienda"
OTHER_ORG = "gerencia-regional-agricultura"
TODAY = datetime.date.today()


def day(offset: int) -> str:
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def act(action: str, user: dict[str, Any] | None = None, **data: Any) -> Any:
    """Call an action as a person would (auth checked): a user dict or anonymous."""
    return tk.get_action(action)({"user": user["name"] if user else "",
                                  "ignore_auth": False}, data)


COMMITMENT = {
    "numero": 2, "titulo": "Gestión participativa del agua segura", "dominio": "agua",
    "fecha_inicio": day(-300), "fecha_fin": day(300),
    "problema": "Las familias no saben si su agua es segura.",
    "linea_base": "Sin resultados publicados por localidad.",
    "descripcion": "Publicar la calidad del agua y evaluar a los prestadores.",
    "transparencia": "Publica los análisis.", "participacion": "Los usuarios califican.",
    "rendicion_cuentas": "Fichas públicas de prestadores.",
    "organizacion": LEAD_ORG, "presupuesto": "720 000", "fuente_presupuesto": "PIP",
    "vinculos": "ODS 6",
}

#: The smallest PDF a reader opens: an uploaded document in the tests.
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n"
       b"%%EOF\n")
