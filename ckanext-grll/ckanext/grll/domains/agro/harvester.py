"""Harvester `agro`: prices, weather and planting feeds; the source config picks one."""
from __future__ import annotations

from ckanext.grll.domains.agro import mapping
from ckanext.grll.harvesting.base import TableHarvester


class AgroHarvester(TableHarvester):
    NAME = "agro"
    TITLE = "Información agraria (precios, clima, siembras)"
    DESCRIPTION = ("Precios mayoristas (SISAP), precios en chacra (SIEA), clima de estaciones "
                   "(SENAMHI) o siembras por campaña (ENIS, SIEA); configure "
                   "{\"formato\": \"precios_mayoristas\"}, \"precios_chacra\", \"clima\" o "
                   "\"siembras\".")
    LAYOUTS = mapping.LAYOUTS
