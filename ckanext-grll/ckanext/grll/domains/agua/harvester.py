"""Harvester `agua_calidad`: drinking-water sample results (CSV or JSON)."""
from __future__ import annotations

from ckanext.grll.domains.agua import mapping
from ckanext.grll.harvesting.base import TableHarvester


class CalidadAguaHarvester(TableHarvester):
    NAME = "agua_calidad"
    TITLE = "Calidad del agua para consumo humano (muestras)"
    DESCRIPTION = ("Resultados de muestras de agua (control del prestador o vigilancia "
                   "sanitaria) en CSV o JSON; un conjunto de datos por prestador y año.")
    LAYOUTS = mapping.LAYOUTS
