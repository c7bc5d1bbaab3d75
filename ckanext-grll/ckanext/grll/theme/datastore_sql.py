"""A time limit for `datastore_search_sql`, the one public action that runs SQL
written by the caller.

CKAN runs it with a 60 s statement timeout (``SET LOCAL``, which also overrides
any timeout set on the read-only role), so a handful of calls such as
``SELECT count(*) FROM "<table>", generate_series(1, 1e9)`` would keep every web
worker busy. The limit here goes through CKAN's own ``query_timeout``; PostgreSQL
cancels the query and the caller gets a 409 that says why.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict


def timeout_seconds() -> int:
    return int(tk.config.get("ckanext.grll.datastore_sql_timeout") or 5)


@tk.chained_action
def datastore_search_sql(original: Action, context: Context, data_dict: DataDict) -> Any:
    seconds = timeout_seconds()
    context.setdefault("query_timeout", seconds * 1000)  # type: ignore[typeddict-unknown-key]
    try:
        return original(context, data_dict)
    except tk.ValidationError as error:
        # CKAN's message for a cancelled query, in English and without the limit.
        if error.error_dict.get("query") == ["Query took too long"]:
            raise tk.ValidationError({"sql": [tk._(
                "La consulta superó el tiempo máximo de %(segundos)s segundos; "
                "acótela (WHERE, LIMIT) o descargue el recurso completo.")
                % {"segundos": seconds}]}) from error
        raise
