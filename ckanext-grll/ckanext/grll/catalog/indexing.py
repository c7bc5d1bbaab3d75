"""Search index fields of the catalog: quality score and freshness due date.

CKAN reindexes a dataset on every change, so both are recomputed on every
update. The Solr schema types unknown fields as exact strings and `*_date`
fields as dates; the score is zero-padded so that sorting the strings sorts
the numbers, on Solr and on grll_search alike.
"""
from __future__ import annotations

import json
from typing import Any

from ckan.plugins.toolkit import _

from ckanext.grll.catalog import freshness, quality

SCORE_FIELD = "grll_calidad"
LEVEL_FIELD = "grll_calidad_nivel"
DUE_FIELD = "grll_vence_date"


def score_value(score: int) -> str:
    return f"{score:03d}"


def add_catalog_fields(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """before_dataset_index: add the score, its level and the freshness due date."""
    if pkg_dict.get("type") == "harvest":
        return pkg_dict
    validated = pkg_dict.get("validated_data_dict")
    dataset = json.loads(validated) if isinstance(validated, str) else pkg_dict
    result = quality.dataset_quality(dataset)
    pkg_dict[SCORE_FIELD] = score_value(result.score)
    pkg_dict[LEVEL_FIELD] = result.level
    due = freshness.due_date(dataset)
    if due is not None:
        pkg_dict[DUE_FIELD] = due.strftime("%Y-%m-%dT%H:%M:%SZ")
    return pkg_dict


def add_quality_facet(facets: dict[str, Any]) -> dict[str, Any]:
    facets[LEVEL_FIELD] = _("Calidad de metadatos")
    return facets


def level_labels() -> dict[str, str]:
    """What the quality facet shows for each level (the index keeps the short code)."""
    labels = {"alta": _("Alta"), "media": _("Media"), "baja": _("Baja")}
    return {name: f"{labels[name]} ({floor}–{ceiling})" for (name, floor), ceiling in zip(
        quality.LEVELS, (100, *(floor - 1 for _name, floor in quality.LEVELS)), strict=False)}


def label_quality_facet(search_results: dict[str, Any]) -> dict[str, Any]:
    """after_dataset_search: human labels on the quality facet's items."""
    facet = search_results.get("search_facets", {}).get(LEVEL_FIELD)
    if facet:
        labels = level_labels()
        for item in facet.get("items", []):
            item["display_name"] = labels.get(item["name"], item["name"])
    return search_results
