"""``package_search`` chained for one input CKAN itself answers with a 500."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict


@tk.chained_action
@tk.side_effect_free
def package_search(up_func: Any, context: Context, data_dict: DataDict) -> Any:
    """An empty ``start`` means the default, as an empty ``rows`` does: CKAN's
    natural-number validator compares the empty value with 0 and fails."""
    if data_dict.get("start") == "":
        data_dict = {key: value for key, value in data_dict.items() if key != "start"}
    return up_func(context, data_dict)
