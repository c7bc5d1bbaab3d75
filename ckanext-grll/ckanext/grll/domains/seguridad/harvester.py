"""Harvester `seguridad_denuncias`: SIDPOL (PNP) and MPFN complaint statistics."""
from __future__ import annotations

from typing import Any

from ckanext.grll.domains import summaries
from ckanext.grll.domains.seguridad import mapping, resumen
from ckanext.grll.harvesting.base import TableHarvester


class DenunciasHarvester(TableHarvester):
    NAME = "seguridad_denuncias"
    TITLE = "Denuncias policiales y fiscales (SIDPOL, MPFN)"
    DESCRIPTION = ("Estadísticas de denuncias en el formato de SIDPOL (PNP) o del Ministerio "
                   "Público; configure {\"formato\": \"sidpol\"} o {\"formato\": \"mpfn\"}.")
    LAYOUTS = mapping.LAYOUTS

    def import_stage(self, harvest_object: Any) -> bool | str:
        imported = super().import_stage(harvest_object)
        if imported:
            # New official figures: the district statistics are rebuilt on the next read.
            summaries.mark_stale(resumen.OFFICIAL_SUMMARY)
        return imported
