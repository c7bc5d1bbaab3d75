"""The ``grll_laboral_*`` actions: job offers, profiles, registries and follows.

Each action checks access first, validates, and commits (through the module it calls).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict, Schema

from ckanext.grll.domains.laboral import (
    catalogos,
    config,
    ofertas,
    perfiles,
    registros,
    seguimientos,
)
from ckanext.grll.domains.laboral.logic import schema
from ckanext.grll.domains.laboral.model import Oferta, Perfil
from ckanext.grll.feedback.shared import client_key, pseudonym, rate_allowed
from ckanext.grll.validators import validated


def _user_id(context: Context) -> str:
    user = context.get("auth_user_obj")
    if user is None and context.get("user"):
        user = model.User.get(context["user"])
    return user.id if user else ""


def _checked(schema_of: Callable[[], Schema], data_dict: DataDict,
             context: Context) -> dict[str, Any]:
    """The fields of ``schema_of()`` checked and converted (what else was sent is
    dropped), or a ValidationError naming every wrong field."""
    data = validated(schema_of, data_dict, context)
    data.pop("__extras", None)
    return data


def _throttle(bucket: str, context: Context) -> None:
    """Refuse an e-mail-sending request over the hourly limit: per account when logged
    in, else per client address (which neighbours behind a carrier NAT share)."""
    who = pseudonym("user:" + context["user"]) if context.get("user") else client_key()
    if who and not rate_allowed(f"laboral-{bucket}", who, config.rate_limit_per_hour()):
        raise tk.ValidationError({"limite": [_("Demasiados envíos desde su conexión; "
                                               "intente de nuevo en una hora")]})


def grll_laboral_offer_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish a job offer (employers only).

    :param puesto, ocupacion (one of the portal's list), empresa, ruc (checked with SUNAT's
        check digit), ubigeo (district of La Libertad), vacantes, remuneracion (S/ per
        month; at least the RMV for full time), tipo_contrato, jornada, nivel_educativo,
        experiencia_meses, fecha_cierre (YYYY-MM-DD, not past), como_postular, descripcion
    :returns: the offer as published (also a row of the open dataset)
    """
    tk.check_access("grll_laboral_offer_create", context, data_dict)
    record = _checked(schema.offer_create, data_dict, context)
    return ofertas.offer_dict(ofertas.create(record, _user_id(context)))


@tk.side_effect_free
def grll_laboral_offer_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One offer, open or closed (``estado`` says which).

    :param codigo_oferta: the offer's code
    """
    tk.check_access("grll_laboral_offer_show", context, data_dict)
    oferta = _offer(data_dict)
    return ofertas.offer_dict(oferta)


def _offer(data_dict: DataDict) -> Oferta:
    code = str(data_dict.get("codigo_oferta") or data_dict.get("id") or "")
    oferta = ofertas.get(code) if code else None
    if oferta is None:
        raise tk.ObjectNotFound(_("No existe una oferta con ese código"))
    return oferta


@tk.side_effect_free
def grll_laboral_offer_search(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Open offers (closing date today or later), newest first.

    :param ocupacion: exact occupation (optional)
    :param ubigeo: district ubigeo (optional)
    :param remuneracion_min: minimum monthly salary in soles (optional)
    :param q: text in the job title, company or occupation (optional)
    :param page: page number, from 1
    :returns: ``{count, page, page_size, results}``
    """
    tk.check_access("grll_laboral_offer_search", context, data_dict)
    return ofertas.search(_checked(schema.search, data_dict, context))


def grll_laboral_offer_expire(context: Context, data_dict: DataDict) -> dict[str, int]:
    """Mark closed offers ``vencida`` in the open dataset (sysadmins; also the periodic
    task and ``ckan grll laboral actualizar``).

    :returns: ``{nuevas_cosechadas, vencidas}``; ``nuevas_cosechadas`` is always 0 and
        stays for the clients that read it: harvested offers now join when their
        harvest is imported.
    """
    tk.check_access("grll_laboral_offer_expire", context, data_dict)
    return {"nuevas_cosechadas": 0, "vencidas": ofertas.expire()}


