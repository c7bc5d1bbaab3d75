"""The ``grll_feedback_*`` actions: one API for the four commitments.

Every action checks access first, validates with its schema, and commits
itself (the model only adds to the session). Answers for people who are not
staff of the responsible organization carry only the public view of a record.
"""
from __future__ import annotations

import datetime
import hashlib
import logging
import re
import secrets
import statistics
import unicodedata
import uuid
from typing import Any

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll import reference
from ckanext.grll.feedback import (
    config,
    geo,
    notifications,
    personal_data,
    photos,
    privacy,
    publication,
    ratelimit,
    workflow,
)
from ckanext.grll.feedback.domains import Category, enabled_domains, is_organization, route
from ckanext.grll.feedback.interfaces import IGrllDomain
from ckanext.grll.feedback.logic import schema
from ckanext.grll.feedback.logic.auth import is_report_staff, staff_orgs
from ckanext.grll.feedback.logic.dictization import org_title, report_dict
from ckanext.grll.feedback.logic.validators import (
    CODE_ALPHABET,
    CODE_LENGTH,
    check_report,
    find_report,
)
from ckanext.grll.feedback.model import Event, Flag, Photo, Report, utcnow
from ckanext.grll.feedback.privacy import public_filter

log = logging.getLogger(__name__)


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def _user(context: Context) -> model.User | None:
    name = context.get("user")
    return model.User.get(name) if name else None


