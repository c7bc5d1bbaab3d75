"""CKAN's tag, member and listing actions, chained so they reveal nothing of datasets the
caller may not read, and list only what a reuser calls a dataset.

Stock ``tag_list``, ``tag_search``, ``tag_autocomplete`` and ``tag_show`` answer with
every tag of every dataset, private ones included, and ``member_list`` with the id of
every dataset of a group or organization (and, without ``object_type``, its users even
where ``ckan.auth.public_user_details`` is off). Whether the caller may read a dataset is
decided as ``package_search`` decides it, by CKAN's permission labels: a tag or a member
shows exactly when a dataset carrying it would show in the caller's own search.
Sysadmins read everything and get the stock answers.

``package_list`` and ``current_package_list_with_resources`` (what ckanapi's dumps and
other CKANs' harvesters walk) also listed the harvest sources, which are datasets of
type ``harvest`` with no resources and a source URL: they are plumbing, not data, so
they are left out of those listings as ckanext-harvest leaves them out of
``package_search``. They stay readable by ``package_show`` and ``harvest_source_list``.
"""
from __future__ import annotations

from typing import Any

import ckan.authz as authz
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.lib.plugins import get_permission_labels
from ckan.types import Context, DataDict
from sqlalchemy import orm

__all__ = ["tag_list", "tag_search", "tag_autocomplete", "tag_show", "member_list",
           "package_list", "current_package_list_with_resources"]

#: The dataset type of ckanext-harvest's sources.
HARVEST_SOURCE_TYPE = "harvest"


def _caller_labels(context: Context) -> set[str] | None:
    """The caller's permission labels; None for sysadmins, who read every dataset."""
    user_name = context.get("user")
    if user_name and authz.is_sysadmin(user_name):
        return None
    user = model.User.get(user_name) if user_name else None
    return set(get_permission_labels().get_user_dataset_labels(user))


def _readable(package: model.Package, labels: set[str]) -> bool:
    return bool(labels & set(get_permission_labels().get_dataset_labels(package)))


def _hidden_tags(context: Context) -> dict[str, tuple[str, str | None]]:
    """Tags (id: name, vocabulary id) none of whose datasets the caller may read."""
    labels = _caller_labels(context)
    if labels is None:
        return {}
    tag_use, package = model.PackageTag, model.Package
    public_use, public = orm.aliased(model.PackageTag), orm.aliased(model.Package)
    # A tag on any public dataset is seen by everyone. Probing each tag for one such
    # dataset (LIMIT 1, by index) stays near 0.1 s at 100,000 datasets, where joining
    # every use of every tag took over 1 s; the datasets left are private or deleted.
    on_public = (sa.select(sa.literal(1))
                 .select_from(public_use)
                 .join(public, public.id == public_use.package_id)
                 .where(public_use.tag_id == model.Tag.id, public_use.state == "active",
                        public.state == "active", public.private.is_(False))
                 .limit(1).correlate(model.Tag))
    rows = (model.Session.query(model.Tag, package)
            .join(tag_use, tag_use.tag_id == model.Tag.id)
            .join(package, package.id == tag_use.package_id)
            .filter(tag_use.state == "active", ~on_public.exists()))
    hidden: dict[str, tuple[str, str | None]] = {}
    readable: set[str] = set()
    for tag, dataset in rows:
        if _readable(dataset, labels):
            readable.add(tag.id)
        else:
            hidden[tag.id] = (tag.name, tag.vocabulary_id)
    return {tag_id: tag for tag_id, tag in hidden.items() if tag_id not in readable}


def _vocabulary_id(data_dict: DataDict) -> str | None:
    requested = data_dict.get("vocabulary_id")
    vocabulary = model.Vocabulary.get(requested) if requested else None
    return vocabulary.id if vocabulary else None


def _hidden_names(hidden: dict[str, tuple[str, str | None]], data_dict: DataDict) -> set[str]:
    vocabulary_id = _vocabulary_id(data_dict)
    return {name for name, vocabulary in hidden.values() if vocabulary == vocabulary_id}


def _paging(data_dict: DataDict) -> tuple[int, int | None]:
    """``offset`` and ``limit`` applied after the hidden tags are taken out."""
    values = []
    for key in ("offset", "limit"):
        value = data_dict.get(key)
        if value in (None, ""):
            values.append(None)
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0:
            raise tk.ValidationError({key: [tk._("Debe ser un número entero positivo")]})
        values.append(number)
    offset, limit = values
    return offset or 0, limit


