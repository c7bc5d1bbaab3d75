"""JSON API of the open-government action plan: the ``grll_ogp_*`` actions (input
schemas in ``schema``, one auth function per action in ``auth``).

Every write commits, then :func:`publicacion.publish` rewrites the plan's open data
and records the change in the activity stream.
"""
from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll.feedback.shared import (
    PERSONAL_DATA_LABELS,
    mask_personal_data,
    personal_data_kinds,
)
from ckanext.grll.ogp import avisos, documentos, estado, indicadores, plan, publicacion
from ckanext.grll.ogp.logic import schema
from ckanext.grll.ogp.model import (
    Acuerdo,
    Comentario,
    Compromiso,
    Evaluacion,
    Evidencia,
    Hito,
    Miembro,
    Seguimiento,
    Sesion,
    get,
)
from ckanext.grll.validators import validated

COMMITMENT_FIELDS = (*plan.TEMPLATE_FIELDS, "presupuesto", "muestra_demostrativa")


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _user_id(context: Context) -> str | None:
    user = model.User.get(context.get("user") or "")
    return user.id if user else None


def _commitment(numero: int) -> Compromiso:
    row = model.Session.query(Compromiso).filter(Compromiso.numero == numero).first()
    if row is None:
        raise tk.ObjectNotFound(_("No existe el compromiso {n}").format(n=numero))
    return row


def _found(table: type, key: Any, field: str, message: str) -> Any:
    row = get(table, key)
    if row is None:
        raise tk.ValidationError({field: [message]})
    return row


def _done(context: Context, cambio: str, compromiso_id: str | None = None) -> None:
    """Commit, publish the plan and tell the commitment's followers."""
    model.Session.commit()
    publicacion.publish(_user_id(context), cambio)
    if compromiso_id:
        avisos.notify_followers(compromiso_id, cambio)


# --- reads ------------------------------------------------------------------------
@tk.side_effect_free
def grll_ogp_plan_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The action plan: every commitment with its completion and delays.

    :returns: ``{"compromisos": [{numero, titulo, organizacion, avance,
        porcentaje_completado, hitos_total, hitos_completados, hitos_con_retraso, ...}],
        "actualizado": ISO date-time of the last change}``
    """
    tk.check_access("grll_ogp_plan_show", context, data_dict)
    rows = model.Session.query(Compromiso).order_by(Compromiso.numero).all()
    changed = plan.last_change()
    return {"compromisos": [plan.summary_dict(r) for r in rows],
            "actualizado": changed.isoformat() if changed else None}


@tk.side_effect_free
def grll_ogp_commitment_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One commitment: every field of OGP's template, its milestones (``con_retraso``
    computed from the dates), evidence, assessments, live indicators and timeline.

    :param numero: the commitment's number
    """
    tk.check_access("grll_ogp_commitment_show", context, data_dict)
    data = validated(schema.commitment_show, data_dict, context)
    result = plan.commitment_dict(_commitment(data["numero"]))
    result["indicadores"] = indicadores.calcular(result["dominio"] or "")
    result["linea_de_tiempo"] = plan.timeline(result)
    return result


@tk.side_effect_free
def grll_ogp_indicator_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A commitment's indicators now and over time.

    :param numero: the commitment's number
    :returns: ``{"actuales": [{codigo, nombre, valor, unidad}], "historia": [{codigo,
        fecha, valor}]}``
    """
    tk.check_access("grll_ogp_indicator_list", context, data_dict)
    data = validated(schema.commitment_show, data_dict, context)
    dominio = _commitment(data["numero"]).dominio or ""
    return {"actuales": indicadores.calcular(dominio),
            "historia": indicadores.historia(dominio)}


@tk.side_effect_free
def grll_ogp_committee_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The Open Government Committee: members, sessions (newest first) and agreements."""
    tk.check_access("grll_ogp_committee_show", context, data_dict)
    return plan.committee_dict()


