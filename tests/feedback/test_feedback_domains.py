"""The four domains configure one engine alike (symmetry), and their YAML is sound."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from feedback_helpers import DOMAINS, point_in

from ckanext.grll.feedback import domains, geo, privacy
from ckanext.grll.feedback.domains import DomainConfigError, enabled_domains, load_domain
from ckanext.grll.reference import DATASETS_DIR, distritos

DOMAINS_DIR = Path(domains.__file__).resolve().parents[1] / "domains"
ORGANIZATIONS = {org["name"] for org in yaml.safe_load(
    (DATASETS_DIR / "organizations.yaml").read_text(encoding="utf-8"))}


def test_every_commitment_plugin_configures_the_engine():
    assert sorted(enabled_domains()) == sorted(DOMAINS)


def test_domains_have_the_same_files_and_configuration_keys():
    # The files the feedback engine relies on; harvesters and schemas arrive
    # domain by domain (issues 5-8).
    for d in DOMAINS:
        assert {"__init__.py", "plugin.py", "domain.yaml"} <= {
            p.name for p in (DOMAINS_DIR / d).iterdir()}
    raw = {d: yaml.safe_load((DOMAINS_DIR / d / "domain.yaml").read_text()) for d in DOMAINS}
    for d in DOMAINS:
        assert raw[d]["domain"] == d
        assert set(raw[d]) == set(raw["seguridad"])
        assert set(raw[d]["feedback"]) == set(raw["seguridad"]["feedback"])
        assert set(raw[d]["feedback"]["privacy"]) == set(raw["seguridad"]["feedback"]["privacy"])
        for category in raw[d]["feedback"]["categories"]:
            assert set(category) >= domains.CATEGORY_REQUIRED


@pytest.mark.parametrize("domain", DOMAINS)
def test_categories_route_to_real_organizations(domain):
    config = enabled_domains()[domain]
    assert config.dataset_org in ORGANIZATIONS
    for category in config.categories.values():
        assert category.responsible_org in ORGANIZATIONS
        for code, org in category.responsible_by_district.items():
            assert code in distritos() and org in ORGANIZATIONS


def test_anonymous_reports_follow_the_commitments():
    allowed = {(c.domain, c.code): c.anonymous_allowed
               for d in enabled_domains().values() for c in d.categories.values()}
    assert all(v for (d, _), v in allowed.items() if d in ("agua", "seguridad"))
    assert not any(v for (d, _), v in allowed.items() if d == "laboral")
    assert allowed[("agro", "precio-chacra")]
    assert not allowed[("agro", "abuso-compra")]


def test_sensitive_categories_and_identity_reserve():
    seguridad = enabled_domains()["seguridad"].categories
    assert {c for c, v in seguridad.items() if v.sensitive} == {
        "trata", "extorsion", "soborno", "violencia"}
    assert seguridad["soborno"].identity_reserve
    assert enabled_domains()["laboral"].categories["denuncia-laboral"].identity_reserve


def test_service_codes_are_unique_across_domains():
    codes = [c.service_code for d in enabled_domains().values() for c in d.categories.values()]
    assert len(codes) == len(set(codes))


def test_a_broken_domain_file_names_file_key_and_reason(tmp_path):
    path = tmp_path / "domain.yaml"
    text = (DOMAINS_DIR / "agua" / "domain.yaml").read_text()
    path.write_text(text.replace("datatype: number", "datatype: numero", 1))
    with pytest.raises(DomainConfigError, match=r"questions\[1\]\.datatype"):
        load_domain(path)


def test_points_resolve_to_their_district():
    assert geo.district_at(*point_in("130101")) == "130101"
    assert geo.district_at(-12.046, -77.043) is None  # Lima
    # Alto Trujillo lies inside El Porvenir's polygon and may be chosen there.
    assert geo.point_matches_district("130102", "130112")
    assert not geo.point_matches_district("130101", "130112")


def test_coarsening_snaps_to_a_fixed_grid_of_at_least_200_m():
    lat, lon = -8.111612, -79.028791
    cell = privacy.coarsen(lat, lon, 250)
    assert geo.distance_m(lat, lon, *cell) <= 250 * 0.75
    assert cell != (round(lat, 5), round(lon, 5))
    # Every point of a cell publishes the same position.
    corner = privacy.coarsen(cell[0] - 0.0008, cell[1] - 0.0008, 250)
    assert corner == cell
