"""Harvester `laboral_empleos`: job offers from a JSON or CSV feed."""
from __future__ import annotations

from ckanext.grll.domains.laboral import mapping
from ckanext.grll.harvesting.base import TableHarvester


class EmpleosHarvester(TableHarvester):
    NAME = "laboral_empleos"
    TITLE = "Ofertas de empleo"
    DESCRIPTION = ("Ofertas de empleo de una bolsa de trabajo en JSON o CSV; valida el RUC "
                   "y excluye los datos personales. Un conjunto de datos por año.")
    LAYOUTS = mapping.LAYOUTS
