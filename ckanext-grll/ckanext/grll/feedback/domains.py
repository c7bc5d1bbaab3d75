"""The domains' feedback configuration: ``domain.yaml`` parsed, checked and cached.

A wrong file stops CKAN at start-up with the file, the key and the reason, rather
than failing on a citizen's submission later.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckan.model as model
import ckan.plugins as p
import yaml

from ckanext.grll.feedback.interfaces import IGrllDomain

DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")
IDENTITIES = ("publico", "oculto", "anonimo")
DOMAIN_KEYS = {"domain", "title", "feedback"}
FEEDBACK_KEYS = {"dataset", "anonymous_allowed", "privacy", "categories"}
PRIVACY_KEYS = {"default_identity", "publication_delay_days", "moderation_required"}
# What to do with a report whose free text looks like it carries personal data:
# publish it masked, or also hold it back until a moderator has looked at it.
PERSONAL_DATA_MASK = "mascarar"
PERSONAL_DATA_HOLD = "retener"
PERSONAL_DATA_POLICIES = (PERSONAL_DATA_MASK, PERSONAL_DATA_HOLD)
PRIVACY_OPTIONAL = {"datos_personales"}
CATEGORY_REQUIRED = {"code", "name", "description", "group", "keywords", "resolution_days",
                     "responsible_org", "sensitive", "identity_reserve", "questions"}
# Per-category overrides of the domain's defaults, plus district routing.
CATEGORY_OPTIONAL = {"responsible_by_district", "anonymous_allowed",
                     "publication_delay_days", "moderation_required", "stages"}
QUESTION_REQUIRED = {"code", "datatype", "label", "required", "public"}
QUESTION_OPTIONAL = {"description", "values", "min", "max", "alert_after_hours", "alert"}


class DomainConfigError(Exception):
    """A domain.yaml that cannot be used: names the file, the key and the reason."""

    def __init__(self, path: Path, key: str, reason: str):
        super().__init__(f"{path}: {key}: {reason}")


@dataclass(frozen=True)
class Question:
    """A typed extra question of a category (an Open311 service attribute)."""

    code: str
    datatype: str
    label: str
    required: bool
    public: bool
    order: int
    description: str = ""
    values: tuple[tuple[str, str], ...] = ()
    min: float | None = None
    max: float | None = None
    #: For a datetime answer: after this many hours, the report carries ``alert``
    #: (e.g. water cuts over 18 h oblige the provider to send tankers).
    alert_after_hours: float | None = None
    alert: str = ""

    @property
    def value_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _name in self.values)


@dataclass(frozen=True)
class Category:
    """One kind of report a domain accepts (an Open311 service)."""

    domain: str
    code: str
    name: str
    description: str
    group: str
    keywords: tuple[str, ...]
    resolution_days: int
    responsible_org: str
    responsible_by_district: dict[str, str]
    sensitive: bool
    identity_reserve: bool
    anonymous_allowed: bool
    publication_delay_days: int
    moderation_required: bool
    questions: tuple[Question, ...]
    #: The domain's own steps (code, name) a report goes through, e.g. SUNAFIL's.
    stages: tuple[tuple[str, str], ...] = ()
    #: ``feedback.privacy.datos_personales`` of the domain: mascarar or retener.
    personal_data: str = PERSONAL_DATA_HOLD

    @property
    def service_code(self) -> str:
        """Globally unique code: the Open311 ``service_code``."""
        return f"{self.domain}-{self.code}"

    def responsible_for(self, ubigeo: str) -> str:
        """Organization that answers a report from this district.

        District ubigeo first, then its 4-digit province, then the default.
        """
        return (self.responsible_by_district.get(ubigeo)
                or self.responsible_by_district.get(ubigeo[:4])
                or self.responsible_org)


@dataclass(frozen=True)
class Domain:
    name: str
    title: str
    dataset_name: str
    dataset_title: str
    dataset_org: str
    anonymous_allowed: bool
    default_identity: str
    publication_delay_days: int
    moderation_required: bool
    personal_data: str
    categories: dict[str, Category] = field(default_factory=dict)


def enabled_domains() -> dict[str, Domain]:
    """The domains of the enabled plugins implementing ``IGrllDomain``, by name."""
    found = {}
    for plugin in p.PluginImplementations(IGrllDomain):
        domain = load_domain(Path(plugin.grll_domain_config_path()))
        found[domain.name] = domain
    return found


def route(category: Category, ubigeo: str, answers: dict[str, Any]) -> str:
    """The organization that must act on a new report: the one the domain's
    ``grll_feedback_responsible`` names if it is an active organization, else the
    category's routing (which oversees the report either way, see ``overseer``)."""
    routed = category.responsible_for(ubigeo)
    for plugin in p.PluginImplementations(IGrllDomain):
        if plugin.grll_domain_name() != category.domain:
            continue
        body = plugin.grll_feedback_responsible(category.code, ubigeo, dict(answers or {}))
        if body and is_organization(body):
            return body
    return routed


