"""grll_laboral: the "laboral" commitment of the portal (Sistema de Información Laboral)."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains.base import CommitmentPlugin
from ckanext.grll.domains.laboral import config, demostracion, ofertas
from ckanext.grll.domains.laboral.harvester import EmpleosHarvester


class LaboralPlugin(CommitmentPlugin, EmpleosHarvester, p.SingletonPlugin):
    DOMAIN = "laboral"

    def grll_domain_periodic(self) -> str:
        # This month's demonstration sample while it is on, harvested offers into
        # search, closed offers marked "vencida" in open data.
        sample = demostracion.mantener() if config.muestra_demostrativa() else ""
        return "; ".join(filter(None, [sample, ofertas.periodic()]))
