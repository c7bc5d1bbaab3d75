"""Actions of grll_catalog (prefixed grll_catalog_), and ckanext-dcat's catalog actions
chained to check their parameters."""
from __future__ import annotations

from typing import Any

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.grll.catalog import (
    data_requests,
    dump,
    model,
    negotiation,
    quality,
    request_checks,
    reuses,
)
from ckanext.grll.catalog.logic import schema


@tk.side_effect_free
def grll_catalog_dataset_quality_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The metadata quality score of a dataset and what to improve.

    :param id: the dataset's id or name
    :returns: ``score`` (0-100), ``level`` (alta, media, baja) and ``criteria``: a list
        of ``key``, ``label``, ``points``, ``met`` and ``advice``
    """
    tk.check_access("grll_catalog_dataset_quality_show", context, data_dict)
    data_dict = schema.validated(schema.dataset_quality_show, data_dict, context)
    dataset = tk.get_action("package_show")(context, {"id": data_dict["id"]})
    result = quality.dataset_quality(dataset)
    return {
        "id": dataset["id"], "name": dataset["name"], "score": result.score,
        "level": result.level,
        "criteria": [{"key": c.key, "label": c.label, "points": c.points, "met": c.met,
                      "advice": c.advice} for c in result.criteria],
    }


def grll_catalog_dump_refresh(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Regenerate the complete catalog dump (JSON Lines) and its dataset.

    :param background: enqueue a background job (default) or run now
    :returns: ``job_id`` when enqueued, else ``datasets``: how many were written
    """
    tk.check_access("grll_catalog_dump_refresh", context, data_dict)
    data_dict = schema.validated(schema.dump_refresh, data_dict, context)
    if data_dict.get("background", True):
        job = tk.enqueue_job(dump.build_dump, title="grll_catalog: catalog dump")
        return {"job_id": job.id}
    return {"datasets": dump.build_dump()}


# --- reuses -------------------------------------------------------------------------

def _user_id(context: Context) -> str:
    from ckan import model as ckan_model

    user = ckan_model.User.get(context.get("user") or "")
    if user is None:
        raise tk.NotAuthorized(tk._("Inicie sesión para continuar"))
    return user.id


def _reuse_dict(reuse: dict[str, Any]) -> dict[str, Any]:
    from ckan import model as ckan_model

    site_url = tk.config.get("ckan.site_url").rstrip("/")
    datasets = []
    for package_id in model.reuse_package_ids(reuse["id"]):
        package = ckan_model.Package.get(package_id)
        if package and package.state == "active" and not package.private:
            datasets.append({"id": package.id, "name": package.name, "title": package.title})
    author = ckan_model.User.get(reuse["user_id"])
    return {
        "id": reuse["id"], "title": reuse["title"], "description": reuse["description"],
        "type": reuse["type"], "url": reuse["url"], "authors": reuse["authors"],
        "image_url": (f"{site_url}/aplicaciones/{reuse['id']}/imagen"
                      if reuse["image"] else None),
        "state": reuse["state"], "rejection_reason": reuse["rejection_reason"],
        "created": reuse["created"].isoformat(), "modified": reuse["modified"].isoformat(),
        "submitted_by": author.name if author else None,
        "datasets": datasets,
    }


