"""Template helpers of grll_apertura (the data-request page reads the first)."""
from __future__ import annotations

from typing import Any

from ckanext.grll.apertura import config, fases, solicitudes


def grll_apertura_request_candidate(request_id: str) -> dict[str, Any] | None:
    """The inventory candidate a citizen's data request became, if any."""
    return solicitudes.candidate_of(request_id)


def grll_apertura_phase_labels() -> dict[str, str]:
    return fases.phase_labels()


def grll_apertura_dataset_name() -> str:
    """The dataset that publishes the inventory."""
    return config.dataset()


def grll_apertura_change_label(change: str) -> str:
    return fases.change_labels().get(change, change)


def get_helpers() -> dict[str, Any]:
    return {"grll_apertura_request_candidate": grll_apertura_request_candidate,
            "grll_apertura_phase_labels": grll_apertura_phase_labels,
            "grll_apertura_dataset_name": grll_apertura_dataset_name,
            "grll_apertura_change_label": grll_apertura_change_label}
