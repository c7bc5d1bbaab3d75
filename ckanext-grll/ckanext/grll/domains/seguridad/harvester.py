"""Harvester `seguridad_denuncias`: SIDPOL (PNP) and MPFN complaint statistics."""
from __future__ import annotations

from ckanext.grll.domains.seguridad import mapping
from ckanext.grll.harvesting.base import TableHarvester


class DenunciasHarvester(TableHarvester):
    NAME = "seguridad_denuncias"
    TITLE = "Denuncias policiales y fiscales (SIDPOL, MPFN)"
    DESCRIPTION = ("Estadísticas de denuncias en el formato de SIDPOL (PNP) o del Ministerio "
                   "Público; configure {\"formato\": \"sidpol\"} o {\"formato\": \"mpfn\"}.")
    LAYOUTS = mapping.LAYOUTS