def grll_catalog_reuse_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Submit a reuse of the portal's data; it is public once approved.

    :param title: name of the app, visualisation, article or API
    :param description: what it does and how it uses the data
    :param type: ``app``, ``visualizacion``, ``articulo`` or ``api``
    :param url: where to see it (http or https)
    :param datasets: names or ids of the datasets it uses (list or comma-separated)
    :param authors: who made it (optional)
    :param image_upload: a PNG, JPEG, GIF or WebP image (optional, size-limited)
    :returns: the reuse, with ``state`` ``pendiente``
    """
    tk.check_access("grll_catalog_reuse_create", context, data_dict)
    data_dict = schema.validated(schema.reuse_create, data_dict, context)
    reuse_id = model.new_id()
    image = None
    upload = data_dict.get("image_upload")
    if upload is not None and getattr(upload, "filename", None):
        content, extension = reuses.read_image(upload)
        image = reuses.store_image(reuse_id, content, extension)
    now = model.now()
    model.insert(model.reuse_table, {
        "id": reuse_id, "title": data_dict["title"], "description": data_dict["description"],
        "type": data_dict["type"], "url": data_dict["url"],
        "authors": data_dict.get("authors", ""), "image": image,
        "user_id": _user_id(context), "state": "pendiente", "created": now, "modified": now})
    _link_datasets(reuse_id, data_dict["datasets"])
    context["model"].repo.commit()
    return _reuse_dict(model.get(model.reuse_table, reuse_id))


def _link_datasets(reuse_id: str, package_ids: list[str]) -> None:
    from ckan import model as ckan_model

    ckan_model.Session.execute(model.reuse_dataset_table.delete().where(
        model.reuse_dataset_table.c.reuse_id == reuse_id))
    for package_id in dict.fromkeys(package_ids):
        model.insert(model.reuse_dataset_table, {"reuse_id": reuse_id, "package_id": package_id})


def _existing_reuse(reuse_id: str) -> dict[str, Any]:
    reuse = model.get(model.reuse_table, reuse_id)
    if reuse is None:
        raise tk.ObjectNotFound(tk._("Reutilización no encontrada"))
    return reuse


def grll_catalog_reuse_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Edit a reuse (its author or a sysadmin), with the same fields as create.

    What the public sees was approved as it is: when the author edits an approved
    reuse it goes back to review, unless the author may review it too.

    :param id: the reuse id
    :param image_upload: a new image (optional; the current one stays otherwise)
    :returns: the reuse
    """
    tk.check_access("grll_catalog_reuse_update", context, data_dict)
    data_dict = schema.validated(schema.reuse_update, data_dict, context)
    reuse = _existing_reuse(data_dict["id"])
    image = reuse["image"]
    upload = data_dict.get("image_upload")
    if upload is not None and getattr(upload, "filename", None):
        content, extension = reuses.read_image(upload)
        reuses.remove_image(image)
        image = reuses.store_image(reuse["id"], content, extension)
    reviewed = reuses.can_review(context.get("user"), reuse["id"])
    model.update(model.reuse_table, reuse["id"], {
        "title": data_dict["title"], "description": data_dict["description"],
        "type": data_dict["type"], "url": data_dict["url"],
        "authors": data_dict.get("authors", ""), "image": image, "modified": model.now(),
        "state": reuse["state"] if reviewed else "pendiente",
        "rejection_reason": reuse["rejection_reason"] if reviewed else None})
    _link_datasets(reuse["id"], data_dict["datasets"])
    context["model"].repo.commit()
    return _reuse_dict(model.get(model.reuse_table, reuse["id"]))


def grll_catalog_reuse_delete(context: Context, data_dict: DataDict) -> None:
    """Delete a reuse and its image (its author or a sysadmin).

    :param id: the reuse id
    """
    from ckan import model as ckan_model

    tk.check_access("grll_catalog_reuse_delete", context, data_dict)
    data_dict = schema.validated(schema.by_id, data_dict, context)
    reuse = _existing_reuse(data_dict["id"])
    ckan_model.Session.execute(model.reuse_table.delete().where(
        model.reuse_table.c.id == reuse["id"]))
    context["model"].repo.commit()
    reuses.remove_image(reuse["image"])


