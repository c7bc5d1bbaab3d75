"""Template helpers shared by the portal's pages and schemas (all prefixed grll_)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from flask import has_request_context

from ckanext.grll import numbers, reference
from ckanext.grll.catalog import data_freshness


def grll_ubigeo_choices(field: dict[str, Any]) -> list[dict[str, str]]:
    """Choices for the Cobertura espacial select (scheming choices_helper)."""
    return reference.ubigeo_choices()


def grll_ubigeo_label(code: str) -> str:
    return reference.ubigeo_label(code) or code


# --- the age of the data on citizen pages ---------------------------------------

def _month_names() -> list[str]:
    return [tk._("enero"), tk._("febrero"), tk._("marzo"), tk._("abril"), tk._("mayo"),
            tk._("junio"), tk._("julio"), tk._("agosto"), tk._("septiembre"),
            tk._("octubre"), tk._("noviembre"), tk._("diciembre")]


def _dataset(dataset: Any) -> dict[str, Any] | None:
    """The dataset dict for a name, id or dict, read once per request; None if the
    visitor cannot see it.

    Read from the search index (what package_search returns, with the visitor's
    permissions): a page asks only for its name, title, frequency and sample mark,
    and package_show would cost it a database read of every resource (about 15 ms a
    dataset on every citizen page)."""
    if isinstance(dataset, dict):
        return dataset
    if not dataset:
        return None
    cache = tk.g.setdefault("grll_data_datasets", {}) if has_request_context() else {}
    if dataset not in cache:
        user = tk.current_user.name if tk.current_user.is_authenticated else ""
        quoted = '"' + str(dataset).replace("\\", "").replace('"', "") + '"'
        found = tk.get_action("package_search")({"user": user}, {
            "fq": f"(name:{quoted} OR id:{quoted})", "rows": 1, "include_private": True})
        cache[dataset] = found["results"][0] if found["results"] else None
    return cache[dataset]


def _age_text(date: data_freshness.DataDate, today: dt.date) -> str:
    days = data_freshness.age_in_days(date, today)
    months = data_freshness.months_between(date.period_end, today)
    if days < 14:
        return tk.ungettext("hace %(num)d día", "hace %(num)d días", days) % {"num": days}
    if months < 2:
        weeks = days // 7
        return tk.ungettext("hace %(num)d semana", "hace %(num)d semanas",
                            weeks) % {"num": weeks}
    if months < 24:
        return tk.ungettext("hace %(num)d mes", "hace %(num)d meses", months) % {"num": months}
    years = months // 12
    return tk.ungettext("hace %(num)d año", "hace %(num)d años", years) % {"num": years}


def _date_text(date: data_freshness.DataDate) -> str:
    end = date.period_end
    if date.precision == "day":
        return end.strftime("%d/%m/%Y")
    if date.precision == "month":
        return tk._("{mes} de {anio}").format(mes=_month_names()[end.month - 1], anio=end.year)
    return str(end.year)


def grll_data_date(fecha: Any, dataset: Any = None,
                   today: dt.date | None = None) -> dict[str, Any] | None:
    """What a page says about the date of a figure: ``iso`` (for <time datetime>),
    ``texto`` (the date in words), ``antiguo`` (older than its dataset's frequency
    allows), ``hace`` ("hace 23 meses"), ``demo`` and the dataset's ``nombre`` and
    ``titulo``. None when ``fecha`` is not a date."""
    date = data_freshness.parse_data_date(fecha)
    if date is None:
        return None
    package = _dataset(dataset)
    today = today or dt.date.today()
    frecuencia = (package or {}).get("frecuencia")
    return {"iso": date.iso, "texto": _date_text(date), "hace": _age_text(date, today),
            "antiguo": data_freshness.is_stale(date, frecuencia, today),
            "demo": data_freshness.is_demo(package),
            "nombre": (package or {}).get("name"), "titulo": (package or {}).get("title")}


def grll_data_verdict(label: str, fecha: Any, dataset: Any = None) -> dict[str, Any]:
    """A verdict ("Apta") softened when its data is old: ``texto`` becomes "Apta en el
    último análisis (hace 23 meses)" and ``antiguo`` tells the page to drop the
    confident colour."""
    info = grll_data_date(fecha, dataset)
    if info and info["antiguo"]:
        return {"texto": tk._("{veredicto} en el último análisis ({hace})").format(
            veredicto=label, hace=info["hace"]), "antiguo": True}
    return {"texto": label, "antiguo": False}


def grll_data_age_limit(dataset: Any) -> int | None:
    """Days after its period that data of `dataset` still counts as current (its
    frecuencia plus the margin); None when it promises no frequency. For pages that
    date their figures in the browser (/agro)."""
    pkg = _dataset(dataset)
    return data_freshness.allowed_days(pkg.get("frecuencia")) if pkg else None


def grll_demo_datasets(*datasets: Any) -> list[dict[str, str]]:
    """The datasets (names, ids or dicts, lists allowed) marked as demonstration
    samples, once each and in order, as ``{"nombre", "titulo"}``."""
    flat: list[Any] = []
    for item in datasets:
        flat.extend(item if isinstance(item, list | tuple | set) else [item])
    found: dict[str, dict[str, str]] = {}
    for item in flat:
        package = _dataset(item)
        if data_freshness.is_demo(package) and package["name"] not in found:
            found[package["name"]] = {"nombre": package["name"], "titulo": package["title"]}
    return list(found.values())


def get_helpers() -> dict[str, Any]:
    return {"grll_ubigeo_choices": grll_ubigeo_choices, "grll_ubigeo_label": grll_ubigeo_label,
            "grll_data_date": grll_data_date, "grll_data_verdict": grll_data_verdict,
            "grll_demo_datasets": grll_demo_datasets,
            "grll_data_age_limit": grll_data_age_limit, **numbers.get_helpers()}
