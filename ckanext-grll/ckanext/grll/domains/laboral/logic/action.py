"""The ``grll_laboral_*`` actions: job offers, profiles, registries and follows.

Each action checks access first, validates, and commits (through the module it calls).
"""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll.domains.laboral import ofertas, validation
from ckanext.grll.domains.laboral.model import Oferta


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


def get_actions() -> dict[str, object]:
    return {
        "grll_laboral_offer_create": grll_laboral_offer_create,
        "grll_laboral_offer_show": grll_laboral_offer_show,
        "grll_laboral_offer_search": grll_laboral_offer_search,
        "grll_laboral_offer_expire": grll_laboral_offer_expire,
    }
