"""grll_laboral: the "laboral" commitment of the portal (Sistema de Información Laboral)."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.base import CommitmentPlugin
from ckanext.grll.domains.laboral import config, demostracion, ofertas
from ckanext.grll.domains.laboral.harvester import EmpleosHarvester


class LaboralPlugin(CommitmentPlugin, EmpleosHarvester, p.SingletonPlugin):
    DOMAIN = "laboral"

    def grll_domain_periodic(self) -> str:
        # This month's demonstration sample while it is on, closed offers marked
        # "vencida" in open data (harvested offers arrive with their harvest).
        sample = demostracion.mantener() if config.demo_sample() else ""
        return "; ".join(filter(None, [sample, ofertas.periodic()]))