# --- the plan (secretariat) ---------------------------------------------------------
def _apply(row: Compromiso, data: dict[str, Any]) -> None:
    for field in COMMITMENT_FIELDS:
        if field in data:
            setattr(row, field, data[field])
    if "organizacion" in data:
        row.organizacion_id = data["organizacion"]
    for field in ("fecha_inicio", "fecha_fin"):
        if field in data:
            setattr(row, field, _date(data[field]))


def grll_ogp_commitment_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Add a commitment to the plan (the secretariat).

    :param numero, titulo, fecha_inicio, fecha_fin, problema, descripcion,
        organizacion: required (organizacion: the lead organization, name or id)
    :param linea_base, resultados_esperados, como_contribuye, transparencia,
        participacion, rendicion_cuentas, otros_actores, presupuesto,
        fuente_presupuesto, vinculos, dominio, muestra_demostrativa: optional
    """
    tk.check_access("grll_ogp_commitment_create", context, data_dict)
    data = validated(schema.commitment_create, data_dict, context)
    if model.Session.query(Compromiso).filter(Compromiso.numero == data["numero"]).count():
        raise tk.ValidationError({"numero": [_("Ya existe un compromiso con ese número")]})
    row = Compromiso()
    _apply(row, data)
    row.numero = data["numero"]
    model.Session.add(row)
    _done(context, f"compromiso {row.numero} creado")
    return plan.commitment_dict(row)


def grll_ogp_commitment_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Change fields of a commitment (the secretariat); only the fields given change.

    :param numero: the commitment's number
    """
    tk.check_access("grll_ogp_commitment_update", context, data_dict)
    data = validated(schema.commitment_update, data_dict, context)
    row = _commitment(data["numero"])
    _apply(row, data)
    if row.fecha_fin < row.fecha_inicio:
        raise tk.ValidationError({"fecha_fin": [
            _("La fecha final es anterior a la fecha inicial")]})
    row.updated = datetime.datetime.utcnow()
    _done(context, f"compromiso {row.numero} modificado", row.id)
    return plan.commitment_dict(row)


def grll_ogp_milestone_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Add a milestone to a commitment (the secretariat).

    :param numero: the commitment; :param descripcion, fecha_inicio, fecha_fin,
        responsable: required; :param orden, avance: optional
    """
    tk.check_access("grll_ogp_milestone_create", context, data_dict)
    data = validated(schema.milestone_create, data_dict, context)
    compromiso = _commitment(data["numero"])
    last = (model.Session.query(Hito.orden).filter(Hito.compromiso_id == compromiso.id)
            .order_by(Hito.orden.desc()).limit(1).scalar())
    row = Hito(compromiso_id=compromiso.id, orden=data.get("orden") or (last or 0) + 1,
               descripcion=data["descripcion"], responsable=data["responsable"],
               fecha_inicio=_date(data["fecha_inicio"]), fecha_fin=_date(data["fecha_fin"]),
               avance=data.get("avance") or "no_iniciado")
    if model.Session.query(Hito).filter(Hito.compromiso_id == compromiso.id,
                                        Hito.orden == row.orden).count():
        raise tk.ValidationError({"orden": [_("Ya hay un hito con ese orden")]})
    if row.avance == estado.COMPLETADO:
        row.completado_en = datetime.date.today()
    model.Session.add(row)
    _done(context, f"hito {row.orden} del compromiso {compromiso.numero} creado",
          compromiso.id)
    return plan.milestone_dict(row)


def grll_ogp_milestone_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Update a milestone's completion, dates or responsible (the commitment's lead).

    :param id: the milestone; :param avance: no_iniciado, limitado, sustancial or
        completado; :param fecha_inicio, fecha_fin, responsable, descripcion: optional
    :returns: the milestone, with ``con_retraso`` computed from its dates
    """
    tk.check_access("grll_ogp_milestone_update", context, data_dict)
    data = validated(schema.milestone_update, data_dict, context)
    row = _found(Hito, data["id"], "id", _("Hito desconocido"))
    for field in ("descripcion", "responsable"):
        if field in data:
            setattr(row, field, data[field])
    for field in ("fecha_inicio", "fecha_fin"):
        if field in data:
            setattr(row, field, _date(data[field]))
    if row.fecha_fin < row.fecha_inicio:
        raise tk.ValidationError({"fecha_fin": [
            _("La fecha final es anterior a la fecha inicial")]})
    if "avance" in data and data["avance"] != row.avance:
        row.avance = data["avance"]
        row.completado_en = (datetime.date.today() if row.avance == estado.COMPLETADO
                             else None)
    row.updated = datetime.datetime.utcnow()
    numero = get(Compromiso, row.compromiso_id).numero
    _done(context, f"hito {row.orden} del compromiso {numero}: {row.avance}",
          row.compromiso_id)
    return plan.milestone_dict(row)


