"""Pages of the water commitment: "¿Cómo está mi agua?" and the provider scorecards.

Server-rendered views over the ``grll_agua_*`` actions, so that they work without
JavaScript on a weak connection; the phone's location is the only scripted part.
"""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from flask import Blueprint, request

from ckanext.grll import reference
from ckanext.grll.domains.agua import compliance, config, registry
from ckanext.grll.domains.agua.logic import schema
from ckanext.grll.domains.agua.model import ASPECTOS
from ckanext.grll.validators import validated

agua = Blueprint("grll_agua", __name__)


def _context() -> dict[str, Any]:
    return {"model": model, "session": model.Session, "user": tk.current_user.name
            if tk.current_user.is_authenticated else ""}


def _errors(error: tk.ValidationError) -> dict[str, list[str]]:
    return {field: messages if isinstance(messages, list) else [str(messages)]
            for field, messages in error.error_dict.items()}


def index() -> Any:
    """Pick a district, a locality or the phone's location; see the water there."""
    query = {key: request.args.get(key, "").strip()
             for key in ("ubigeo", "localidad", "lat", "lon")}
    result, errors, status = None, {}, 200
    if any(query.values()):
        try:
            result = tk.get_action("grll_agua_locality_lookup")(
                _context(), {k: v for k, v in query.items() if v})
        except tk.ValidationError as error:
            errors, status = _errors(error), 400
    return tk.render("grll/agua/index.html", extra_vars={
        "query": query, "result": result, "errors": errors,
        "conjuntos": _shown_datasets(result),
        "districts": sorted(reference.distritos().values(),
                            key=lambda d: (d.provincia, d.nombre)),
        "verdict_label": compliance.verdict_label}), status


def _shown_datasets(result: dict[str, Any] | None) -> list[str]:
    """The datasets whose data the lookup shows: the provider registry and the samples
    (for the demonstration banner)."""
    if not result:
        return []
    samples = [place["ultima_muestra"]["dataset"] for place in result.get("localidades", [])
               if place.get("ultima_muestra")]
    return [config.provider_registry(), *samples]


def providers() -> Any:
    listing = tk.get_action("grll_agua_provider_list")(_context(), {})
    return tk.render("grll/agua/providers.html", extra_vars={"listing": listing})


def _return_path() -> str | None:
    """Where the rating form asks to go back to: a path of this portal, else nowhere
    (another site's address is ignored, never followed)."""
    try:
        return validated(schema.rating_return, {"volver": request.form.get("volver", "")},
                         {}).get("volver")
    except tk.ValidationError:
        return None


def provider(prestador_id: str) -> Any:
    """A provider's scorecard; POST records the logged-in citizen's rating."""
    errors, status, rated = {}, 200, False
    if request.method == "POST":
        try:
            tk.get_action("grll_agua_rate")(_context(), {
                "prestador_id": prestador_id,
                **{aspect: request.form.get(aspect, "") for aspect in ASPECTOS}})
            rated = True
            back = _return_path()
            if back:
                return tk.redirect_to(f"{back}?calificado={prestador_id}#calificar")
        except tk.ValidationError as error:
            errors, status = _errors(error), 400
        except tk.NotAuthorized as error:
            errors, status = {"": [str(error)]}, 403
    try:
        card = tk.get_action("grll_agua_scorecard")(_context(), {"id": prestador_id})
    except tk.ValidationError:
        return tk.abort(404, tk._("Prestador desconocido"))
    return tk.render("grll/agua/provider.html", extra_vars={
        "card": card, "errors": errors, "rated": rated, "aspects": ASPECTOS,
        "verdict_label": compliance.verdict_label}), status


REGISTRY_FIELDS = ("id", "nombre", "grupo", "ubigeos", "localidades", "supervision",
                   "poblacion_servida_estimada")


def registry_form() -> Any:
    """Stewards add a provider or correct one (``?id=`` loads it into the form)."""
    context = _context()
    try:
        tk.check_access("grll_agua_provider_save", context, {})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Solo los responsables del registro de prestadores"))
    errors, status, saved = {}, 200, None
    if request.method == "POST":
        data = {key: request.form.get(key, "") for key in REGISTRY_FIELDS}
        try:
            saved = tk.get_action("grll_agua_provider_save")(context, data)
        except tk.ValidationError as error:
            errors, status = _errors(error), 400
    else:
        current = registry.by_id(request.args.get("id", ""))
        data = {key: "" for key in REGISTRY_FIELDS}
        if current:
            data.update({key: value for key, value in current.as_dict().items()
                         if key in data and value is not None})
            data["ubigeos"] = "; ".join(current.ubigeos)
            data["localidades"] = "; ".join(current.localidades)
    return tk.render("grll/agua/registry_form.html", extra_vars={
        "data": data, "errors": errors, "saved": saved, "grupos": registry.GRUPOS,
        "grupo_label": registry.grupo_label}), status


agua.add_url_rule("/agua", view_func=index, endpoint="index")
agua.add_url_rule("/agua/prestadores/registro", view_func=registry_form,
                  endpoint="registry_form", methods=["GET", "POST"])
agua.add_url_rule("/agua/prestadores", view_func=providers, endpoint="providers")
agua.add_url_rule("/agua/prestadores/<prestador_id>", view_func=provider, endpoint="provider",
                  methods=["GET", "POST"])
