"""Give the columns of a steward's uploaded table their types (issue 16).

xloader's fast path (PostgreSQL COPY) creates every DataStore column as ``text``, so
numbers sort as words ("10" before "9") and filters compare letters. Its own type
guessing (``ckanext.xloader.use_type_guessing``) is no cure: it loads row by row through
``datastore_create`` (many times slower), only on a table's first load, guesses from the
first rows alone (a later row of another kind makes the load fail and fall back to all
text), and reads neither decimal commas nor day/month/year dates.

So the COPY path stays, and right after it, when xloader tells CKAN the data is viewable
(status ``running_but_viewable``, sent only by that path), a background job lets the
loaded rows themselves decide: a column whose every non-empty value is an integer
becomes ``int4`` (``int8`` if one is too big), decimals with a point or, across the
whole column, a comma become ``numeric``, ISO or day/month/year dates ``date``, dates
with a time ``timestamp``. One scan reads every column; one ``ALTER TABLE`` converts
them. Anything else stays text: a mixed column, integers with a leading zero (ubigeo,
DNI and RUC are codes, not quantities), a column the steward typed in the data
dictionary, or a value PostgreSQL refuses to convert (31/02/2024). The step never fails
the upload; what it decided is written to the upload log the steward reads.
"""
from __future__ import annotations

import datetime
import json
import logging
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.types import Context, DataDict

from ckanext.datastore.backend import postgres as datastore_db

log = logging.getLogger(__name__)

#: Status xloader reports once its COPY has loaded the rows (all columns text).
LOADED_AS_TEXT = "running_but_viewable"
INT4_DIGITS = 9  # every integer of up to 9 digits fits PostgreSQL's int4

# Patterns over the trimmed value (PostgreSQL regular expressions).
ENTERO = r"^[+-]?[0-9]+$"
CERO_INICIAL = r"^[+-]?0[0-9]"
DECIMAL_PUNTO = r"^[+-]?([0-9]+(\.[0-9]+)?|\.[0-9]+)$"
# A decimal comma, with or without thousands points: 0,80  1.234,5  12
DECIMAL_COMA = r"^[+-]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$"
TIENE_COMA = r","
FECHA_ISO = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
FECHA_DMA = r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$"
INSTANTE_ISO = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$"

COUNTS = {"enteros": ENTERO, "cero_inicial": CERO_INICIAL, "punto": DECIMAL_PUNTO,
          "coma": DECIMAL_COMA, "con_coma": TIENE_COMA, "fecha_iso": FECHA_ISO,
          "fecha_dma": FECHA_DMA, "instante": INSTANTE_ISO}


@dataclass(frozen=True)
class ColumnType:
    """What a text column becomes: the DataStore type and the SQL that converts a value
    (``{v}`` stands for the trimmed value, NULL when empty)."""

    type: str
    using: str


def value_sql(column: str) -> str:
    return f"NULLIF(btrim({datastore_db.identifier(column)}), '')"


def decide(counts: dict[str, int]) -> ColumnType | None:
    """The type of a column from how many of its non-empty values match each pattern;
    None keeps it text."""
    total = counts["valores"]
    if not total:
        return None
    if counts["enteros"] == total:
        if counts["cero_inicial"]:
            return None
        wide = counts["digitos"] > INT4_DIGITS
        return ColumnType("int8" if wide else "int4", "{v}::" + ("int8" if wide else "int4"))
    if counts["punto"] == total and not counts["cero_inicial_decimal"]:
        return ColumnType("numeric", "{v}::numeric")
    if counts["coma"] == total and counts["con_coma"]:
        return ColumnType("numeric", "replace(replace({v}, '.', ''), ',', '.')::numeric")
    if counts["fecha_iso"] == total:
        return ColumnType("date", "{v}::date")
    if counts["fecha_dma"] == total:
        return ColumnType("date", "to_date({v}, 'DD/MM/YYYY')")
    if counts["instante"] + counts["fecha_iso"] == total and counts["instante"]:
        return ColumnType("timestamp", "{v}::timestamp")
    return None


