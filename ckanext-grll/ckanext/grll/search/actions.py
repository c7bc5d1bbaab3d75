"""``package_search`` chained for one input CKAN itself answers with a 500."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict


@tk.chained_action
@tk.side_effect_free
def package_search(up_func: Any, context: Context, data_dict: DataDict) -> Any:
    """A blank ``start`` or ``rows`` (empty or only spaces, tabs, line breaks) means the
    default: CKAN's natural-number validator compares the blank value with 0 and fails."""
    blank = [key for key in ("start", "rows")
             if isinstance(data_dict.get(key), str) and not data_dict[key].strip()]
    if blank:
        data_dict = {key: value for key, value in data_dict.items() if key not in blank}
    return up_func(context, data_dict)
