"""The ``grll_laboral_*`` actions: job offers, profiles, registries and follows.

Each action checks access first, validates, and commits (through the module it calls).
"""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll.domains.laboral import config, ofertas, perfiles, validation
from ckanext.grll.domains.laboral.model import Oferta, Perfil


def _user_id(context: Context) -> str:
    user = context.get("auth_user_obj")
    if user is None and context.get("user"):
        user = model.User.get(context["user"])
    return user.id if user else ""


def grll_laboral_offer_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish a job offer (employers only).

    :param puesto, ocupacion (one of the portal's list), empresa, ruc (checked with SUNAT's
        check digit), ubigeo (district of La Libertad), vacantes, remuneracion (S/ per
        month; at least the RMV for full time), tipo_contrato, jornada, nivel_educativo,
        experiencia_meses, fecha_cierre (YYYY-MM-DD, not past), como_postular, descripcion
    :returns: the offer as published (also a row of the open dataset)
    """
    tk.check_access("grll_laboral_offer_create", context, data_dict)
    record = validation.clean_offer(data_dict, ofertas.today())
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
    return ofertas.search(validation.search_filters(data_dict))


def grll_laboral_offer_expire(context: Context, data_dict: DataDict) -> dict[str, int]:
    """Bring offers up to date (sysadmins; also ``ckan grll laboral actualizar``): copy
    newly harvested offers in and mark closed ones ``vencida`` in the open dataset.

    :returns: ``{nuevas_cosechadas, vencidas}``
    """
    tk.check_access("grll_laboral_offer_expire", context, data_dict)
    return ofertas.update()


def grll_laboral_profile_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish an anonymous availability profile (no account needed).

    :param ocupacion, ubigeo, experiencia_meses, nivel_educativo: public
    :param nombre, email, telefono: private; given to an employer only if you accept
    :returns: the public profile (the management link goes to ``email``)
    """
    tk.check_access("grll_laboral_profile_create", context, data_dict)
    record = perfiles.clean_profile(data_dict)
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
    return perfiles.search(validation.search_filters(data_dict), config.page_size())


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
    errors = validation.Errors()
    mensaje = validation.text(data_dict, "mensaje", errors)
    codigo_oferta = str(data_dict.get("codigo_oferta") or "").strip() or None
    if codigo_oferta and ofertas.get(codigo_oferta) is None:
        errors.add("codigo_oferta", _("No existe una oferta con ese código"))
    if errors:
        raise tk.ValidationError(dict(errors))
    employer = model.User.get(context["user"])
    contacto = perfiles.request_contact(perfil, employer, mensaje, codigo_oferta)
    return perfiles.contact_dict(contacto)


def grll_laboral_contact_respond(context: Context, data_dict: DataDict) -> dict[str, str]:
    """The seeker accepts or declines a request (with the link's token).

    :param token: the secret of the request, from the e-mail
    :param respuesta: ``aceptar`` or ``rechazar``
    """
    tk.check_access("grll_laboral_contact_respond", context, data_dict)
    contacto = perfiles.contact_by_token(str(data_dict.get("token") or ""))
    if contacto is None:
        raise tk.ObjectNotFound(_("El enlace no es válido"))
    respuesta = data_dict.get("respuesta")
    if respuesta not in ("aceptar", "rechazar"):
        raise tk.ValidationError({"respuesta": [_("Responda «aceptar» o «rechazar»")]})
    contacto = perfiles.respond(contacto, respuesta == "aceptar")
    return {"estado": contacto.estado}


@tk.side_effect_free
def grll_laboral_contact_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Your contact requests (employers), with the seeker's contact data once accepted."""
    tk.check_access("grll_laboral_contact_list", context, data_dict)
    return perfiles.contacts_of(_user_id(context))


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
    }