def grll_laboral_profile_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish an anonymous availability profile (no account needed).

    :param ocupacion, ubigeo, experiencia_meses, nivel_educativo: public
    :param nombre, email, telefono: private; given to an employer only if you accept
    :returns: the public profile (the management link goes to ``email``)
    """
    tk.check_access("grll_laboral_profile_create", context, data_dict)
    record = _checked(schema.profile_create, data_dict, context)
    _throttle("perfil", context)
    return perfiles.public_profile(perfiles.create(record, _user_id(context) or None))


@tk.side_effect_free
def grll_laboral_profile_search(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Available profiles, without personal data.

    :param ocupacion: exact occupation (optional)
    :param ubigeo: district ubigeo (optional)
    :param page: page number, from 1
    :returns: ``{count, page, page_size, results}``
    """
    tk.check_access("grll_laboral_profile_search", context, data_dict)
    return perfiles.search(_checked(schema.search, data_dict, context), config.page_size())


@tk.side_effect_free
def grll_laboral_profile_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One profile's public view.

    :param codigo: the profile's code (P-...)
    """
    tk.check_access("grll_laboral_profile_show", context, data_dict)
    return perfiles.public_profile(_profile(data_dict))


def _profile(data_dict: DataDict) -> Perfil:
    perfil = perfiles.by_code(str(data_dict.get("codigo") or ""))
    if perfil is None:
        raise tk.ObjectNotFound(_("No existe un perfil con ese código"))
    return perfil


def grll_laboral_contact_request(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Ask to contact a profile (employers). The seeker is e-mailed and decides.

    :param codigo: the profile's code
    :param mensaje: what you offer (sent to the seeker)
    :param codigo_oferta: one of your offers (optional)
    :returns: the request, without contact data until the seeker accepts
    """
    tk.check_access("grll_laboral_contact_request", context, data_dict)
    perfil = _profile(data_dict)
    pedido = _checked(schema.contact_request, data_dict, context)
    employer = model.User.get(context["user"])
    contacto = perfiles.request_contact(perfil, employer, pedido["mensaje"],
                                        pedido["codigo_oferta"])
    return perfiles.contact_dict(contacto)


def grll_laboral_contact_respond(context: Context, data_dict: DataDict) -> dict[str, str]:
    """The seeker accepts or declines a request: with the link's token, or logged in
    as the account that published the profile, with the request's id.

    :param token: the secret of the request, from the e-mail
    :param id: the request's id (seekers logged in; see grll_laboral_profile_requests)
    :param respuesta: ``aceptar`` or ``rechazar``
    """
    tk.check_access("grll_laboral_contact_respond", context, data_dict)
    if data_dict.get("token"):
        contacto = perfiles.contact_by_token(str(data_dict["token"]))
    else:
        contacto = perfiles.contact_of_owner(str(data_dict.get("id") or ""),
                                             _user_id(context))
    if contacto is None:
        raise tk.ObjectNotFound(_("El enlace no es válido"))
    respuesta = _checked(schema.contact_respond, data_dict, context)["respuesta"]
    contacto = perfiles.respond(contacto, respuesta == "aceptar")
    return {"estado": contacto.estado}


@tk.side_effect_free
def grll_laboral_profile_requests(context: Context,
                                  data_dict: DataDict) -> list[dict[str, Any]]:
    """Your own profiles (logged-in seekers) with the requests each received.

    :returns: ``[{perfil, pedidos: [{id, empresa, mensaje, estado, creado}]}]``
    """
    tk.check_access("grll_laboral_profile_requests", context, data_dict)
    return perfiles.profiles_of(_user_id(context))


@tk.side_effect_free
def grll_laboral_contact_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Your contact requests (employers), with the seeker's contact data once accepted."""
    tk.check_access("grll_laboral_contact_list", context, data_dict)
    return perfiles.contacts_of(_user_id(context))


def _registry_page(registro: registros.Registro, data_dict: DataDict, context: Context,
                   filters: tuple[str, ...]) -> dict[str, Any]:
    chosen = _checked(schema.registry_search(filters), data_dict, context)
    page, q = chosen.pop("page"), chosen.pop("q")
    size = config.page_size()
    found = registros.rows(registro, chosen, q=q, limit=size, offset=(page - 1) * size)
    return {**found, "page": page, "page_size": size}