def _page(items: list[Any], data_dict: DataDict) -> list[Any]:
    offset, limit = _paging(data_dict)
    return items[offset:] if limit is None else items[offset:offset + limit]


def _unpaged(data_dict: DataDict) -> DataDict:
    return {key: value for key, value in data_dict.items() if key not in ("offset", "limit")}


@tk.chained_action
@tk.side_effect_free
def tag_list(original: Any, context: Context, data_dict: DataDict) -> Any:
    """Stock tag_list without the tags only private datasets carry."""
    tags = original(context, data_dict)
    hidden = _hidden_tags(context)
    if not hidden:
        return tags
    if tk.asbool(data_dict.get("all_fields")):
        return [tag for tag in tags if tag["id"] not in hidden]
    names = _hidden_names(hidden, data_dict)
    return [name for name in tags if name not in names]


@tk.chained_action
@tk.side_effect_free
def tag_search(original: Any, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Stock tag_search without the tags only private datasets carry."""
    hidden = _hidden_tags(context)
    if not hidden:
        return original(context, data_dict)
    _paging(data_dict)
    found = original(context, _unpaged(data_dict))
    results = [tag for tag in found["results"] if tag["id"] not in hidden]
    return {"count": len(results), "results": _page(results, data_dict)}


@tk.chained_action
@tk.side_effect_free
def tag_autocomplete(original: Any, context: Context, data_dict: DataDict) -> list[str]:
    """Stock tag_autocomplete without the tags only private datasets carry."""
    hidden = _hidden_tags(context)
    if not hidden:
        return original(context, data_dict)
    _paging(data_dict)
    names = _hidden_names(hidden, data_dict)
    found = original(context, _unpaged(data_dict))
    return _page([name for name in found if name not in names], data_dict)


@tk.chained_action
@tk.side_effect_free
def tag_show(original: Any, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Stock tag_show; a tag only private datasets carry does not exist for the caller."""
    tag = original(context, data_dict)
    if tag["id"] in _hidden_tags(context):
        raise tk.ObjectNotFound(tk._("Etiqueta no encontrada"))
    return tag


@tk.chained_action
@tk.side_effect_free
def member_list(original: Any, context: Context, data_dict: DataDict) -> list[Any]:
    """Stock member_list with only the datasets the caller may read, and users only for
    those who may see the group's users."""
    members = original(context, data_dict)
    labels = _caller_labels(context)
    if labels is None:
        return members
    package_ids = [table_id for table_id, kind, _capacity in members if kind == "package"]
    packages = (model.Session.query(model.Package).filter(model.Package.id.in_(package_ids))
                if package_ids else [])
    readable = {package.id for package in packages if _readable(package, labels)}
    sees_users = authz.is_authorized("group_show", {"user": context.get("user"),
                                                    "model": model},
                                     {"id": data_dict.get("id"),
                                      "object_type": "user"})["success"]
    return [member for member in members
            if (member[1] != "package" or member[0] in readable)
            and (member[1] != "user" or sees_users)]


def _harvest_source_names(column: str) -> set[str]:
    rows = (model.Session.query(getattr(model.Package, column))
            .filter(model.Package.type == HARVEST_SOURCE_TYPE))
    return {value for (value,) in rows}


@tk.chained_action
@tk.side_effect_free
def package_list(original: Any, context: Context, data_dict: DataDict) -> list[str]:
    """Stock package_list without the harvest sources.

    The sources are taken out before paging, so ``limit`` and ``offset`` walk the
    datasets only (a page is never short because a source fell into it).
    """
    column = "id" if context.get("api_version", 1) == 2 else "name"
    sources = _harvest_source_names(column)
    if not sources:
        return original(context, data_dict)
    _paging(data_dict)
    names = [name for name in original(context, _unpaged(data_dict))
             if name not in sources]
    return _page(names, data_dict)


@tk.chained_action
@tk.side_effect_free
def current_package_list_with_resources(original: Any, context: Context,
                                        data_dict: DataDict) -> list[dict[str, Any]]:
    """Stock answer without harvest sources (CKAN builds it on package_search, where
    ckanext-harvest already hides them; this keeps it so without that plugin)."""
    return [dataset for dataset in original(context, data_dict)
            if dataset.get("type") != HARVEST_SOURCE_TYPE]