#: Why a column with some typed-looking values stays text (the upload log says it).
MIXED, CODES, REFUSED = "mixed", "codes", "refused"


def why_text(counts: dict[str, int]) -> str | None:
    """For a column ``decide`` keeps as text: CODES when its integers have leading
    zeros, MIXED when only some values look like numbers or dates, None for words."""
    if counts["valores"] and counts["cero_inicial"] and counts["enteros"] == counts["valores"]:
        return CODES
    looks_typed = (counts["punto"] or counts["con_coma"] and counts["coma"]
                   or counts["fecha_iso"] or counts["fecha_dma"] or counts["instante"])
    return MIXED if looks_typed else None


def _count_query(table: str, columns: list[str]) -> str:
    parts = []
    for index, column in enumerate(columns):
        value = value_sql(column)
        parts.append(f"count({value}) AS c{index}_valores")
        for name, pattern in COUNTS.items():
            parts.append(f"count(*) FILTER (WHERE {value} ~ '{pattern}') AS c{index}_{name}")
        # A decimal with a leading zero before more digits (05.5) is a code too.
        parts.append(f"count(*) FILTER (WHERE {value} ~ '^[+-]?0[0-9]+\\.') "
                     f"AS c{index}_cero_inicial_decimal")
        parts.append(f"coalesce(max(length(ltrim({value}, '+-'))) FILTER "
                     f"(WHERE {value} ~ '{ENTERO}'), 0) AS c{index}_digitos")
    # Colons escaped: sqlalchemy would read ":[0-9]" after a word as a bind parameter.
    return (f"SELECT {', '.join(parts)} FROM {datastore_db.identifier(table)}"
            .replace(":", r"\:"))


def _text_columns(connection: Any, table: str) -> list[str]:
    rows = connection.execute(sa.text(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = :table AND data_type = 'text' "
        "AND column_name NOT LIKE '\\_%' ORDER BY ordinal_position"), {"table": table})
    return [row[0] for row in rows]


def _typed_by_steward(resource_id: str) -> set[str]:
    """Columns with a type chosen in the data dictionary (xloader's ``type_override``)."""
    info = tk.get_action("datastore_info")({"ignore_auth": True}, {"id": resource_id})
    return {field["id"] for field in info.get("fields", [])
            if (field.get("info") or {}).get("type_override")}


def _dependent_indexes(connection: Any, table: str, column: str) -> list[str]:
    """Indexes over the column: CKAN's full-text index of a text column cannot survive
    a change to a number (``to_tsvector`` takes text), and CKAN recreates what it needs."""
    rows = connection.execute(sa.text(
        "SELECT DISTINCT d.objid::regclass::text FROM pg_depend d "
        "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
        "WHERE d.refobjid = CAST(:table AS regclass) AND a.attname = :column "
        "AND d.classid = 'pg_class'::regclass"),
        {"table": datastore_db.identifier(table), "column": column})
    return [row[0] for row in rows]


def _alter(connection: Any, table: str, types: dict[str, ColumnType]) -> None:
    for column in types:
        for index in _dependent_indexes(connection, table, column):
            connection.execute(sa.text(f"DROP INDEX {index}"))
    clauses = ", ".join(
        f"ALTER COLUMN {datastore_db.identifier(column)} TYPE {kind.type} "
        f"USING {kind.using.format(v=value_sql(column))}"
        for column, kind in types.items())
    connection.execute(sa.text(f"ALTER TABLE {datastore_db.identifier(table)} {clauses}"
                               .replace(":", r"\:")))


