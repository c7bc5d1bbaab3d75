"""Pages of the Sistema de Información Laboral under /empleo (blueprint ``grll_laboral``)."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from flask import Blueprint, request

from ckanext.grll import reference
from ckanext.grll.domains.laboral import config, empleadores, perfiles, validation
from ckanext.grll.domains.laboral.mapping import JORNADAS, NIVELES_EDUCATIVOS, TIPOS_CONTRATO
from ckanext.grll.domains.laboral.model import Perfil

grll_laboral = Blueprint("grll_laboral", __name__, url_prefix="/empleo")


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _form_choices() -> dict[str, Any]:
    return {"ocupaciones": validation.ocupaciones(), "distritos": distrito_choices(),
            "tipos_contrato": validation.choices(TIPOS_CONTRATO),
            "jornadas": validation.choices(JORNADAS),
            "niveles": validation.choices(NIVELES_EDUCATIVOS)}


def distrito_choices() -> list[tuple[str, str]]:
    """Districts of La Libertad for select lists: "Distrito (Provincia)", by name."""
    return sorted(((d.ubigeo, f"{d.nombre} ({d.provincia})")
                   for d in reference.distritos().values()), key=lambda item: item[1])


@grll_laboral.route("")
def index() -> str:
    return tk.render("grll/laboral/index.html", {})


@grll_laboral.route("/ofertas")
def ofertas() -> str:
    params = {k: v for k, v in request.args.items()
              if k in ("ocupacion", "ubigeo", "remuneracion_min", "q", "page") and v}
    errors: dict[str, Any] = {}
    try:
        result = tk.get_action("grll_laboral_offer_search")(_context(), params)
    except tk.ValidationError as error:
        errors = error.error_dict
        result = {"count": 0, "page": 1, "page_size": config.page_size(), "results": []}
    return tk.render("grll/laboral/ofertas.html", {
        "params": params, "result": result, "errors": errors,
        "pages": page_links("grll_laboral.ofertas", params, result), **_form_choices()})


def page_links(endpoint: str, params: dict[str, Any],
               result: dict[str, Any]) -> list[tuple[int, str]]:
    """Links to the pages around the current one, keeping the filters."""
    last = max(1, -(-result["count"] // result["page_size"]))
    first = max(1, result["page"] - 3)
    return [(n, tk.h.url_for(endpoint, **{**params, "page": n}))
            for n in range(first, min(last, result["page"] + 3) + 1)]


@grll_laboral.route("/ofertas/publicar", methods=["GET", "POST"])
def publicar() -> Any:
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=request.path)
    empleadores.ensure_organization()
    allowed = empleadores.is_employer(tk.current_user.name)
    data: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    status = 200
    if request.method == "POST" and allowed:
        data = dict(request.form)
        try:
            oferta = tk.get_action("grll_laboral_offer_create")(_context(), data)
        except tk.ValidationError as error:
            errors, status = error.error_dict, 400
        else:
            tk.h.flash_success(_("Oferta publicada: {code}").format(code=oferta["codigo_oferta"]))
            return tk.redirect_to("grll_laboral.oferta", codigo=oferta["codigo_oferta"])
    return tk.render("grll/laboral/publicar.html", {
        "data": data, "errors": errors, "allowed": allowed,
        "empleadores_org": config.empleadores_org(), "rmv": config.rmv(),
        **_form_choices()}), status


@grll_laboral.route("/ofertas/<codigo>")
def oferta(codigo: str) -> str:
    try:
        offer = tk.get_action("grll_laboral_offer_show")(_context(), {"codigo_oferta": codigo})
    except tk.ObjectNotFound:
        return tk.abort(404, _("No existe una oferta con ese código"))
    return tk.render("grll/laboral/oferta.html", {"oferta": offer})


@grll_laboral.route("/perfiles")
def perfiles_index() -> str:
    params = {k: v for k, v in request.args.items() if k in ("ocupacion", "ubigeo", "page") and v}
    errors: dict[str, Any] = {}
    try:
        result = tk.get_action("grll_laboral_profile_search")(_context(), params)
    except tk.ValidationError as error:
        errors = error.error_dict
        result = {"count": 0, "page": 1, "page_size": config.page_size(), "results": []}
    user = tk.current_user.name if tk.current_user.is_authenticated else None
    return tk.render("grll/laboral/perfiles.html", {
        "params": params, "result": result, "errors": errors,
        "es_empleador": empleadores.is_employer(user),
        "pages": page_links("grll_laboral.perfiles_index", params, result),
        **_form_choices()})


@grll_laboral.route("/perfiles/nuevo", methods=["GET", "POST"])
def perfil_nuevo() -> Any:
    data: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    if request.method == "POST":
        data = dict(request.form)
        try:
            perfil = tk.get_action("grll_laboral_profile_create")(_context(), data)
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            return tk.render("grll/laboral/perfil_publicado.html", {"perfil": perfil})
    return tk.render("grll/laboral/perfil_nuevo.html", {
        "data": data, "errors": errors, **_form_choices()}), 400 if errors else 200


@grll_laboral.route("/perfiles/gestion/<token>", methods=["GET", "POST"])
def perfil_gestion(token: str) -> Any:
    perfil = perfiles.by_token(token)
    if perfil is None:
        return tk.abort(404, _("El enlace no es válido"))
    if request.method == "POST" and request.form.get("accion") == "retirar":
        perfiles.withdraw(perfil)
        tk.h.flash_success(_("Su perfil ya no aparece en las búsquedas."))
        return tk.redirect_to("grll_laboral.perfil_gestion", token=token)
    return tk.render("grll/laboral/perfil_gestion.html", {
        "perfil": perfiles.public_profile(perfil), "pedidos": perfiles.requests_for(perfil)})


@grll_laboral.route("/perfiles/<codigo>/contactar", methods=["POST"])
def contactar(codigo: str) -> Any:
    data = {"codigo": codigo, "mensaje": request.form.get("mensaje", ""),
            "codigo_oferta": request.form.get("codigo_oferta", "")}
    try:
        tk.get_action("grll_laboral_contact_request")(_context(), data)
    except tk.NotAuthorized:
        return tk.abort(403, _("Solo las cuentas de empleadores pueden pedir contacto"))
    except tk.ObjectNotFound:
        return tk.abort(404, _("No existe un perfil con ese código"))
    except tk.ValidationError as error:
        tk.h.flash_error(" ".join(m for ms in error.error_dict.values() for m in ms))
        return tk.redirect_to("grll_laboral.perfiles_index")
    tk.h.flash_success(_("Pedido enviado. Verá los datos de contacto si la persona acepta."))
    return tk.redirect_to("grll_laboral.contactos")


@grll_laboral.route("/contacto/<token>", methods=["GET", "POST"])
def contacto(token: str) -> Any:
    pedido = perfiles.contact_by_token(token)
    if pedido is None:
        return tk.abort(404, _("El enlace no es válido"))
    if request.method == "POST":
        try:
            tk.get_action("grll_laboral_contact_respond")(
                _context(), {"token": token, "respuesta": request.form.get("respuesta")})
        except tk.ValidationError as error:
            tk.h.flash_error(" ".join(m for ms in error.error_dict.values() for m in ms))
        return tk.redirect_to("grll_laboral.contacto", token=token)
    perfil = model.Session.get(Perfil, pedido.perfil_id)
    return tk.render("grll/laboral/contacto.html", {
        "pedido": pedido, "perfil": perfiles.public_profile(perfil),
        "empresa": perfiles.employer_name(model.User.get(pedido.empleador_id))})


@grll_laboral.route("/contactos")
def contactos() -> Any:
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=request.path)
    try:
        pedidos = tk.get_action("grll_laboral_contact_list")(_context(), {})
    except tk.NotAuthorized:
        return tk.abort(403, _("Solo las cuentas de empleadores pueden ver esta página"))
    return tk.render("grll/laboral/contactos.html", {"pedidos": pedidos})