def overseer(domain: str, category: str, ubigeo: str) -> str | None:
    """The organization of the category's routing: it oversees every report of the
    category in the district (sees and acts on it), whoever must act on it."""
    found = enabled_domains().get(domain)
    item = found.categories.get(category) if found else None
    return item.responsible_for(ubigeo) if item else None


def is_organization(name: str) -> bool:
    group = model.Group.get(name)
    return bool(group and group.is_organization and group.state == "active")


def get_domain(name: str) -> Domain | None:
    return enabled_domains().get(name)


def find_service(service_code: str) -> Category | None:
    """The category whose Open311 service code is ``service_code``, if enabled."""
    for domain in enabled_domains().values():
        for category in domain.categories.values():
            if category.service_code == service_code:
                return category
    return None


@functools.cache
def load_domain(path: Path) -> Domain:
    """Parse and check one domain.yaml (cached: the files ship with the code)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DomainConfigError(path, "-", str(error)) from error
    _keys(path, "", raw, DOMAIN_KEYS, set())
    feedback = raw["feedback"]
    _keys(path, "feedback", feedback, FEEDBACK_KEYS, set())
    privacy = feedback["privacy"]
    _keys(path, "feedback.privacy", privacy, PRIVACY_KEYS, PRIVACY_OPTIONAL)
    dataset = feedback["dataset"]
    _keys(path, "feedback.dataset", dataset, {"name", "title", "owner_org"}, set())
    if privacy["default_identity"] not in IDENTITIES:
        raise DomainConfigError(path, "feedback.privacy.default_identity",
                                f"must be one of {', '.join(IDENTITIES)}")
    personal_data = privacy.get("datos_personales", PERSONAL_DATA_HOLD)
    if personal_data not in PERSONAL_DATA_POLICIES:
        raise DomainConfigError(path, "feedback.privacy.datos_personales",
                                f"must be one of {', '.join(PERSONAL_DATA_POLICIES)}")
    name = str(raw["domain"])
    defaults = {
        "anonymous_allowed": bool(feedback["anonymous_allowed"]),
        "publication_delay_days": _int(path, "feedback.privacy.publication_delay_days",
                                       privacy["publication_delay_days"]),
        "moderation_required": bool(privacy["moderation_required"]),
        "personal_data": personal_data,
    }
    categories: dict[str, Category] = {}
    for index, item in enumerate(feedback["categories"] or []):
        category = _category(path, f"feedback.categories[{index}]", name, item, defaults)
        if category.code in categories:
            raise DomainConfigError(path, f"feedback.categories[{index}].code",
                                    f"duplicate code {category.code!r}")
        categories[category.code] = category
    if not categories:
        raise DomainConfigError(path, "feedback.categories", "at least one category")
    return Domain(
        name=name, title=str(raw["title"]), dataset_name=str(dataset["name"]),
        dataset_title=str(dataset["title"]), dataset_org=str(dataset["owner_org"]),
        default_identity=privacy["default_identity"], categories=categories, **defaults)


def _category(path: Path, where: str, domain: str, item: Any,
              defaults: dict[str, Any]) -> Category:
    _keys(path, where, item, CATEGORY_REQUIRED, CATEGORY_OPTIONAL)
    questions = []
    for order, raw in enumerate(item["questions"] or [], start=1):
        questions.append(_question(path, f"{where}.questions[{order - 1}]", raw, order))
    routing = {str(k): str(v) for k, v in (item.get("responsible_by_district") or {}).items()}
    return Category(
        domain=domain, code=_string(path, f"{where}.code", item["code"]),
        name=str(item["name"]),
        description=str(item["description"]), group=str(item["group"]),
        keywords=tuple(str(k) for k in item["keywords"] or ()),
        resolution_days=_int(path, f"{where}.resolution_days", item["resolution_days"]),
        responsible_org=str(item["responsible_org"]), responsible_by_district=routing,
        sensitive=bool(item["sensitive"]), identity_reserve=bool(item["identity_reserve"]),
        anonymous_allowed=bool(item.get("anonymous_allowed", defaults["anonymous_allowed"])),
        publication_delay_days=_int(
            path, f"{where}.publication_delay_days",
            item.get("publication_delay_days", defaults["publication_delay_days"])),
        moderation_required=bool(item.get("moderation_required",
                                          defaults["moderation_required"])),
        questions=tuple(questions),
        stages=tuple((str(s["code"]), str(s["name"])) for s in item.get("stages") or ()),
        personal_data=defaults["personal_data"])


def _question(path: Path, where: str, raw: Any, order: int) -> Question:
    _keys(path, where, raw, QUESTION_REQUIRED, QUESTION_OPTIONAL)
    if raw["datatype"] not in DATATYPES:
        raise DomainConfigError(path, f"{where}.datatype",
                                f"must be one of {', '.join(DATATYPES)}")
    values = tuple(
        (_string(path, f"{where}.values[{index}].key", _value(path, where, index, v)["key"]),
         str(v["name"]))
        for index, v in enumerate(raw.get("values") or ()))
    if raw["datatype"].endswith("valuelist") and not values:
        raise DomainConfigError(path, f"{where}.values", "a value list needs values")
    if raw.get("alert_after_hours") is not None and (
            raw["datatype"] != "datetime" or not raw.get("alert")):
        raise DomainConfigError(path, f"{where}.alert_after_hours",
                                "only for datetime questions, together with alert")
    return Question(
        code=_string(path, f"{where}.code", raw["code"]), datatype=raw["datatype"], label=str(raw["label"]),
        required=bool(raw["required"]), public=bool(raw["public"]), order=order,
        description=str(raw.get("description") or ""), values=values,
        min=None if raw.get("min") is None else float(raw["min"]),
        max=None if raw.get("max") is None else float(raw["max"]),
        alert_after_hours=(None if raw.get("alert_after_hours") is None
                           else float(raw["alert_after_hours"])),
        alert=str(raw.get("alert") or ""))


def _keys(path: Path, where: str, item: Any, required: set[str], optional: set[str]) -> None:
    if not isinstance(item, dict):
        raise DomainConfigError(path, where or "-", "must be a mapping")
    missing = required - item.keys()
    if missing:
        raise DomainConfigError(path, where or "-", f"missing {', '.join(sorted(missing))}")
    unknown = item.keys() - required - optional
    if unknown:
        raise DomainConfigError(path, where or "-", f"unknown {', '.join(sorted(unknown))}")


def _int(path: Path, where: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DomainConfigError(path, where, "must be a whole number ≥ 0")
    return value


def _value(path: Path, where: str, index: int, value: Any) -> dict[str, Any]:
    _keys(path, f"{where}.values[{index}]", value, {"key", "name"}, set())
    return value


def _string(path: Path, where: str, value: Any) -> str:
    """A code or key that clients send back: YAML 1.1 reads an unquoted no, yes, on or
    off as a boolean and 01 as a number, which str() would publish as "False" or "1"
    and no answer would then match. Such values must be quoted in the file."""
    if not isinstance(value, str) or not value:
        raise DomainConfigError(path, where, f"must be a text (got {value!r}); quote it "
                                "in the YAML file, e.g. key: \"no\"")
    return value