def type_columns(resource_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """Convert the text columns of a DataStore table whose values say what they are.

    Returns the columns converted (name: type) and those left as text though some of
    their values looked typed (name: MIXED, CODES or REFUSED). All or nothing per
    column: a conversion PostgreSQL refuses is undone and the others are kept.
    """
    steward_typed = _typed_by_steward(resource_id)
    engine = datastore_db.get_write_engine()
    with engine.begin() as connection:
        # The strongest lock first: xloader may still be building the table's indexes,
        # and taking it only at ALTER time could deadlock with that.
        connection.execute(sa.text(
            f"LOCK TABLE {datastore_db.identifier(resource_id)} IN ACCESS EXCLUSIVE MODE"))
        columns = [c for c in _text_columns(connection, resource_id)
                   if c not in steward_typed]
        if not columns:
            return {}, {}
        row = connection.execute(sa.text(_count_query(resource_id, columns))).mappings().one()
        decided: dict[str, ColumnType] = {}
        kept: dict[str, str] = {}
        for index, column in enumerate(columns):
            counts = {key.split("_", 1)[1]: value for key, value in row.items()
                      if key.startswith(f"c{index}_")}
            kind = decide(counts)
            reason = None if kind else why_text(counts)
            if kind:
                decided[column] = kind
            elif reason:
                kept[column] = reason
        if not decided:
            return {}, kept
        try:
            with connection.begin_nested():
                _alter(connection, resource_id, decided)
        except sa.exc.DBAPIError:
            # One value refused (e.g. 31/02/2024): convert column by column instead.
            for column, kind in list(decided.items()):
                try:
                    with connection.begin_nested():
                        _alter(connection, resource_id, {column: kind})
                except sa.exc.DBAPIError:
                    del decided[column]
                    kept[column] = REFUSED
        connection.execute(sa.text(f"ANALYZE {datastore_db.identifier(resource_id)}"))
    return {column: kind.type for column, kind in decided.items()}, kept


def log_to_upload(resource_id: str, messages: list[str]) -> None:
    """Add lines to the upload log xloader shows on the resource's DataStore page."""
    from ckanext.xloader import db as xloader_db

    task = tk.get_action("task_status_show")({"ignore_auth": True}, {
        "entity_id": resource_id, "task_type": "xloader", "key": "xloader"})
    job_id = json.loads(task["value"] or "{}").get("job_id")
    if not job_id:
        return
    xloader_db.init(tk.config)
    with xloader_db.ENGINE.begin() as connection:
        for message in messages:
            connection.execute(xloader_db.LOGS_TABLE.insert().values(
                job_id=job_id, timestamp=datetime.datetime.utcnow(), message=message,
                level="INFO", module=__name__.rsplit(".", 1)[1], funcName="type_columns",
                lineno=0))


#: Log line of each reason a column stays text (xloader_log.py translates them).
KEPT_AS_TEXT = {
    MIXED: 'Column "{}" kept as text: its values are of mixed kinds',
    CODES: 'Column "{}" kept as text: numbers with leading zeros are codes',
    REFUSED: 'Column "{}" kept as text: a value could not be converted',
}


def log_lines(converted: dict[str, str], kept: dict[str, str]) -> list[str]:
    """The log lines, in English like the rest of xloader's log; the page translates."""
    lines = []
    if converted:
        lines.append("Column types set from the data: " + ", ".join(
            f"{column}={kind}" for column, kind in converted.items()))
    lines.extend(KEPT_AS_TEXT[reason].format(column) for column, reason in kept.items())
    return lines


def type_uploaded_table(resource_id: str) -> None:
    """Background job: type the table and say so in its upload log. Never fails the
    upload: whatever goes wrong leaves the columns as xloader loaded them."""
    try:
        converted, kept = type_columns(resource_id)
        log_to_upload(resource_id, log_lines(converted, kept))
    except Exception:  # noqa: BLE001 - typing is a bonus, never a failed upload
        log.exception("Could not type the columns of %s", resource_id)


@tk.chained_action
def xloader_hook(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    """xloader's status callback; when its COPY has just loaded a table, queue the
    typing (a background job: converting a large table outlasts a web request)."""
    result = next_action(context, data_dict)
    if data_dict.get("status") == LOADED_AS_TEXT:
        resource_id = data_dict["metadata"]["resource_id"]
        tk.enqueue_job(type_uploaded_table, [resource_id],
                       title=f"grll: column types of {resource_id}")
    return result
