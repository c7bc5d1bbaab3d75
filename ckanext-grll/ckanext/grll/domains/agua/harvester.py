"""Harvester `agua_calidad`: drinking-water sample results (CSV or JSON)."""
from __future__ import annotations

import dataclasses
from typing import Any

from ckanext.grll.domains import summaries
from ckanext.grll.domains.agua import mapping, registry, resumen
from ckanext.grll.harvesting.base import RowError, TableHarvester


def registered_muestra_row(row: dict[str, Any]) -> dict[str, Any] | None:
    """A sample row whose provider must be in the provider registry.

    A portal without the registry dataset (before its seed is loaded) checks nothing
    here: the registry is the reference, and an absent reference rejects no one.
    """
    record = mapping.muestra_row(row)
    known = registry.prestadores()
    if record is not None and known and record["prestador"] not in known:
        raise RowError(f"prestador '{record['prestador']}' no está en el registro de "
                       "prestadores", mapping.muestra_key(record))
    return record


def registered_muestra_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The dataset of a provider-year, its provider type taken from the registry's peer
    group rather than guessed from the name."""
    metadata = mapping.muestra_dataset(key, records)
    prestador = registry.prestadores().get(records[0]["prestador"])
    if prestador is not None:
        metadata["tipo_prestador"] = prestador.grupo
    return metadata


MUESTRAS = dataclasses.replace(mapping.MUESTRAS, parse_row=registered_muestra_row,
                               dataset_metadata=registered_muestra_dataset)


class CalidadAguaHarvester(TableHarvester):
    NAME = "agua_calidad"
    TITLE = "Calidad del agua para consumo humano (muestras)"
    DESCRIPTION = ("Resultados de muestras de agua (control del prestador o vigilancia "
                   "sanitaria) en CSV o JSON; un conjunto de datos por prestador y año.")
    LAYOUTS = {MUESTRAS.name: MUESTRAS}

    def import_stage(self, harvest_object: Any) -> bool | str:
        imported = super().import_stage(harvest_object)
        if imported is True:
            # One pending rebuild of the compliance summary, however many objects a job has.
            summaries.queue(resumen.SUMMARY, job_id="grll-agua-summary-refresh")
        return imported
