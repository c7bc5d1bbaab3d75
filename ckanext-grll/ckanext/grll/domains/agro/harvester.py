"""Harvester `agro`: prices, weather and planting feeds; the source config picks one."""
from __future__ import annotations

from ckanext.grll.domains import summaries
from ckanext.grll.domains.agro import alertas, mapping, resumen
from ckanext.grll.harvesting.base import TableHarvester
from ckanext.harvest.model import HarvestObject


class AgroHarvester(TableHarvester):
    NAME = "agro"
    TITLE = "Información agraria (precios, clima, siembras)"
    DESCRIPTION = ("Precios mayoristas (SISAP), precios en chacra (SIEA), clima de estaciones "
                   "(SENAMHI) o siembras por campaña (ENIS, SIEA); configure "
                   "{\"formato\": \"precios_mayoristas\"}, \"precios_chacra\", \"clima\" o "
                   "\"siembras\".")
    LAYOUTS = mapping.LAYOUTS

    def import_stage(self, harvest_object: HarvestObject) -> bool | str:
        imported = super().import_stage(harvest_object)
        if imported is True:
            # The app's figures follow the harvest at once, not at the next visit, and
            # the farmers hear of the prices that crossed their thresholds.
            summaries.ensure_fresh(*resumen.SUMMARIES)
            alertas.revisar()
        return imported
