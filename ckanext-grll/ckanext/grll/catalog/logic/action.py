"""Actions of grll_catalog (all prefixed grll_catalog_)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic import validate
from ckan.types import Context, DataDict

from ckanext.grll.catalog import dump, quality
from ckanext.grll.catalog.logic import schema


@tk.side_effect_free
@validate(schema.dataset_quality_show)
def grll_catalog_dataset_quality_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The metadata quality score of a dataset and what to improve.

    :param id: the dataset's id or name
    :returns: ``score`` (0-100), ``level`` (alta, media, baja) and ``criteria``: a list
        of ``key``, ``label``, ``points``, ``met`` and ``advice``
    """
    tk.check_access("grll_catalog_dataset_quality_show", context, data_dict)
    dataset = tk.get_action("package_show")(context, {"id": data_dict["id"]})
    result = quality.dataset_quality(dataset)
    return {
        "id": dataset["id"], "name": dataset["name"], "score": result.score,
        "level": result.level,
        "criteria": [{"key": c.key, "label": c.label, "points": c.points, "met": c.met,
                      "advice": c.advice} for c in result.criteria],
    }


@validate(schema.dump_refresh)
def grll_catalog_dump_refresh(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Regenerate the complete catalog dump (JSON Lines) and its dataset.

    :param background: enqueue a background job (default) or run now
    :returns: ``job_id`` when enqueued, else ``datasets``: how many were written
    """
    tk.check_access("grll_catalog_dump_refresh", context, data_dict)
    if data_dict.get("background", True):
        job = tk.enqueue_job(dump.build_dump, title="grll_catalog: catalog dump")
        return {"job_id": job.id}
    return {"datasets": dump.build_dump()}
