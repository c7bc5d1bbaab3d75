"""What CKAN's Solr schema (``ckan/config/solr/schema.xml``) says about fields.

The backend answers as the bundled schema would: which fields are tokenized
text, dates, numbers or exact strings, which are multi-valued, which are
stored (returned in ``docs``) and which are copied into the catch-all ``text``.
"""
from __future__ import annotations

#: Single-valued exact strings kept as columns of ``grll_search.document``.
COLUMN_FIELDS = frozenset({
    "index_id", "id", "site_id", "name", "entity_type", "dataset_type",
    "state", "capacity", "organization", "owner_org", "license_id",
    "title_string",
})
#: Multi-valued exact strings kept as ``text[]`` columns.
ARRAY_FIELDS = frozenset({"tags", "groups", "res_format", "permission_labels"})
DATE_COLUMNS = frozenset({"metadata_created", "metadata_modified"})

#: Solr's ``text_ngram``: grams of 2 to 10 characters of the whole value,
#: matched here as case-insensitive substrings of the column.
NGRAM_FIELDS = {"title_ngram": "title", "name_ngram": "name"}
NGRAM_MAX = 10

INT_FIELDS = frozenset({
    "views_total", "views_recent", "resources_accessed_total",
    "resources_accessed_recent",
})

_TEXT_FIELDS = frozenset({
    "title", "notes", "author", "author_email", "maintainer",
    "maintainer_email", "res_name", "res_description", "text", "urls",
    "depends_on", "dependency_of",
    "derives_from", "has_derivation", "links_to", "linked_from", "child_of",
    "parent_of",
})

_STORED = frozenset({
    "index_id", "id", "site_id", "title", "title_ngram", "entity_type",
    "dataset_type", "state", "name", "name_ngram", "revision_id", "version",
    "url", "ckan_url", "download_url", "notes", "author", "author_email",
    "maintainer", "maintainer_email", "license", "license_id", "tags",
    "groups", "organization", "capacity", "res_name", "res_description",
    "res_format", "res_url", "res_type", "metadata_created",
    "metadata_modified", "indexed_ts", "data_dict", "validated_data_dict",
    "_version_",
})
_MULTI_VALUED = frozenset({
    "tags", "groups", "res_name", "res_description", "res_format", "res_url",
    "res_type", "permission_labels", "text", "urls",
})

#: The copyField rules into ``text``, grouped by tsvector weight: A and B
#: mirror CKAN's ``qf=name^4 title^4 tags^2 groups^2 text``.
WEIGHT_A = ("title", "name")
WEIGHT_B = ("tags", "groups")
WEIGHT_C = ("notes",)
WEIGHT_D = (
    "url", "ckan_url", "download_url", "res_url", "text", "license",
    "organization", "res_name", "res_description", "maintainer", "author",
)
WEIGHT_D_PREFIXES = ("extras_", "res_extras_", "vocab_")

#: Never indexed, only returned.
STORED_ONLY = frozenset({"data_dict", "validated_data_dict"})


#: Text fields read from the stored table when a query names them, which
#: keeps their (long) values out of the narrow ``document`` rows.
STORED_TEXT = frozenset({
    "notes", "author", "author_email", "maintainer", "maintainer_email",
    "res_name", "res_description",
})

#: Exact-string columns whose values get facet ids (see storage).
FACET_COLUMNS = ("organization", "license_id", "dataset_type", "tags",
                 "groups", "res_format")


def is_stored_text(field: str) -> bool:
    return field in STORED_TEXT or field.startswith(("extras_", "res_extras_"))


def facet_ids_column(field: str) -> str:
    """The ``document`` column holding the facet ids of ``field``."""
    return "facet_ids" if field in FACET_COLUMNS else "extra_facet_ids"


def has_facet_ids(field: str) -> bool:
    """Whether facet counts of ``field`` come from the one-pass facet ids;
    identifiers and URLs (one value per dataset) are left out."""
    if field in FACET_COLUMNS:
        return True
    if (field in COLUMN_FIELDS or field in ARRAY_FIELDS or is_text(field)
            or is_date(field) or field in INT_FIELDS or field in STORED_ONLY
            or field in NGRAM_FIELDS):
        return False
    return not field.endswith(("_id", "url", "_url")) and field not in (
        "version", "revision_id", "_version_")


def counted_from_documents(field: str) -> bool:
    """Whether a facet on ``field`` reads the fields of every matching
    dataset (no kept counts and no column of its own): ``extras_*``,
    ``res_extras_*``, the view counts."""
    return not has_facet_ids(field) and not (
        field in COLUMN_FIELDS or field in ARRAY_FIELDS or field in DATE_COLUMNS
        or field == "title")


def is_text(field: str) -> bool:
    """Tokenized, stemmed field (Solr types ``text`` and ``text_general``)."""
    return field in _TEXT_FIELDS or field.startswith(("extras_", "res_extras_"))


def is_date(field: str) -> bool:
    return (field in DATE_COLUMNS or field == "indexed_ts"
            or field.endswith("_date"))


def is_stored(field: str) -> bool:
    return field in _STORED or field.startswith(
        ("extras_", "res_extras_", "vocab_")) or field.endswith("_date")


def is_multi_valued(field: str) -> bool:
    return field in _MULTI_VALUED or field.startswith(("res_extras_", "vocab_"))


def copied_to_text(field: str) -> bool:
    """Whether the catch-all tsvector already contains this field's words."""
    return (field in WEIGHT_A or field in WEIGHT_B or field in WEIGHT_C
            or field in WEIGHT_D or field.startswith(WEIGHT_D_PREFIXES)
            or field == "urls")


def identifies_one(field: str) -> bool:
    """Values that identify one dataset or resource (ids, names, URLs,
    dates): counting them lists the matches one by one, at the cost of a
    grouping over all of them, so they are not offered as facets."""
    if field in FACET_COLUMNS:
        return False
    return (field in ("id", "index_id", "name", "title_string", "urls", "version",
                      "revision_id", "_version_")
            or field.endswith(("_id", "url")) or is_date(field))