@tk.side_effect_free
def grll_laboral_union_search(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Registered unions. :param q: text; :param ubigeo, estado, tipo_organizacion: exact;
    :param page: from 1. :returns: ``{count, page, page_size, results}``"""
    tk.check_access("grll_laboral_union_search", context, data_dict)
    return _registry_page(registros.SINDICATOS, data_dict, context,
                          ("ubigeo", "estado", "tipo_organizacion"))


@tk.side_effect_free
def grll_laboral_union_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One union with its collective bargaining processes and its board's term
    (``junta_directiva_fin``, ``junta_directiva_vigente``).

    :param numero_registro: the union's registration number
    """
    tk.check_access("grll_laboral_union_show", context, data_dict)
    numero = str(data_dict.get("numero_registro") or "")
    union = registros.union_view(registros.get(registros.SINDICATOS, numero), ofertas.today())
    union["negociaciones"] = registros.rows(
        registros.NEGOCIACIONES, {"numero_registro_sindical": numero})["results"]
    return union


def grll_laboral_union_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Correct a union's entry (stewards of the labour authority); followers are e-mailed.

    :param numero_registro: the union; :param empleador, ruc_empleador (SUNAT check
        digit), federacion (optional), afiliados, estado (Vigente, Cancelado),
        junta_directiva_inicio (YYYY-MM-DD, not future), junta_directiva_mandato_anios (1-5)
    :returns: the union as grll_laboral_union_show gives it
    """
    tk.check_access("grll_laboral_union_update", context, data_dict)
    numero = str(data_dict.get("numero_registro") or "")
    union = registros.get(registros.SINDICATOS, numero)
    row = registros.update_union(union, _checked(schema.union_update, data_dict, context))
    seguimientos.notify(
        [("sindicato", numero)],
        _("Registro sindical {numero}: datos actualizados").format(numero=numero),
        [_("La Gerencia Regional de Trabajo actualizó el registro de {sindicato}.").format(
            sindicato=row["sindicato"])],
        tk.h.url_for("grll_laboral.sindicato", numero=numero))
    return tk.get_action("grll_laboral_union_show")(
        {"user": context.get("user")}, {"numero_registro": numero})


@tk.side_effect_free
def grll_laboral_bargaining_search(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Collective bargaining processes. :param q: text; :param etapa_actual, ubigeo,
    numero_registro_sindical: exact; :param page: from 1."""
    tk.check_access("grll_laboral_bargaining_search", context, data_dict)
    return _registry_page(registros.NEGOCIACIONES, data_dict, context,
                          ("etapa_actual", "ubigeo", "numero_registro_sindical"))


@tk.side_effect_free
def grll_laboral_bargaining_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One process with its public timeline and the stages it may move to.

    :param expediente: the process's file number
    """
    tk.check_access("grll_laboral_bargaining_show", context, data_dict)
    expediente = str(data_dict.get("expediente") or "")
    row = registros.get(registros.NEGOCIACIONES, expediente)
    current = registros.current_stage(row)
    return {**row, "etapa": current.code, "etapa_nombre": current.name,
            "linea_de_tiempo": registros.timeline(expediente),
            "etapas_siguientes": [{"code": c, "name": registros.ETAPA[c].name}
                                  for c in registros.SIGUIENTES[current.code]]}


def grll_laboral_bargaining_stage_update(context: Context,
                                         data_dict: DataDict) -> dict[str, Any]:
    """Record a stage change (stewards of the labour authority); followers of the process
    and of its union are e-mailed.

    :param expediente: the process; :param etapa: next stage code (see
        ``etapas_siguientes`` of grll_laboral_bargaining_show); :param fecha: YYYY-MM-DD;
    :param nota: public note (optional); :param incremento: S/ per day (convenio, laudo)
    """
    tk.check_access("grll_laboral_bargaining_stage_update", context, data_dict)
    expediente = str(data_dict.get("expediente") or "")
    process = registros.get(registros.NEGOCIACIONES, expediente)
    history = registros.timeline(expediente)
    change = _checked(schema.stage_change(registros.current_stage(process),
                                          history[-1]["fecha"] if history else None),
                      data_dict, context)
    row = registros.change_stage(process, history, change)
    etapa = registros.ETAPA_BY_LABEL[row["etapa_actual"]]
    seguimientos.notify(
        [("negociacion", expediente), ("sindicato", row.get("numero_registro_sindical"))],
        _("Negociación colectiva {exp}: {etapa}").format(exp=expediente, etapa=etapa.name),
        [_("La negociación de {sindicato} con {empleador} pasó a la etapa «{etapa}» el "
           "{fecha}.").format(sindicato=row["sindicato"], empleador=row["empleador"],
                             etapa=etapa.name, fecha=change["fecha"]),
         *([change["nota"]] if change["nota"] else [])],
        tk.h.url_for("grll_laboral.negociacion", expediente=expediente))
    return tk.get_action("grll_laboral_bargaining_show")(
        {"user": context.get("user")}, {"expediente": expediente})


@tk.side_effect_free
def grll_laboral_conflict_search(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Labour conflicts. :param q: text; :param estado (activo, latente, resuelto), tipo,
    ubigeo: exact; :param page: from 1."""
    tk.check_access("grll_laboral_conflict_search", context, data_dict)
    return _registry_page(registros.CONFLICTOS, data_dict, context,
                          ("estado", "tipo", "ubigeo"))


@tk.side_effect_free
def grll_laboral_conflict_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One conflict. :param codigo: its code (CL-...)"""
    tk.check_access("grll_laboral_conflict_show", context, data_dict)
    return registros.get(registros.CONFLICTOS, str(data_dict.get("codigo") or ""))


def grll_laboral_conflict_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Register a conflict (stewards). :param tipo, partes, actividad_economica, ubigeo,
    fecha_inicio, estado, trabajadores_involucrados, horas_hombre_perdidas, descripcion"""
    tk.check_access("grll_laboral_conflict_create", context, data_dict)
    return registros.save_conflict(_checked(schema.conflict_create, data_dict, context),
                                   None)


def grll_laboral_conflict_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Update a conflict's state and figures (stewards); followers are e-mailed.

    :param codigo; :param estado; :param trabajadores_involucrados;
    :param horas_hombre_perdidas; :param descripcion
    """
    tk.check_access("grll_laboral_conflict_update", context, data_dict)
    codigo = str(data_dict.get("codigo") or "")
    existing = registros.get(registros.CONFLICTOS, codigo)
    row = registros.save_conflict(_checked(schema.conflict_update, data_dict, context),
                                  existing)
    seguimientos.notify(
        [("conflicto", codigo)],
        _("Conflicto laboral {codigo}: {estado}").format(codigo=codigo, estado=row["estado"]),
        [_("{partes}: estado «{estado}», {n} trabajadores involucrados, {h} horas-hombre "
           "perdidas.").format(partes=row["partes"], estado=row["estado"],
                              n=row["trabajadores_involucrados"],
                              h=row["horas_hombre_perdidas"]),
         *([row["descripcion"]] if row.get("descripcion") else [])],
        tk.h.url_for("grll_laboral.conflicto", codigo=codigo))
    return row


def grll_laboral_follow(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Follow a union, a process or a conflict and get an e-mail on every change.

    :param tipo: ``sindicato``, ``negociacion`` or ``conflicto``
    :param clave: its registration number, file number or code
    :param email: needed without an account (a confirmation link is sent)
    :returns: ``{tipo, clave, confirmado}``
    """
    tk.check_access("grll_laboral_follow", context, data_dict)
    wanted = _checked(schema.follow, data_dict, context)
    tipo, clave = wanted["tipo"], wanted["clave"]
    registro = registros.REGISTROS[tipo]
    row = registros.get(registro, clave)
    user = model.User.get(context["user"]) if context.get("user") else None
    if user is None:
        _throttle("seguir", context)
    seguimiento = seguimientos.follow(tipo, clave, user, data_dict.get("email"),
                                      str(row.get(registro.title) or clave))
    return {"tipo": tipo, "clave": clave, "confirmado": seguimiento.confirmado}


def grll_laboral_unfollow(context: Context, data_dict: DataDict) -> dict[str, bool]:
    """Stop following. :param token: from the link in every notice"""
    tk.check_access("grll_laboral_unfollow", context, data_dict)
    seguimiento = seguimientos.by_token(str(data_dict.get("token") or ""))
    if seguimiento is None:
        raise tk.ObjectNotFound(_("El enlace no es válido"))
    seguimientos.unfollow(seguimiento)
    return {"siguiendo": False}


@tk.side_effect_free
def grll_laboral_course_search(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Training courses not yet finished, soonest first.

    :param ocupacion: exact occupation (optional); :param ubigeo: district (optional)
    :returns: ``{count, results}``
    """
    tk.check_access("grll_laboral_course_search", context, data_dict)
    filters = _checked(schema.search, data_dict, context)
    results = catalogos.search_courses(filters, ofertas.today())
    return {"count": len(results), "results": results}


def grll_laboral_course_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Add a course to the training catalogue (stewards of the labour authority).

    :param entidad, curso, ocupacion, modalidad (Presencial, Virtual, Semipresencial),
        ubigeo, fecha_inicio, fecha_fin, horas, vacantes, requisitos, inscripcion
    """
    tk.check_access("grll_laboral_course_create", context, data_dict)
    return catalogos.create_course(_checked(schema.course_create, data_dict, context))


@tk.side_effect_free
def grll_laboral_procedure_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Stage and dates of an administrative procedure.

    :param expediente: the file number (spaces and case are ignored)
    """
    tk.check_access("grll_laboral_procedure_show", context, data_dict)
    found = catalogos.find_procedure(str(data_dict.get("expediente") or ""))
    if found is None:
        raise tk.ObjectNotFound(_("No encontramos ese expediente"))
    return found


def grll_laboral_procedure_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Create or update a procedure's stage (stewards).

    :param expediente, procedimiento, etapa, fecha_presentacion, fecha_actualizacion,
        dependencia, nota
    """
    tk.check_access("grll_laboral_procedure_update", context, data_dict)
    return catalogos.save_procedure(_checked(schema.procedure_update, data_dict, context))


def get_actions() -> dict[str, object]:
    return {
        "grll_laboral_offer_create": grll_laboral_offer_create,
        "grll_laboral_offer_show": grll_laboral_offer_show,
        "grll_laboral_offer_search": grll_laboral_offer_search,
        "grll_laboral_offer_expire": grll_laboral_offer_expire,
        "grll_laboral_profile_create": grll_laboral_profile_create,
        "grll_laboral_profile_search": grll_laboral_profile_search,
        "grll_laboral_profile_show": grll_laboral_profile_show,
        "grll_laboral_contact_request": grll_laboral_contact_request,
        "grll_laboral_contact_respond": grll_laboral_contact_respond,
        "grll_laboral_contact_list": grll_laboral_contact_list,
        "grll_laboral_profile_requests": grll_laboral_profile_requests,
        "grll_laboral_union_search": grll_laboral_union_search,
        "grll_laboral_union_show": grll_laboral_union_show,
        "grll_laboral_union_update": grll_laboral_union_update,
        "grll_laboral_bargaining_search": grll_laboral_bargaining_search,
        "grll_laboral_bargaining_show": grll_laboral_bargaining_show,
        "grll_laboral_bargaining_stage_update": grll_laboral_bargaining_stage_update,
        "grll_laboral_conflict_search": grll_laboral_conflict_search,
        "grll_laboral_conflict_show": grll_laboral_conflict_show,
        "grll_laboral_conflict_create": grll_laboral_conflict_create,
        "grll_laboral_conflict_update": grll_laboral_conflict_update,
        "grll_laboral_follow": grll_laboral_follow,
        "grll_laboral_unfollow": grll_laboral_unfollow,
        "grll_laboral_course_search": grll_laboral_course_search,
        "grll_laboral_course_create": grll_laboral_course_create,
        "grll_laboral_procedure_show": grll_laboral_procedure_show,
        "grll_laboral_procedure_update": grll_laboral_procedure_update,
    }