@tk.side_effect_free
def grll_catalog_reuse_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One reuse: approved ones are public; pending ones only for their author and reviewers.

    :param id: the reuse id
    :returns: the reuse with its ``datasets``, ``can_review`` and ``can_edit``
    """
    tk.check_access("grll_catalog_reuse_show", context, data_dict)
    data_dict = schema.validated(schema.by_id, data_dict, context)
    reuse = model.get(model.reuse_table, data_dict["id"])
    if reuse is None or not reuses.can_see(context.get("user"), reuse):
        raise tk.ObjectNotFound(tk._("Reutilización no encontrada"))
    return {**_reuse_dict(reuse),
            "can_review": reuses.can_review(context.get("user"), reuse["id"]),
            "can_edit": reuses.can_edit(context.get("user"), reuse)}


@tk.side_effect_free
def grll_catalog_reuse_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Reuses, newest first, with counts per type.

    :param type: only this type (optional)
    :param dataset: only reuses of this dataset, name or id (optional)
    :param organization: only reuses of datasets of this organization, name or id
    :param state: ``aprobada`` (default); ``pendiente`` or ``rechazada`` list those the
        user may review
    :param limit: at most this many (default 20, at most 1000)
    :param offset: skip this many
    :returns: ``count``, ``results`` and ``facets`` (``type`` and ``organization``:
        counts)
    """
    import sqlalchemy as sa
    from ckan import model as ckan_model

    tk.check_access("grll_catalog_reuse_list", context, data_dict)
    data_dict = schema.validated(schema.reuse_list, data_dict, context)
    table, links = model.reuse_table, model.reuse_dataset_table
    state = data_dict.get("state", "aprobada")
    conditions = [table.c.state == state]
    if state != "aprobada":
        user = context.get("user")
        if not user:
            raise tk.NotAuthorized(tk._("Inicie sesión para revisar reutilizaciones"))
        if not authz.is_sysadmin(user):
            organizations = reuses.reviewer_organization_ids(user)
            conditions.append(table.c.id.in_(
                sa.select(links.c.reuse_id).join(
                    ckan_model.package_table,
                    ckan_model.package_table.c.id == links.c.package_id)
                .where(ckan_model.package_table.c.owner_org.in_(organizations))))
    if data_dict.get("dataset"):
        package = ckan_model.Package.get(data_dict["dataset"])
        conditions.append(table.c.id.in_(sa.select(links.c.reuse_id).where(
            links.c.package_id == (package.id if package else ""))))
    packages = ckan_model.package_table
    used_by_organization = (
        sa.select(links.c.reuse_id, packages.c.owner_org)
        .join(packages, packages.c.id == links.c.package_id)
        .where(packages.c.state == "active", packages.c.private.is_(False))
        .distinct().subquery())
    if data_dict.get("organization"):
        organization = ckan_model.Group.get(data_dict["organization"])
        conditions.append(table.c.id.in_(sa.select(used_by_organization.c.reuse_id).where(
            used_by_organization.c.owner_org == (organization.id if organization else ""))))
    facet_rows = model.select(sa.select(table.c.type, sa.func.count().label("n"))
                              .where(*conditions).group_by(table.c.type))
    if data_dict.get("type"):
        conditions.append(table.c.type == data_dict["type"])
    groups = ckan_model.group_table
    organization_rows = model.select(
        sa.select(groups.c.name, sa.func.count().label("n"))
        .join(used_by_organization, used_by_organization.c.owner_org == groups.c.id)
        .where(used_by_organization.c.reuse_id.in_(
            sa.select(table.c.id).where(*conditions)))
        .group_by(groups.c.name))
    count = ckan_model.Session.execute(
        sa.select(sa.func.count()).select_from(table).where(*conditions)).scalar()
    rows = model.select(sa.select(table).where(*conditions)
                        .order_by(table.c.created.desc(), table.c.id)
                        .limit(min(data_dict.get("limit", 20), 1000))
                        .offset(data_dict.get("offset", 0)))
    return {"count": count, "results": [_reuse_dict(row) for row in rows],
            "facets": {"type": {row["type"]: row["n"] for row in facet_rows},
                       "organization": {row["name"]: row["n"] for row in organization_rows}}}


