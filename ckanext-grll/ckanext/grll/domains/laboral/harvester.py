"""Harvester `laboral_empleos`: job offers, labour conflicts, courses and procedures.

One harvester, one layout per official source (``formato`` in the source's
config; see ``mapping``). After a dataset is stored, its rows join what the citizen
pages read (the import hook): offers the job board's search and open dataset,
conflicts, courses and procedures their registries, keyed by code or file number so
re-harvesting refreshes (or, for offers, skips) instead of duplicating.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ckanext.grll.domains.laboral import catalogos, mapping, ofertas, registros
from ckanext.grll.harvesting.base import TableHarvester
from ckanext.harvest.model import HarvestObject

#: Layout name -> what brings its records where the pages read them.
REGISTROS: dict[str, Callable[[list[dict[str, Any]]], int]] = {
    mapping.OFERTAS.name: ofertas.merge_offers,
    mapping.SERVICIO_EMPLEO.name: ofertas.merge_offers,
    mapping.CONFLICTOS.name: registros.merge_conflicts,
    mapping.CURSOS.name: catalogos.merge_courses,
    mapping.TRAMITES.name: catalogos.merge_procedures,
}


class EmpleosHarvester(TableHarvester):
    NAME = "laboral_empleos"
    TITLE = "Información laboral"
    DESCRIPTION = ("Ofertas de empleo (bolsa de trabajo o servicio público de empleo), "
                   "reportes mensuales de conflictos laborales del MTPE, cursos de "
                   "programas de capacitación y el registro de trámites de la Gerencia "
                   "Regional de Trabajo, en JSON o CSV; valida cada fila y excluye los "
                   "datos personales.")
    LAYOUTS = mapping.LAYOUTS

    def _layout(self, data: dict[str, Any]) -> mapping.Layout:
        # Sources registered when job boards were the only layout name no `formato`.
        return super()._layout({"formato": mapping.OFERTAS.name, **data})

    def import_stage(self, harvest_object: HarvestObject) -> bool | str:
        stored = super().import_stage(harvest_object)
        if stored is True:
            data = json.loads(harvest_object.content)
            REGISTROS[data["formato"]](data["records"])
        return stored