def _validate(data_dict: DataDict, schema_: dict[str, Any], context: Context) -> dict[str, Any]:
    data, errors = tk.navl_validate(dict(data_dict), schema_, context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def _domain_plugins(domain: str) -> list[Any]:
    """The enabled plugin(s) of a domain, to tell them about its reports."""
    return [plugin for plugin in p.PluginImplementations(IGrllDomain)
            if plugin.grll_domain_name() == domain]


def _get(code: str) -> Report:
    report = find_report(code)
    if report is None:
        raise tk.ObjectNotFound(_("No existe un reporte con ese código"))
    return report


# Characters that change nothing a reader sees: zero-width spaces and joiners, the
# word joiner, the byte-order mark and the soft hyphen.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normalised_text(text: str) -> str:
    """The text as the duplicate check compares it: same letters (no case, no
    accents, no invisible characters) and single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(INVISIBLE)).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip()


def content_hash(domain: str, category: str, description: str, ubigeo: str) -> str:
    text = normalised_text(description)
    return hashlib.sha256(f"{domain}|{category}|{ubigeo}|{text}".encode()).hexdigest()


def grll_feedback_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Receive a citizen report.

    :param domain: ``seguridad``, ``agua``, ``agro`` or ``laboral``
    :param category: a category code of that domain (see ``grll_feedback_services``)
    :param description: what happened (10 to 4000 characters)
    :param lat, lon: WGS84 point inside La Libertad (optional if ``ubigeo`` is given)
    :param ubigeo: INEI district code (optional if a point is given)
    :param address: reference address, never published (optional)
    :param answers: the category's extra questions, ``{code: value}`` (dict or JSON)
    :param identity: ``publico``, ``oculto`` (default of the domain) or ``anonimo``
    :param name: the reporter's name (needed for ``publico``)
    :param email: address for notifications, never published (optional)
    :param photos: uploaded JPEG or PNG files (multipart), at most 3 by default
    :returns: the public view of the new record with its tracking ``codigo`` and
        up to 5 similar public reports nearby (``similares``)
    """
    tk.check_access("grll_feedback_create", context, data_dict)
    data, errors = tk.navl_validate(dict(data_dict), schema.create_schema(), context)
    checked = None
    if not {"domain", "category", "lat", "lon", "ubigeo"} & set(errors):
        # All the form's mistakes at once: also those that need the domain's YAML.
        checked, more = check_report(data)
        errors = {**more, **errors}
    if errors:
        raise tk.ValidationError(errors)
    assert checked is not None
    category = checked.category
    uploads = photos.uploads_in(data.get("photos"))
    if len(uploads) > config.max_photos():
        raise tk.ValidationError({"photos": [_(
            "Recibimos {sent} fotos en «photos»; adjunte como máximo {n}").format(
            sent=len(uploads), n=config.max_photos())]})
    cleaned = []
    for upload in uploads:
        try:
            cleaned.append(photos.clean(photos.read_upload(upload)))
        except photos.PhotoError as error:
            raise tk.ValidationError({"photos": [str(error)]}) from error
    contents = ratelimit.content_keys(normalised_text(data["description"]), checked.answers,
                                      [c.data for c in cleaned])
    repeated = ratelimit.repeated_content(contents)
    if repeated:
        raise tk.ValidationError(repeated)

    user = _user(context)
    identity, name, user_id = _identity(category, data, user, checked.domain.default_identity)
    if identity == "publico" and not name:
        raise tk.ValidationError({"name": [_("Escriba su nombre o elija no mostrarlo")]})

    digest = content_hash(checked.domain.name, category.code, data["description"],
                          checked.ubigeo)
    since = utcnow() - datetime.timedelta(hours=config.identical_window_hours())
    if Report.query().filter(Report.content_hash == digest, Report.created >= since).first():
        raise tk.ValidationError({"description": [_(
            "Ya recibimos un reporte idéntico. Si es suyo, sígalo con su código de "
            "seguimiento.")]})

    owner_org = route(category, checked.ubigeo, checked.answers)
    now = utcnow()
    report = Report(
        id=str(uuid.uuid4()), tracking_code=_unique_code(), public_id=uuid.uuid4().hex[:16],
        domain=checked.domain.name, category=category.code, description=data["description"],
        answers=checked.answers, latitude=checked.latitude, longitude=checked.longitude,
        address=data.get("address") or None, ubigeo=checked.ubigeo, identity=identity,
        reporter_name=name, user_id=user_id, contact_email=data.get("email") or None,
        channel=data["channel"], status=workflow.RECEIVED, hidden=False,
        owner_org=owner_org, flags=0, content_hash=digest,
        created=now, updated=now,
        due_at=now + datetime.timedelta(days=category.resolution_days),
        publication_pending=True)
    report.events.append(Event(created=now, actor_id=None, kind="creado",
                               status=workflow.RECEIVED,
                               public_note=_("Reporte recibido")))
    found = privacy.personal_data_in(report, category)
    if found:
        # The moderators' mark; under the domain's "retener" policy it also holds
        # the report back until a moderator reviews it.
        report.events.append(Event(
            created=now, actor_id=None, kind=privacy.PERSONAL_DATA_EVENT,
            private_note=_("Posibles datos personales en el texto: {kinds}").format(
                kinds=", ".join(personal_data.LABELS[k] for k in found))))
    model.Session.add(report)
    stored: list[str] = []
    try:
        model.Session.flush()
        for photo in cleaned:
            filename = photos.store(photo)
            stored.append(filename)
            report.photos.append(Photo(
                id=str(uuid.uuid4()), filename=filename, mimetype=photo.mimetype,
                size_bytes=len(photo.data), width=photo.width, height=photo.height,
                created=now))
        model.Session.commit()
    except Exception:
        model.Session.rollback()
        for filename in stored:
            photos.remove(filename)
        raise
    # Counted once saved: a refused form never uses up anyone's limit.
    ratelimit.count_report(user.name if user else None, contents)
    publication.schedule(report)
    notifications.notify(report, first=True)
    for plugin in _domain_plugins(report.domain):
        plugin.grll_feedback_after_create(report_dict(report, staff=True))
    result = report_dict(report)
    result["similares"] = _nearby(category, checked.latitude, checked.longitude,
                                  exclude=report.id)
    return result


def _identity(category: Category, data: dict[str, Any], user: model.User | None,
              default: str) -> tuple[str, str | None, str | None]:
    """(identity, name kept, user id kept) under the category's rules."""
    if category.identity_reserve:
        # D.Leg. 1327 identity reserve: keep no identity, only the optional contact.
        return "reserva", None, None
    identity = data.get("identity") or default
    if identity == "anonimo":
        return identity, None, None
    name = data.get("name") or (user.fullname or user.name if user else None)
    return identity, name, user.id if user else None


def _unique_code() -> str:
    while True:
        code = new_tracking_code()
        if Report.by_code(code) is None:
            return code


@tk.side_effect_free
def grll_feedback_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A report by its tracking code: the public timeline, or everything for staff.

    :param code: the tracking code (e.g. ``7KQ4M-2XDHP``)
    :returns: the record; private fields (contact, exact point, notes) only for
        members of the responsible organization (or of the one overseeing it) and
        sysadmins
    """
    tk.check_access("grll_feedback_show", context, data_dict)
    data = _validate(data_dict, schema.show_schema(), context)
    report = _get(data["code"])
    return report_dict(report, staff=is_report_staff(context.get("user"), report))


@tk.side_effect_free
def grll_feedback_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Public records, or a staff member's queue (``queue=true``).

    :param domain, category, ubigeo, status, organization: filters (optional)
    :param month_from, month_to: ``YYYY-MM`` bounds of the report month
    :param updated_after: ISO date-time (records changed since)
    :param overdue: only records past their expected resolution date
    :param queue: the organizations' queue, unmoderated and hidden records included
    :param offset, limit: paging (limit at most 500, default 50)
    :returns: ``{"count": n, "results": [record, ...]}``, newest first
    """
    tk.check_access("grll_feedback_list", context, data_dict)
    data = _validate(data_dict, schema.list_schema(), context)
    query = Report.query()
    staff = False
    if data["queue"]:
        orgs = staff_orgs(context.get("user"))
        staff = True
        if orgs is not None:
            query = query.filter(_in_queue_of(orgs))
        if data.get("status") == workflow.HIDDEN:
            query = query.filter(Report.hidden.is_(True))
        elif data.get("status"):
            query = query.filter(Report.status == data["status"], Report.hidden.is_(False))
    else:
        query = query.filter(public_filter())
        if data.get("status"):
            query = query.filter(Report.status == data["status"])
    for key, column in (("domain", Report.domain), ("category", Report.category),
                        ("ubigeo", Report.ubigeo), ("organization", Report.owner_org)):
        if data.get(key):
            query = query.filter(column == data[key])
    if data.get("month_from"):
        query = query.filter(Report.created >= datetime.datetime.strptime(
            data["month_from"], "%Y-%m"))
    if data.get("month_to"):
        start = datetime.datetime.strptime(data["month_to"], "%Y-%m")
        query = query.filter(Report.created < (start + datetime.timedelta(days=32)).replace(day=1))
    if data.get("updated_after"):
        after = data["updated_after"]
        # Probing the public list with ever finer instants would find the exact time
        # of a record's last change: the public filter counts in whole months.
        query = query.filter(Report.updated > after if staff
                             else Report.updated >= privacy.month_start(after))
    if data.get("overdue"):
        query = query.filter(Report.status.notin_(workflow.CLOSED), Report.due_at < utcnow())
    count = query.count()
    rows = query.order_by(Report.created.desc()).offset(data["offset"]).limit(data["limit"])
    return {"count": count, "results": [report_dict(r, staff=staff) for r in rows]}


def _in_queue_of(orgs: list[str]) -> Any:
    """Records the organizations act on, or oversee (their categories' routing)."""
    conditions = [Report.owner_org.in_(orgs)]
    everywhere = set(reference.distritos())
    for domain in enabled_domains().values():
        for category in domain.categories.values():
            districts = {u for u in everywhere if category.responsible_for(u) in orgs}
            if not districts:
                continue
            condition = sa.and_(Report.domain == domain.name,
                                Report.category == category.code)
            if districts != everywhere:
                condition = sa.and_(condition, Report.ubigeo.in_(sorted(districts)))
            conditions.append(condition)
    return sa.or_(*conditions)


def grll_feedback_status_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Move a report along its lifecycle (staff of the responsible or overseeing
    organization).

    :param code: tracking code
    :param status: ``en_revision``, ``derivado``, ``en_proceso``, ``resuelto``,
        ``rechazado`` (needs ``public_note`` with the reason) or ``duplicado``
        (needs ``duplicate_of``, the other record's code)
    :param public_note: the answer citizens read on the timeline
    :param private_note: a note only staff see
    :param organization: with ``derivado``, route the report to this organization
    :param stage: one of the category's own steps (``stages`` in domain.yaml), e.g.
        ``orden-inspeccion`` for labour complaints
    :returns: the staff view of the record
    """
    tk.check_access("grll_feedback_status_update", context, data_dict)
    data = _validate(data_dict, schema.status_update_schema(), context)
    report = _get(data["code"])
    new = data["status"]
    errors: dict[str, list[str]] = {}
    if not workflow.can_move(report.status, new):
        errors["status"] = [_("No se puede pasar de «{a}» a «{b}»").format(
            a=workflow.label(report.status), b=workflow.label(new))]
    if new == workflow.REJECTED and not data.get("public_note"):
        errors["public_note"] = [_("Explique al ciudadano el motivo del rechazo")]
    original = None
    if new == workflow.DUPLICATE:
        original = Report.by_code(data.get("duplicate_of") or "")
        if original is None or original.id == report.id or original.domain != report.domain:
            errors["duplicate_of"] = [_("Indique el código de otro reporte del mismo dominio")]
    if data.get("organization"):
        org = model.Group.get(data["organization"])
        if new != workflow.ROUTED:
            errors["organization"] = [_("Solo se deriva con el estado «derivado»")]
        elif org is None or not is_organization(org.name):
            errors["organization"] = [_("Organización desconocida")]
    category = privacy.category_of(report)
    stages = dict(category.stages) if category else {}
    if data.get("stage") and data["stage"] not in stages:
        errors["stage"] = [_("Etapa desconocida para esta categoría")]
    if errors:
        raise tk.ValidationError(errors)
    now = utcnow()
    previous_status = report.status
    report.status = new
    if data.get("stage"):
        report.stage = data["stage"]
    report.updated = now
    report.closed_at = now if new in workflow.CLOSED else None
    if original is not None:
        report.duplicate_of = original.id
    if data.get("organization"):
        report.owner_org = model.Group.get(data["organization"]).name
    report.publication_pending = True
    user = _user(context)
    report.events.append(Event(created=now, actor_id=user.id if user else None, kind="estado",
                               status=new, stage=data.get("stage"),
                               public_note=data.get("public_note"),
                               private_note=data.get("private_note")))
    model.Session.commit()
    publication.schedule(report)
    notifications.notify(report, public_note=data.get("public_note"))
    staff_view = report_dict(report, staff=True)
    for plugin in _domain_plugins(report.domain):
        plugin.grll_feedback_after_status_change(staff_view, previous_status)
    return staff_view


def grll_feedback_moderate(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Moderate a report: edit out personal data, hide or show it, hide name or photos.

    :param code: tracking code
    :param description: the corrected text (the original is kept for audit, staff only)
    :param hidden: hide the record from every public output (kept for audit), or show it
    :param hide_name: stop showing the reporter's name
    :param hide_photos: stop showing its photos
    :param private_note: why (staff only)
    :returns: the staff view of the record
    """
    tk.check_access("grll_feedback_moderate", context, data_dict)
    data = _validate(data_dict, schema.moderate_schema(), context)
    report = _get(data["code"])
    changes = []
    if data.get("description") and data["description"] != report.description:
        if report.description_original is None:
            report.description_original = report.description
        report.description = data["description"]
        changes.append("texto editado")
    if "hidden" in data and data["hidden"] != report.hidden:
        report.hidden = data["hidden"]
        # Hiding or showing is the moderator's decision on the pending flags too.
        clear_flags(report)
        changes.append("ocultado" if report.hidden else "visible de nuevo")
    if data.get("hide_name") and report.identity == "publico":
        report.identity = "oculto"
        changes.append("nombre oculto")
    if data.get("hide_photos"):
        for photo in report.photos:
            photo.hidden = True
        changes.append("fotos ocultas")
    user = _user(context)
    report.updated = utcnow()
    report.publication_pending = True
    report.events.append(Event(created=report.updated, actor_id=user.id if user else None,
                               kind="moderado", public_note=None,
                               private_note="; ".join(filter(None, [
                                   ", ".join(changes), data.get("private_note")]))))
    model.Session.commit()
    publication.schedule(report)
    return report_dict(report, staff=True)


ACCOUNT_FLAGGER = "user:"


def _flagger(user: model.User | None) -> str:
    """Who flags: an account, or the pseudonym of an anonymous client's address."""
    if user is not None:
        return ACCOUNT_FLAGGER + user.id
    return "anon:" + (ratelimit.client_key() or "local")


def _pending_flags(report: Report) -> list[Flag]:
    return model.Session.query(Flag).filter(Flag.report_id == report.id).order_by(
        Flag.created).all()


def flag_summary(report: Report) -> dict[str, Any]:
    """The flags awaiting review, for moderators: accounts and anonymous apart, reasons."""
    flags = _pending_flags(report)
    accounts = sum(1 for f in flags if f.flagger.startswith(ACCOUNT_FLAGGER))
    return {"cuentas": accounts, "anonimos": len(flags) - accounts,
            "motivos": [f.reason for f in flags if f.reason]}


def _hidden_by_flags(report: Report) -> bool:
    """Hidden by accounts' flags, and no moderator has decided on its visibility since."""
    last = next((e for e in reversed(report.events) if e.kind in ("oculto", "moderado")),
                None)
    return report.hidden and last is not None and last.kind == "oculto"


def clear_flags(report: Report) -> int:
    """Close the flags a moderator has reviewed; how many there were."""
    reviewed = model.Session.query(Flag).filter(Flag.report_id == report.id).delete()
    report.flags = 0
    return reviewed


def grll_feedback_flag(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """"Reportar abuso": ask the responsible organization's moderators to review a record.

    Every flag puts the record in the moderators' queue ("marcados por la ciudadanía").
    Anonymous flags never hide it: one person could otherwise silence any report.
    Flags from ``ckanext.grll.feedback.flag_hide_accounts`` distinct logged-in
    accounts hide it until a moderator decides (0: never automatically).

    :param code: tracking code
    :param reason: why (optional)
    :returns: ``{"recibido": true, "oculto": bool}``
    """
    tk.check_access("grll_feedback_flag", context, data_dict)
    data = _validate(data_dict, schema.flag_schema(), context)
    report = _get(data["code"])
    flagger = _flagger(_user(context))
    exists = model.Session.query(Flag).filter(
        Flag.report_id == report.id, Flag.flagger == flagger).first()
    if exists is not None:
        return {"recibido": True, "oculto": report.hidden}
    model.Session.add(Flag(report_id=report.id, flagger=flagger,
                           reason=data.get("reason"), created=utcnow()))
    report.flags += 1
    model.Session.flush()
    accounts = flag_summary(report)["cuentas"]
    needed = config.flag_hide_accounts()
    hide = bool(needed) and not report.hidden and accounts >= needed
    if hide:
        report.hidden = True
        report.publication_pending = True
        report.events.append(Event(
            created=utcnow(), kind="oculto",
            private_note=_("Ocultado automáticamente tras avisos de abuso de {n} cuentas "
                           "distintas").format(n=accounts)))
    model.Session.commit()
    if hide:
        publication.schedule(report)
    return {"recibido": True, "oculto": report.hidden}


@tk.side_effect_free
def grll_feedback_flag_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Records flagged by citizens that await a moderator of the user's organizations.

    :param domain: only this domain (optional)
    :param code: only this record (optional)
    :param offset, limit: paging (limit at most 500, default 50)
    :returns: ``{"count": n, "results": [record, ...]}``, most flagged first; each
        record is the staff view with ``avisos``: ``cuentas`` (logged-in flaggers),
        ``anonimos`` and ``motivos``
    """
    tk.check_access("grll_feedback_flag_list", context, data_dict)
    data = _validate(data_dict, schema.flag_list_schema(), context)
    query = Report.query().filter(Report.flags > 0)
    orgs = staff_orgs(context.get("user"))
    if orgs is not None:
        query = query.filter(_in_queue_of(orgs))
    if data.get("domain"):
        query = query.filter(Report.domain == data["domain"])
    if data.get("code"):
        query = query.filter(Report.tracking_code == data["code"].strip().upper())
    count = query.count()
    rows = query.order_by(Report.flags.desc(), Report.created.desc()).offset(
        data["offset"]).limit(data["limit"])
    return {"count": count, "results": [{**report_dict(r, staff=True),
                                         "avisos": flag_summary(r)} for r in rows]}


def grll_feedback_flag_dismiss(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Dismiss a record's abuse flags after review.

    A record the flags hid becomes public again; one a moderator hid stays hidden.

    :param code: tracking code
    :param private_note: why (staff only)
    :returns: the staff view of the record
    """
    tk.check_access("grll_feedback_flag_dismiss", context, data_dict)
    data = _validate(data_dict, schema.flag_dismiss_schema(), context)
    report = _get(data["code"])
    summary = flag_summary(report)
    if not report.flags:
        raise tk.ValidationError({"code": [_("Este reporte no tiene avisos de abuso por "
                                             "revisar")]})
    shown_again = _hidden_by_flags(report)
    reviewed = clear_flags(report)
    if shown_again:
        report.hidden = False
    user = _user(context)
    report.updated = utcnow()
    report.publication_pending = True
    note = _("{n} avisos de abuso descartados ({a} de cuentas, {b} anónimos)").format(
        n=reviewed, a=summary["cuentas"], b=summary["anonimos"])
    if shown_again:
        note += "; " + _("visible de nuevo")
    report.events.append(Event(created=report.updated, actor_id=user.id if user else None,
                               kind="moderado", public_note=None,
                               private_note="; ".join(filter(None, [
                                   note, data.get("private_note")]))))
    model.Session.commit()
    publication.schedule(report)
    return report_dict(report, staff=True)


@tk.side_effect_free
def grll_feedback_stats(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Public figures of a domain: per category, district and responsible organization.

    Counts public records only. Rates are per 100,000 inhabitants (INEI 2025
    projection); the median days to resolve count each resolved record's whole
    weeks (0, 7, 14...), as the open data does: a day count would date a lone record.

    :param domain: the domain
    :returns: totals, ``por_categoria``, ``por_distrito``, ``por_organizacion``
    """
    tk.check_access("grll_feedback_stats", context, data_dict)
    data = _validate(data_dict, schema.stats_schema(), context)
    domain = enabled_domains()[data["domain"]]
    days = privacy.whole_weeks_in_days_sql(Report.created, Report.closed_at)
    rows = model.Session.query(
        Report.category, Report.ubigeo, Report.owner_org, Report.status, days,
        sa.and_(Report.status.notin_(workflow.CLOSED), Report.due_at < utcnow()),
    ).filter(public_filter(), Report.domain == domain.name).all()

    def summary(items: list[Any]) -> dict[str, Any]:
        resolved = [r[4] for r in items if r[3] == workflow.RESOLVED and r[4] is not None]
        return {"total": len(items), "resueltos": len(resolved),
                "proporcion_resueltos": round(len(resolved) / len(items), 3) if items else None,
                "mediana_dias_resolucion": round(statistics.median(resolved), 1)
                if resolved else None,
                "vencidos": sum(1 for r in items if r[5])}

    def grouped(index: int) -> dict[str, list[Any]]:
        groups: dict[str, list[Any]] = {}
        for row in rows:
            groups.setdefault(row[index], []).append(row)
        return groups

    by_category = [{"categoria": code, "categoria_nombre": category.name,
                    "sensible": not privacy.shows_details(category),
                    **summary(grouped(0).get(code, []))}
                   for code, category in domain.categories.items()]
    by_district = []
    for ubigeo, items in sorted(grouped(1).items()):
        district = reference.distritos().get(ubigeo)
        rate = (round(len(items) * 100_000 / district.poblacion, 2)
                if district and district.poblacion else None)
        by_district.append({"ubigeo": ubigeo, "distrito": district.nombre if district else None,
                            "provincia": district.provincia if district else None,
                            "poblacion": district.poblacion if district else None,
                            "tasa_100k": rate, **summary(items)})
    by_org = [{"organizacion": name, "organizacion_nombre": org_title(name), **summary(items)}
              for name, items in sorted(grouped(2).items())]
    return {"dominio": domain.name, **summary(rows), "por_categoria": by_category,
            "por_distrito": by_district, "por_organizacion": by_org}


@tk.side_effect_free
def grll_feedback_services(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The categories citizens can report, with their extra questions.

    :param domain: only this domain's categories (optional)
    :returns: one dict per category (Open311 service definitions in Spanish)
    """
    tk.check_access("grll_feedback_services", context, data_dict)
    data = _validate(data_dict, schema.services_schema(), context)
    result = []
    for domain in enabled_domains().values():
        if data.get("domain") and domain.name != data["domain"]:
            continue
        for category in domain.categories.values():
            result.append({
                "dominio": domain.name, "codigo": category.code,
                "servicio": category.service_code, "nombre": category.name,
                "descripcion": category.description, "grupo": category.group,
                "sensible": category.sensitive, "reserva_identidad": category.identity_reserve,
                "anonimo_permitido": category.anonymous_allowed,
                "dias_resolucion": category.resolution_days,
                "etapas": [{"codigo": c, "nombre": n} for c, n in category.stages],
                "preguntas": [{"codigo": q.code, "tipo": q.datatype, "pregunta": q.label,
                               "obligatoria": q.required, "orden": q.order,
                               "opciones": [{"clave": k, "nombre": n} for k, n in q.values]}
                              for q in category.questions],
            })
    return result


@tk.side_effect_free
def grll_feedback_suggest(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """"¿Ya lo reportaron?": public reports of the same category near a point.

    :param domain, category: what the citizen is about to report
    :param lat, lon: where
    :returns: up to 5 open or recent records within the configured radius
        (codes to follow them), never for sensitive categories
    """
    tk.check_access("grll_feedback_suggest", context, data_dict)
    data = _validate(data_dict, schema.suggest_schema(), context)
    domain = enabled_domains().get(data["domain"])
    category = domain.categories.get(data["category"]) if domain else None
    if category is None:
        raise tk.ValidationError({"category": [_("Categoría desconocida en este dominio")]})
    return _nearby(category, data["lat"], data["lon"])


def _nearby(category: Category, lat: float | None, lon: float | None,
            exclude: str | None = None) -> list[dict[str, Any]]:
    """Public reports of the category whose published (coarsened) point is near.

    Distances are measured to the grid cell, never to the exact point, so that
    probing with many positions cannot locate a report more precisely than the
    public map does.
    """
    if not privacy.shows_details(category) or lat is None or lon is None:
        return []
    radius = config.duplicate_radius_m()
    reach = (radius + config.grid_size_m()) / privacy.METRES_PER_DEGREE
    candidates = Report.query().filter(
        public_filter(), Report.domain == category.domain, Report.category == category.code,
        Report.latitude.between(lat - reach, lat + reach),
        Report.longitude.between(lon - reach * 1.02, lon + reach * 1.02),
        Report.status.notin_([workflow.REJECTED, workflow.DUPLICATE]))
    if exclude:
        candidates = candidates.filter(Report.id != exclude)
    found = []
    for report in candidates.limit(500):
        distance = geo.distance_m(lat, lon, *privacy.public_point(report, category))
        if distance <= radius:
            found.append((distance, report))
    found.sort(key=lambda item: item[0])
    views = [(d, privacy.public_view(r, category)) for d, r in found[:config.duplicate_max()]]
    return [{"codigo": view.code, "estado": view.status,
             "estado_nombre": workflow.label(view.status), "mes": view.month,
             "distancia_aprox_m": max(100, round(d, -2))}
            for d, view in views]


def get_actions() -> dict[str, object]:
    return {
        "grll_feedback_create": grll_feedback_create,
        "grll_feedback_show": grll_feedback_show,
        "grll_feedback_list": grll_feedback_list,
        "grll_feedback_status_update": grll_feedback_status_update,
        "grll_feedback_moderate": grll_feedback_moderate,
        "grll_feedback_flag": grll_feedback_flag,
        "grll_feedback_flag_list": grll_feedback_flag_list,
        "grll_feedback_flag_dismiss": grll_feedback_flag_dismiss,
        "grll_feedback_stats": grll_feedback_stats,
        "grll_feedback_services": grll_feedback_services,
        "grll_feedback_suggest": grll_feedback_suggest,
    }