def grll_catalog_reuse_review(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Approve or reject a reuse (sysadmins, editors of the datasets' organizations).

    :param id: the reuse id
    :param decision: ``aprobada`` or ``rechazada``
    :param reason: why it was rejected (required when rejecting)
    :returns: the reuse
    """
    tk.check_access("grll_catalog_reuse_review", context, data_dict)
    data_dict = schema.validated(schema.reuse_review, data_dict, context)
    reuse = model.get(model.reuse_table, data_dict["id"])
    if reuse is None:
        raise tk.ObjectNotFound(tk._("Reutilización no encontrada"))
    if data_dict["decision"] == "rechazada" and not data_dict.get("reason"):
        raise tk.ValidationError({"reason": [tk._("Indique el motivo del rechazo")]})
    model.update(model.reuse_table, reuse["id"], {
        "state": data_dict["decision"], "reviewed_by": _user_id(context),
        "reviewed_at": model.now(), "modified": model.now(),
        "rejection_reason": data_dict.get("reason") if data_dict["decision"] == "rechazada"
        else None})
    context["model"].repo.commit()
    return _reuse_dict(model.get(model.reuse_table, reuse["id"]))


# --- data requests ------------------------------------------------------------------

def _request_dict(request: dict[str, Any], user_name: str | None = None) -> dict[str, Any]:
    from ckan import model as ckan_model

    organization = (ckan_model.Group.get(request["organization_id"])
                    if request["organization_id"] else None)
    package = data_requests.public_dataset(request["package_id"])
    author = ckan_model.User.get(request["user_id"])
    followers = model.follower_ids(request["id"])
    user = ckan_model.User.get(user_name) if user_name else None
    site_url = tk.config.get("ckan.site_url").rstrip("/")
    return {
        "id": request["id"], "title": request["title"], "description": request["description"],
        "status": request["status"],
        "organization": ({"id": organization.id, "name": organization.name,
                          "title": organization.title} if organization else None),
        "dataset": ({"id": package.id, "name": package.name, "title": package.title}
                    if package else None),
        "dataset_url": f"{site_url}/dataset/{package.name}" if package else None,
        "rejection_reason": request["rejection_reason"],
        "requested_by": author.name if author else None,
        "created": request["created"].isoformat(),
        "closed_at": request["closed_at"].isoformat() if request["closed_at"] else None,
        "followers": len(followers),
        "following": bool(user and user.id in followers),
    }


def grll_catalog_data_request_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Ask for a dataset the portal does not publish yet; the author follows it.

    :param title: the data wanted
    :param description: what for and with what detail
    :param organization: the organization suggested to publish it (optional)
    :returns: the request, ``status`` ``abierta``
    """
    tk.check_access("grll_catalog_data_request_create", context, data_dict)
    data_dict = schema.validated(schema.data_request_create, data_dict, context)
    request_id, now, user_id = model.new_id(), model.now(), _user_id(context)
    model.insert(model.data_request_table, {
        "id": request_id, "title": data_dict["title"], "description": data_dict["description"],
        "organization_id": data_dict.get("organization"), "user_id": user_id,
        "status": "abierta", "created": now, "modified": now})
    model.insert(model.data_request_follower_table,
                 {"data_request_id": request_id, "user_id": user_id, "created": now})
    context["model"].repo.commit()
    return _request_dict(model.get(model.data_request_table, request_id), context.get("user"))


@tk.side_effect_free
def grll_catalog_data_request_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One data request (public).

    :param id: the request id
    :returns: the request, with ``can_close`` for the current user
    """
    tk.check_access("grll_catalog_data_request_show", context, data_dict)
    data_dict = schema.validated(schema.by_id, data_dict, context)
    request = model.get(model.data_request_table, data_dict["id"])
    if request is None:
        raise tk.ObjectNotFound(tk._("Solicitud no encontrada"))
    return {**_request_dict(request, context.get("user")),
            "can_close": data_requests.can_close(context.get("user"), request)}


@tk.side_effect_free
def grll_catalog_data_request_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Data requests, newest first, with counts per status.

    :param status: ``abierta``, ``atendida`` or ``rechazada`` (optional)
    :param organization: suggested organization, name or id (optional)
    :param limit: at most this many (default 20, at most 1000)
    :param offset: skip this many
    :returns: ``count``, ``results`` and ``facets`` (``status``: counts)
    """
    import sqlalchemy as sa
    from ckan import model as ckan_model

    tk.check_access("grll_catalog_data_request_list", context, data_dict)
    data_dict = schema.validated(schema.data_request_list, data_dict, context)
    table = model.data_request_table
    conditions = []
    if data_dict.get("organization"):
        conditions.append(table.c.organization_id == data_dict["organization"])
    facet_rows = model.select(sa.select(table.c.status, sa.func.count().label("n"))
                              .where(*conditions).group_by(table.c.status))
    if data_dict.get("status"):
        conditions.append(table.c.status == data_dict["status"])
    count = ckan_model.Session.execute(
        sa.select(sa.func.count()).select_from(table).where(*conditions)).scalar()
    rows = model.select(sa.select(table).where(*conditions)
                        .order_by(table.c.created.desc(), table.c.id)
                        .limit(min(data_dict.get("limit", 20), 1000))
                        .offset(data_dict.get("offset", 0)))
    return {"count": count,
            "results": [_request_dict(row, context.get("user")) for row in rows],
            "facets": {"status": {row["status"]: row["n"] for row in facet_rows}}}


def grll_catalog_data_request_close(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Close a data request and email its followers.

    :param id: the request id
    :param status: ``atendida`` (with ``dataset``) or ``rechazada`` (with ``reason``)
    :param dataset: name or id of the public dataset that answers it
    :param reason: why it was rejected
    :returns: the request and ``notified``: how many followers were emailed
    """
    tk.check_access("grll_catalog_data_request_close", context, data_dict)
    data_dict = schema.validated(schema.data_request_close, data_dict, context)
    request = model.get(model.data_request_table, data_dict["id"])
    if request is None:
        raise tk.ObjectNotFound(tk._("Solicitud no encontrada"))
    if request["status"] != "abierta":
        raise tk.ValidationError({"status": [tk._("La solicitud ya está cerrada")]})
    values: dict[str, Any] = {"status": data_dict["status"], "closed_by": _user_id(context),
                              "closed_at": model.now(), "modified": model.now()}
    if data_dict["status"] == "atendida":
        # Whoever closes may see private datasets of their organization, but the
        # request is public: a private dataset would give away its name and title.
        package = data_requests.public_dataset(data_dict.get("dataset"))
        if package is None:
            raise tk.ValidationError({"dataset": [
                tk._("Indique un conjunto de datos publicado y público (no privado) que "
                     "atienda la solicitud")]})
        values["package_id"] = package.id
    else:
        if not data_dict.get("reason"):
            raise tk.ValidationError({"reason": [tk._("Indique el motivo del rechazo")]})
        values["rejection_reason"] = data_dict["reason"]
    model.update(model.data_request_table, request["id"], values)
    context["model"].repo.commit()
    closed = _request_dict(model.get(model.data_request_table, request["id"]))
    return {**closed, "notified": data_requests.notify_followers(closed)}


def _follow(context: Context, data_dict: DataDict, follow: bool) -> dict[str, Any]:
    import sqlalchemy as sa

    request = model.get(model.data_request_table, data_dict["id"])
    if request is None:
        raise tk.ObjectNotFound(tk._("Solicitud no encontrada"))
    user_id = _user_id(context)
    table = model.data_request_follower_table
    model.meta.Session.execute(sa.delete(table).where(
        table.c.data_request_id == request["id"], table.c.user_id == user_id))
    if follow:
        model.insert(table, {"data_request_id": request["id"], "user_id": user_id,
                             "created": model.now()})
    context["model"].repo.commit()
    return _request_dict(request, context.get("user"))


def grll_catalog_data_request_follow(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Follow a data request: be emailed when it is closed.

    :param id: the request id
    :returns: the request
    """
    tk.check_access("grll_catalog_data_request_follow", context, data_dict)
    data_dict = schema.validated(schema.by_id, data_dict, context)
    return _follow(context, data_dict, True)


def grll_catalog_data_request_unfollow(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Stop following a data request.

    :param id: the request id
    :returns: the request
    """
    tk.check_access("grll_catalog_data_request_unfollow", context, data_dict)
    data_dict = schema.validated(schema.by_id, data_dict, context)
    return _follow(context, data_dict, False)


# --- ckanext-dcat's catalog actions, guarded ----------------------------------------

def _check_dcat_query(data_dict: DataDict) -> None:
    """ckanext-dcat reads `modified_since` with dateutil, which overflows on huge years,
    and turns `page` into a search offset: both refused here, naming the field."""
    errors: dict[str, list[str]] = {}
    problem = negotiation.modified_since_problem(data_dict.get("modified_since"))
    if problem:
        errors["modified_since"] = [problem]
    try:
        request_checks.parse_page(str(data_dict.get("page") or ""))
    except ValueError:
        errors["page"] = [request_checks.page_error()]
    if errors:
        raise tk.ValidationError(errors)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_show(original_action: Any, context: Context,
                      data_dict: DataDict) -> Any:
    """ckanext-dcat's paged catalog, with `page` and `modified_since` checked first."""
    _check_dcat_query(data_dict)
    return original_action(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_search(original_action: Any, context: Context,
                        data_dict: DataDict) -> Any:
    """ckanext-dcat's catalog search, with `page` and `modified_since` checked first."""
    _check_dcat_query(data_dict)
    return original_action(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def dcat_datasets_list(original_action: Any, context: Context,
                       data_dict: DataDict) -> Any:
    """ckanext-dcat's dataset list (/dcat.json), with its parameters checked first."""
    _check_dcat_query(data_dict)
    return original_action(context, data_dict)