def _evidence_link(tipo: str, enlace: str) -> str:
    """The evidence's address on the portal, checked: a dataset that exists, a page of
    the portal (a path), or a resource (an uploaded document) that exists."""
    if tipo == "pagina":
        if not enlace.startswith("/") or enlace.startswith("//"):
            raise tk.ValidationError({"enlace": [
                _("Escriba la dirección de una página del portal, empezando por /")]})
        return enlace
    if tipo == "dataset":
        package = model.Package.get(enlace.rstrip("/").rsplit("/", 1)[-1])
        if package is None or package.state != "active":
            raise tk.ValidationError({"enlace": [_("Conjunto de datos desconocido")]})
        return f"/dataset/{package.name}"
    resource = model.Resource.get(documentos.resource_id(enlace))
    if resource is None or resource.state != "active":
        raise tk.ValidationError({"enlace": [
            _("Documento desconocido: súbalo al portal como recurso e indique su "
              "identificador")]})
    return documentos.page_link({"package_id": resource.package_id, "id": resource.id})


def _checked_with_document(schema_fn: Any, data_dict: DataDict, context: Context
                           ) -> tuple[dict[str, Any], dict[str, list[str]],
                                      documentos.Documento | None]:
    """The call's fields checked against ``schema_fn()`` and its file (``upload``), if
    any, read and checked: (values, every mistake by field, the document)."""
    fields = {k: v for k, v in data_dict.items() if k != documentos.FIELD}
    data, found = tk.navl_validate(fields, schema_fn(), context)
    errors = {key: list(messages) for key, messages in found.items() if messages}
    documento = None
    if documentos.given(data_dict):
        try:
            documento = documentos.read(data_dict[documentos.FIELD])
        except tk.ValidationError as error:
            errors.update(error.error_dict)
    return data, errors, documento


def _link_or_file(errors: dict[str, list[str]], data_dict: DataDict, enlace: str | None,
                  missing: str) -> None:
    """A document is either uploaded or named, not both and not neither."""
    if documentos.given(data_dict):
        if enlace:
            errors.setdefault("enlace", []).append(
                _("Suba un archivo o indique un documento ya publicado, no ambos"))
    elif not enlace and "enlace" not in errors:
        errors["enlace"] = [missing]


@contextlib.contextmanager
def _kept_only_if_saved(resource: dict[str, Any] | None) -> Iterator[None]:
    """Commit what the block adds; if anything fails, roll back and take the document
    uploaded for it off the portal: nothing is left half-written."""
    try:
        yield
        model.Session.commit()
    except Exception:
        model.Session.rollback()
        if resource is not None:
            documentos.remove(resource["id"])
        raise


