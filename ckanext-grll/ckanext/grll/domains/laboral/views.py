"""Pages of the Sistema de Información Laboral under /empleo (blueprint ``grll_laboral``)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from flask import Blueprint, request

from ckanext.grll import reference
from ckanext.grll.domains.laboral import config, empleadores, validation
from ckanext.grll.domains.laboral.mapping import JORNADAS, NIVELES_EDUCATIVOS, TIPOS_CONTRATO

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
