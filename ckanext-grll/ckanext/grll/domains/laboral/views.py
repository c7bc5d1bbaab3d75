"""Pages of the Sistema de Información Laboral under /empleo (blueprint ``grll_laboral``)."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from flask import Blueprint, Response, request

from ckanext.grll import reference
from ckanext.grll.domains.laboral import (
    catalogos,
    config,
    empleadores,
    mapping,
    perfiles,
    registros,
    resumen,
    seguimientos,
)
from ckanext.grll.domains.laboral.model import Perfil

grll_laboral = Blueprint("grll_laboral", __name__, url_prefix="/empleo")


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _form_choices() -> dict[str, Any]:
    return {"ocupaciones": mapping.ocupaciones(), "distritos": distrito_choices(),
            "tipos_contrato": mapping.choices(mapping.TIPOS_CONTRATO),
            "jornadas": mapping.choices(mapping.JORNADAS),
            "niveles": mapping.choices(mapping.NIVELES_EDUCATIVOS)}


def distrito_choices() -> list[tuple[str, str]]:
    """Districts of La Libertad for select lists: "Distrito (Provincia)", by name."""
    return sorted(((d.ubigeo, f"{d.nombre} ({d.provincia})")
                   for d in reference.distritos().values()), key=lambda item: item[1])


@grll_laboral.route("")
def index() -> str:
    return tk.render("grll/laboral/index.html", {"graficos": resumen.graficos(),
                                                 "fmt": resumen.fmt})


@grll_laboral.route("/indicadores/<code>.csv")
def indicador_csv(code: str) -> Any:
    chart = resumen.by_code(code)
    if chart is None:
        return tk.abort(404, _("No existe ese indicador"))
    return Response(chart.csv(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{code}.csv"'})


@grll_laboral.route("/ofertas")
def ofertas() -> Any:
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
        "pages": page_links("grll_laboral.ofertas", params, result), **_form_choices()}), \
        (400 if errors else 200)


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
        "employers_org": config.employers_org(), "rmv": config.rmv(),
        **_form_choices()}), status


@grll_laboral.route("/ofertas/<codigo>")
def oferta(codigo: str) -> str:
    try:
        offer = tk.get_action("grll_laboral_offer_show")(_context(), {"codigo_oferta": codigo})
    except tk.ObjectNotFound:
        return tk.abort(404, _("No existe una oferta con ese código"))
    return tk.render("grll/laboral/oferta.html", {"oferta": offer})


@grll_laboral.route("/perfiles")
def perfiles_index() -> Any:
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
        **_form_choices()}), (400 if errors else 200)


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


@grll_laboral.route("/perfiles/mios", methods=["GET", "POST"])
def mis_perfiles() -> Any:
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=request.path)
    if request.method == "POST":
        try:
            tk.get_action("grll_laboral_contact_respond")(_context(), {
                "id": request.form.get("id"), "respuesta": request.form.get("respuesta")})
        except tk.ObjectNotFound:
            return tk.abort(404, _("No existe ese pedido"))
        except tk.ValidationError as error:
            tk.h.flash_error(" ".join(m for ms in error.error_dict.values() for m in ms))
        return tk.redirect_to("grll_laboral.mis_perfiles")
    return tk.render("grll/laboral/mis_perfiles.html", {
        "perfiles": tk.get_action("grll_laboral_profile_requests")(_context(), {})})


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


def _registry_listing(action: str, template: str, filters: tuple[str, ...],
                      endpoint: str, extra: dict[str, Any]) -> Any:
    params = {k: v for k, v in request.args.items() if k in (*filters, "q", "page") and v}
    errors: dict[str, Any] = {}
    try:
        result = tk.get_action(action)(_context(), params)
    except tk.ValidationError as error:
        errors = error.error_dict
        result = {"count": 0, "page": 1, "page_size": config.page_size(), "results": []}
    return tk.render(template, {"params": params, "result": result, "errors": errors,
                                "pages": page_links(endpoint, params, result),
                                "distritos": distrito_choices(), **extra}), \
        (400 if errors else 200)


def _follow_state(tipo: str, clave: str) -> dict[str, Any]:
    user = tk.current_user.name if tk.current_user.is_authenticated else None
    return {"siguiendo": seguimientos.is_following(tipo, clave, user), "tipo": tipo,
            "clave": clave}


@grll_laboral.route("/sindicatos")
def sindicatos() -> Any:
    return _registry_listing("grll_laboral_union_search", "grll/laboral/sindicatos.html",
                             ("ubigeo", "estado"), "grll_laboral.sindicatos", {})


@grll_laboral.route("/sindicatos/<numero>")
def sindicato(numero: str) -> str:
    try:
        union = tk.get_action("grll_laboral_union_show")(_context(), {"numero_registro": numero})
    except tk.ObjectNotFound:
        return tk.abort(404, _("No existe ese sindicato"))
    return tk.render("grll/laboral/sindicato.html", {
        "sindicato": union, "seguir": _follow_state("sindicato", numero),
        "es_gestor": _may("grll_laboral_union_update")})


@grll_laboral.route("/sindicatos/<numero>/editar", methods=["GET", "POST"])
def sindicato_editar(numero: str) -> Any:
    if not _may("grll_laboral_union_update"):
        if not tk.current_user.is_authenticated:
            return tk.redirect_to("user.login", came_from=request.path)
        return tk.abort(403, _("Solo el personal de la Gerencia Regional de Trabajo"))
    try:
        union = tk.get_action("grll_laboral_union_show")(_context(), {"numero_registro": numero})
    except tk.ObjectNotFound:
        return tk.abort(404, _("No existe ese sindicato"))
    errors: dict[str, Any] = {}
    data = {name: union.get(name) if union.get(name) is not None else ""
            for name in registros.SINDICATO_EDITABLE}
    data["junta_directiva_inicio"] = str(data["junta_directiva_inicio"])[:10]
    if request.method == "POST":
        data = dict(request.form)
        try:
            tk.get_action("grll_laboral_union_update")(
                _context(), {**data, "numero_registro": numero})
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            tk.h.flash_success(_("Registro sindical actualizado y avisado a quienes lo "
                                 "siguen."))
            return tk.redirect_to("grll_laboral.sindicato", numero=numero)
    return tk.render("grll/laboral/sindicato_editar.html", {
        "sindicato": union, "data": data, "errors": errors,
        "estados": registros.ESTADOS_SINDICATO}), 400 if errors else 200


@grll_laboral.route("/negociaciones")
def negociaciones() -> Any:
    return _registry_listing("grll_laboral_bargaining_search",
                             "grll/laboral/negociaciones.html", ("etapa_actual", "ubigeo"),
                             "grll_laboral.negociaciones", {"etapas": registros.ETAPAS})


@grll_laboral.route("/negociaciones/<expediente>", methods=["GET", "POST"])
def negociacion(expediente: str) -> Any:
    errors: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        try:
            tk.get_action("grll_laboral_bargaining_stage_update")(
                _context(), {"expediente": expediente, **request.form})
        except tk.NotAuthorized:
            return tk.abort(403, _("Solo el personal de la Gerencia Regional de Trabajo"))
        except tk.ValidationError as error:
            errors, status = error.error_dict, 400
        else:
            tk.h.flash_success(_("Etapa registrada y avisada a quienes siguen el proceso."))
            return tk.redirect_to("grll_laboral.negociacion", expediente=expediente)
    try:
        process = tk.get_action("grll_laboral_bargaining_show")(
            _context(), {"expediente": expediente})
    except tk.ObjectNotFound:
        return tk.abort(404, _("No existe esa negociación colectiva"))
    return tk.render("grll/laboral/negociacion.html", {
        "negociacion": process, "errors": errors, "data": dict(request.form),
        "es_gestor": _may("grll_laboral_bargaining_stage_update"),
        "seguir": _follow_state("negociacion", expediente)}), status


def _may(action: str) -> bool:
    """Whether the visitor may call ``action`` (the stewards' forms and links)."""
    try:
        tk.check_access(action, _context())
    except tk.NotAuthorized:
        return False
    return True


@grll_laboral.route("/conflictos")
def conflictos() -> Any:
    return _registry_listing("grll_laboral_conflict_search", "grll/laboral/conflictos.html",
                             ("estado", "tipo", "ubigeo"), "grll_laboral.conflictos",
                             {"estados": mapping.ESTADOS_CONFLICTO,
                              "tipos": mapping.TIPOS_CONFLICTO,
                              "resumen": registros.conflict_summary(),
                              "es_gestor": _may("grll_laboral_conflict_create")})


def _steward_form(action: str, template: str, extra: dict[str, Any], done: Any) -> Any:
    """A registry form for stewards: errors beside the fields (400), ``done(row)`` after."""
    if not _may(action):
        return tk.abort(403, _("Solo el personal de la Gerencia Regional de Trabajo"))
    errors: dict[str, Any] = {}
    if request.method == "POST":
        try:
            row = tk.get_action(action)(_context(), dict(request.form))
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            return done(row)
    return tk.render(template, {"data": dict(request.form), "errors": errors,
                                "distritos": distrito_choices(), **extra}), \
        400 if errors else 200


@grll_laboral.route("/conflictos/nuevo", methods=["GET", "POST"])
def conflicto_nuevo() -> Any:
    return _steward_form(
        "grll_laboral_conflict_create",
        "grll/laboral/conflicto_nuevo.html",
        {"estados": mapping.ESTADOS_CONFLICTO, "tipos": mapping.TIPOS_CONFLICTO},
        lambda row: tk.redirect_to("grll_laboral.conflicto", codigo=row["codigo"]))


@grll_laboral.route("/capacitacion/nuevo", methods=["GET", "POST"])
def curso_nuevo() -> Any:
    def done(row: dict[str, Any]) -> Any:
        tk.h.flash_success(_("Curso {code} publicado.").format(code=row["codigo"]))
        return tk.redirect_to("grll_laboral.capacitacion", ubigeo=row["ubigeo"])
    return _steward_form("grll_laboral_course_create", "grll/laboral/curso_nuevo.html",
                         {"ocupaciones": mapping.ocupaciones(),
                          "modalidades": mapping.MODALIDADES}, done)


@grll_laboral.route("/tramites/registrar", methods=["GET", "POST"])
def tramite_registrar() -> Any:
    return _steward_form(
        "grll_laboral_procedure_update",
        "grll/laboral/tramite_registrar.html",
        {"procedimientos": mapping.PROCEDIMIENTOS, "etapas": mapping.ETAPAS_TRAMITE},
        lambda row: tk.redirect_to("grll_laboral.tramites", expediente=row["expediente"]))


@grll_laboral.route("/conflictos/<codigo>", methods=["GET", "POST"])
def conflicto(codigo: str) -> Any:
    errors: dict[str, Any] = {}
    if request.method == "POST":
        try:
            tk.get_action("grll_laboral_conflict_update")(
                _context(), {**request.form, "codigo": codigo})
        except tk.NotAuthorized:
            return tk.abort(403, _("Solo el personal de la Gerencia Regional de Trabajo"))
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            tk.h.flash_success(_("Conflicto actualizado y avisado a quienes lo siguen."))
            return tk.redirect_to("grll_laboral.conflicto", codigo=codigo)
    try:
        row = tk.get_action("grll_laboral_conflict_show")(_context(), {"codigo": codigo})
    except tk.ObjectNotFound:
        return tk.abort(404, _("No existe ese conflicto"))
    return tk.render("grll/laboral/conflicto.html", {
        "conflicto": row, "errors": errors, "estados": mapping.ESTADOS_CONFLICTO,
        "es_gestor": _may("grll_laboral_conflict_update"),
        "seguir": _follow_state("conflicto", codigo)}), 400 if errors else 200


@grll_laboral.route("/seguir", methods=["POST"])
def seguir() -> Any:
    data = {k: request.form.get(k, "") for k in ("tipo", "clave", "email")}
    back = request.form.get("volver") or tk.h.url_for("grll_laboral.index")
    if not back.startswith("/") or back.startswith("//"):
        back = tk.h.url_for("grll_laboral.index")
    try:
        result = tk.get_action("grll_laboral_follow")(_context(), data)
    except tk.ObjectNotFound:
        return tk.abort(404, _("No existe ese registro"))
    except tk.ValidationError as error:
        tk.h.flash_error(" ".join(m for ms in error.error_dict.values() for m in ms))
    else:
        tk.h.flash_success(_("Listo: le avisaremos de cada cambio.") if result["confirmado"]
                           else _("Le enviamos un correo: confirme para recibir avisos."))
    return tk.h.redirect_to(back)


@grll_laboral.route("/seguimiento/confirmar/<token>")
def seguimiento_confirmar(token: str) -> Any:
    seguimiento = seguimientos.by_token(token)
    if seguimiento is None:
        return tk.abort(404, _("El enlace no es válido"))
    seguimientos.confirm(seguimiento)
    return tk.render("grll/laboral/aviso.html", {
        "titulo": _("Seguimiento confirmado"),
        "mensaje": _("Le avisaremos por correo de cada cambio.")})


@grll_laboral.route("/seguimiento/baja/<token>", methods=["GET", "POST"])
def seguimiento_baja(token: str) -> Any:
    if request.method == "POST":
        try:
            tk.get_action("grll_laboral_unfollow")(_context(), {"token": token})
        except tk.ObjectNotFound:
            return tk.abort(404, _("El enlace no es válido"))
        return tk.render("grll/laboral/aviso.html", {
            "titulo": _("Ya no recibirá avisos"), "mensaje": ""})
    if seguimientos.by_token(token) is None:
        return tk.abort(404, _("El enlace no es válido"))
    return tk.render("grll/laboral/baja.html", {})


@grll_laboral.route("/capacitacion")
def capacitacion() -> str:
    params = {k: v for k, v in request.args.items() if k in ("ocupacion", "ubigeo") and v}
    errors: dict[str, Any] = {}
    try:
        result = tk.get_action("grll_laboral_course_search")(_context(), params)
    except tk.ValidationError as error:
        errors, result = error.error_dict, {"count": 0, "results": []}
    return tk.render("grll/laboral/capacitacion.html", {
        "params": params, "result": result, "errors": errors,
        "es_gestor": _may("grll_laboral_course_create"), **_form_choices()})


@grll_laboral.route("/tramites")
def tramites() -> Any:
    expediente = request.args.get("expediente", "").strip()
    tramite, status = None, 200
    if expediente:
        try:
            tramite = tk.get_action("grll_laboral_procedure_show")(
                _context(), {"expediente": expediente})
        except tk.ObjectNotFound:
            status = 404
    return tk.render("grll/laboral/tramites.html", {
        "expediente": expediente, "tramite": tramite, "etapas": mapping.ETAPAS_TRAMITE,
        "resumen": catalogos.procedure_summary(),
        "es_gestor": _may("grll_laboral_procedure_update")}), status


@grll_laboral.route("/formalizacion")
def formalizacion() -> str:
    return tk.render("grll/laboral/formalizacion.html", {})