def grll_ogp_evidence_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Link evidence to a milestone (the commitment's lead).

    :param hito_id: the milestone; :param tipo: dataset, pagina or documento;
    :param titulo: what it is; :param enlace: the dataset's name, the page's path
        (``/agua``) or the resource id of a document already on the portal
    :param upload: for tipo documento, the document itself instead of ``enlace``
        (multipart/form-data, as resource_create's ``upload``): PDF, ODT, ODS, DOCX,
        XLSX, CSV, PNG or JPEG up to ``ckanext.grll.ogp.max_document_mb``; it becomes a
        resource of the plan's dataset
    """
    tk.check_access("grll_ogp_evidence_create", context, data_dict)
    data, errors, documento = _checked_with_document(schema.evidence_create, data_dict,
                                                     context)
    es_documento = data.get("tipo") == "documento"
    if documentos.given(data_dict) and not es_documento and "tipo" not in errors:
        errors.setdefault(documentos.FIELD, []).append(
            _("Solo una evidencia de tipo documento lleva un archivo"))
    _link_or_file(errors, data_dict, data.get("enlace"),
                  _("Suba el documento o indique el identificador de uno ya publicado")
                  if es_documento else
                  _("Indique el conjunto de datos, la página o el documento"))
    hito = get(Hito, data.get("hito_id"))
    if hito is None and "hito_id" not in errors:
        errors["hito_id"] = [_("Hito desconocido")]
    enlace = data.get("enlace")
    if enlace and not errors.get("enlace") and not errors.get("tipo"):
        try:
            enlace = _evidence_link(data["tipo"], enlace)
        except tk.ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise tk.ValidationError(errors)
    resource, cambio = None, f"evidencia del hito {hito.orden} añadida"
    if documento is not None:
        numero = get(Compromiso, hito.compromiso_id).numero
        resource = documentos.create(
            context, documento,
            f"Evidencia del hito {hito.orden} del compromiso {numero}: {data['titulo']}",
            hito.descripcion)
        enlace = documentos.page_link(resource)
        cambio += f": documento {documentos.stored_name(resource)} subido"
    with _kept_only_if_saved(resource):
        row = Evidencia(hito_id=hito.id, tipo=data["tipo"], titulo=data["titulo"],
                        enlace=enlace, autor_id=_user_id(context))
        model.Session.add(row)
    _done(context, cambio, hito.compromiso_id)
    return plan.evidence_dict(row)


def grll_ogp_assessment_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record a quarterly assessment: a self-assessment (the lead) or an independent
    one (the secretariat records it, naming the body). One per kind and quarter; kept.

    :param numero, trimestre (AAAA-Tn), avance, texto; :param tipo: autoevaluacion
        (default) or independiente; :param organismo: required when independiente
    """
    tk.check_access("grll_ogp_assessment_create", context, data_dict)
    data = validated(schema.assessment_create, data_dict, context)
    compromiso = _commitment(data["numero"])
    if data["tipo"] == "independiente" and not data.get("organismo"):
        raise tk.ValidationError({"organismo": [_("Indique el organismo que evaluó")]})
    if model.Session.query(Evaluacion).filter(
            Evaluacion.compromiso_id == compromiso.id, Evaluacion.tipo == data["tipo"],
            Evaluacion.trimestre == data["trimestre"]).count():
        raise tk.ValidationError({"trimestre": [
            _("Ese trimestre ya tiene su evaluación; se conserva como historia")]})
    row = Evaluacion(compromiso_id=compromiso.id, tipo=data["tipo"],
                     trimestre=data["trimestre"], avance=data["avance"], texto=data["texto"],
                     organismo=data.get("organismo", ""), enlace=data.get("enlace", ""),
                     autor_id=_user_id(context))
    model.Session.add(row)
    _done(context, f"{row.tipo} {row.trimestre} del compromiso {compromiso.numero}",
          compromiso.id)
    return plan.assessment_dict(row)


def grll_ogp_assessment_comment(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The committee's comment on a self-assessment (civil-society members).

    :param id: the assessment; :param comentario: the comment
    """
    tk.check_access("grll_ogp_assessment_comment", context, data_dict)
    data = validated(schema.assessment_comment, data_dict, context)
    row = _found(Evaluacion, data["id"], "id", _("Evaluación desconocida"))
    if row.tipo != "autoevaluacion":
        raise tk.ValidationError({"id": [_("El comité comenta las autoevaluaciones")]})
    row.comentario_comite = data["comentario"]
    row.comentario_autor_id = _user_id(context)
    row.comentario_en = datetime.datetime.utcnow()
    _done(context, f"comentario del comité a la autoevaluación {row.trimestre}",
          row.compromiso_id)
    return plan.assessment_dict(row)


# --- the committee (secretariat) ----------------------------------------------------
def grll_ogp_member_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Add a member of the committee.

    :param nombre, sector (funcionario or sociedad_civil), organizacion, rol;
    :param usuario: optional portal account (lets a civil-society member comment)
    """
    tk.check_access("grll_ogp_member_create", context, data_dict)
    data = validated(schema.member_create, data_dict, context)
    row = Miembro(nombre=data["nombre"], sector=data["sector"],
                  organizacion=data["organizacion"], rol=data["rol"],
                  user_id=data.get("usuario"))
    model.Session.add(row)
    _done(context, f"miembro del comité: {row.nombre}")
    return {"id": row.id, "nombre": row.nombre, "sector": row.sector,
            "organizacion": row.organizacion, "rol": row.rol}


def grll_ogp_session_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record a session of the committee.

    :param fecha, agenda; :param acta: the resource id of minutes already on the portal
        (optional); :param upload: the minutes themselves instead (multipart/form-data,
        as resource_create's ``upload``; the types and size of the evidence's documents),
        stored as a resource of the plan's dataset
    """
    tk.check_access("grll_ogp_session_create", context, data_dict)
    data, errors, documento = _checked_with_document(schema.session_create, data_dict,
                                                     context)
    acta = data.get("acta") or ""
    if documentos.given(data_dict) and acta:
        errors.setdefault("acta", []).append(
            _("Suba un archivo o indique un documento ya publicado, no ambos"))
    elif acta and "acta" not in errors:
        try:
            acta = _evidence_link("documento", acta)
        except tk.ValidationError as error:
            errors["acta"] = error.error_dict["enlace"]
    if errors:
        raise tk.ValidationError(errors)
    fecha, resource = _date(data["fecha"]), None
    cambio = f"sesión del comité del {fecha.isoformat()}"
    if documento is not None:
        resource = documentos.create(
            context, documento, f"Acta de la sesión del comité del {fecha.isoformat()}",
            data["agenda"])
        acta = documentos.page_link(resource)
        cambio += f": acta {documentos.stored_name(resource)} subida"
    with _kept_only_if_saved(resource):
        row = Sesion(fecha=fecha, agenda=data["agenda"], acta=acta)
        model.Session.add(row)
    _done(context, cambio)
    return plan.session_dict(row)


def grll_ogp_agreement_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record an agreement of a session, optionally about a milestone.

    :param sesion_id, texto; :param hito_id: optional
    """
    tk.check_access("grll_ogp_agreement_create", context, data_dict)
    data = validated(schema.agreement_create, data_dict, context)
    sesion = _found(Sesion, data["sesion_id"], "sesion_id", _("Sesión desconocida"))
    hito = (_found(Hito, data["hito_id"], "hito_id", _("Hito desconocido"))
            if data.get("hito_id") else None)
    row = Acuerdo(sesion_id=sesion.id, texto=data["texto"], hito_id=hito.id if hito else None)
    model.Session.add(row)
    _done(context, f"acuerdo de la sesión del {sesion.fecha.isoformat()}")
    return {"id": row.id, "texto": row.texto, "hito_id": row.hito_id}


# --- citizens -----------------------------------------------------------------------
def grll_ogp_comment_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A citizen's comment on a commitment or one of its milestones; it is public once
    the secretariat approves it.

    :param numero; :param texto; :param hito_id: optional
    """
    tk.check_access("grll_ogp_comment_create", context, data_dict)
    data = validated(schema.comment_create, data_dict, context)
    compromiso = _commitment(data["numero"])
    hito = None
    if data.get("hito_id"):
        hito = _found(Hito, data["hito_id"], "hito_id", _("Hito desconocido"))
        if hito.compromiso_id != compromiso.id:
            raise tk.ValidationError({"hito_id": [_("El hito es de otro compromiso")]})
    row = Comentario(compromiso_id=compromiso.id, hito_id=hito.id if hito else None,
                     user_id=_user_id(context), texto=data["texto"])
    model.Session.add(row)
    model.Session.commit()
    return {"id": row.id, "estado": row.estado}


def _comment_dict(row: Comentario) -> dict[str, Any]:
    """A comment as its readers see it: an approved one is public, so any personal data
    left in it is masked; the moderators of a pending one are told what it holds."""
    user = model.User.get(row.user_id)
    public = row.estado == "aprobado"
    result = {"id": row.id, "hito_id": row.hito_id, "estado": row.estado,
              "texto": mask_personal_data(row.texto) if public else row.texto,
              "autor": (user.fullname or user.name) if user else "",
              "fecha": row.created.date().isoformat()}
    if not public:
        result["datos_personales"] = sorted(
            PERSONAL_DATA_LABELS[kind] for kind in personal_data_kinds(row.texto))
    return result


@tk.side_effect_free
def grll_ogp_comment_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Approved comments of a commitment; the secretariat may ask for ``estado=pendiente``.

    :param numero: optional; :param estado: aprobado (default), pendiente or rechazado
    """
    tk.check_access("grll_ogp_comment_list", context, data_dict)
    data = validated(schema.comment_list, data_dict, context)
    wanted = data.get("estado") or "aprobado"
    if wanted != "aprobado":
        tk.check_access("grll_ogp_comment_moderate", context, {})
    query = model.Session.query(Comentario).filter(Comentario.estado == wanted)
    if data.get("numero"):
        query = query.filter(Comentario.compromiso_id == _commitment(data["numero"]).id)
    return {"results": [_comment_dict(r) for r in
                        query.order_by(Comentario.created.desc()).limit(200)]}


def grll_ogp_comment_moderate(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Approve or reject a citizen's comment (the secretariat).

    :param id; :param estado: aprobado or rechazado
    """
    tk.check_access("grll_ogp_comment_moderate", context, data_dict)
    data = validated(schema.comment_moderate, data_dict, context)
    row = _found(Comentario, data["id"], "id", _("Comentario desconocido"))
    row.estado, row.moderador_id = data["estado"], _user_id(context)
    model.Session.commit()
    return _comment_dict(row)


def grll_ogp_commitment_follow(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Follow (or stop following) a commitment by e-mail, with one's account.

    :param numero; :param seguir: true (default) or false
    """
    tk.check_access("grll_ogp_commitment_follow", context, data_dict)
    data = validated(schema.follow, data_dict, context)
    compromiso, user_id = _commitment(data["numero"]), _user_id(context)
    current = model.Session.get(Seguimiento, (compromiso.id, user_id))
    if data["seguir"] and current is None:
        model.Session.add(Seguimiento(compromiso_id=compromiso.id, user_id=user_id))
    elif not data["seguir"] and current is not None:
        model.Session.delete(current)
    model.Session.commit()
    return {"numero": compromiso.numero, "siguiendo": data["seguir"]}


def grll_ogp_plan_publish(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Snapshot the indicators and rewrite the plan's open data (sysadmins; the
    periodic task calls :func:`publicacion.publish` itself)."""
    tk.check_access("grll_ogp_plan_publish", context, data_dict)
    return {"publicado": publicacion.publish(_user_id(context), "publicación del plan")}


def get_actions() -> dict[str, Any]:
    return {name: value for name, value in globals().items()
            if name.startswith("grll_ogp_") and callable(value)}
