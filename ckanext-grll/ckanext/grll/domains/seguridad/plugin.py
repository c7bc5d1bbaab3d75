"""grll_seguridad: the "seguridad" commitment of the portal (citizen security)."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.grll.domains import summaries
from ckanext.grll.domains.base import CommitmentPlugin
from ckanext.grll.domains.seguridad import autoridad, resumen
from ckanext.grll.domains.seguridad.harvester import DenunciasHarvester


class SeguridadPlugin(CommitmentPlugin, DenunciasHarvester, p.SingletonPlugin):
    DOMAIN = "seguridad"

    def grll_feedback_responsible(self, category: str, ubigeo: str,
                                  answers: dict) -> str | None:
        found = autoridad.autoridad(category, ubigeo)
        return found.organizacion if found else None

    # A report that becomes public, changes or is hidden changes the citizen figures.
    def grll_feedback_after_status_change(self, report: dict, previous_status: str) -> None:
        summaries.mark_stale(resumen.CITIZEN_SUMMARY)
