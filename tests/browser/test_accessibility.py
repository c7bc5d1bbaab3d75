"""Every page of the portal passes axe-core (the npm package, pinned in package.json)
without serious or critical violations; on a phone, the header, breadcrumb and
footer links are big enough for a thumb and the menu reaches the four applications.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from portal_testing import load_open_government, phone_context

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from page_weight import tracking_path  # noqa: E402

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: The citizen pages, the catalogue and the portal's own pages. {dataset},
#: {organization} and {tracking} are filled with what the seed catalog holds.
PAGES = (
    "/", "/dataset/", "/dataset/{dataset}", "/organization/", "/organization/{organization}",
    "/group/", "/acerca", "/desarrolladores", "/user/login",
    "/agua?ubigeo=130101", "/agua/prestadores", "/agua/prestadores/sedalib-s-a",
    "/seguridad", "/seguridad/comparar?distrito=130102", "/seguridad/mapa",
    "/seguridad/autoridades",
    "/agro", "/agro/reportar", "/agro/alertas",
    "/empleo", "/empleo/ofertas", "/empleo/perfiles", "/empleo/perfiles/nuevo",
    "/empleo/sindicatos", "/empleo/sindicatos/RS-LL-2023-0041", "/empleo/negociaciones",
    "/empleo/negociaciones/NC-2024-0045-GRTPE-LL", "/empleo/conflictos",
    "/empleo/capacitacion", "/empleo/tramites", "/empleo/formalizacion",
    "/reportes", "/reportes/agua", "/reportes/agua/nuevo", "/reportes/agua/nuevo/fuga",
    "/reportes/seguridad/nuevo", "/seguimiento", "{tracking}",
    "/gobierno-abierto", "/gobierno-abierto/compromiso/1", "/gobierno-abierto/comite",
    "/apertura",
)

#: What a thumb must be able to hit alone (WCAG 2.5.5: 44 CSS px): the menu, the
#: account and language links, the breadcrumb, the footer and buttons.
TAP_TARGETS = (".masthead a, .account-masthead a, .account-masthead button, "
               ".toolbar .breadcrumb a, .site-footer a, button, .btn")


@pytest.fixture(scope="module")
def site(seeded_catalog, live_server: str) -> dict[str, str]:
    assert seeded_catalog.failures == []
    load_open_government()
    from ckan.tests import helpers

    dataset = helpers.call_action("package_search", q="", rows=1, sort="name asc")["results"][0]
    return {"base": live_server, "dataset": dataset["name"],
            "organization": dataset["organization"]["name"],
            "tracking": tracking_path(live_server)}


@pytest.fixture(scope="module")
def phone(browser):
    context = phone_context(browser, touch=True)
    yield context.new_page()
    context.close()


def test_axe_core_is_installed():
    assert AXE.is_file(), "run `npm ci` (scripts/bootstrap.sh does with WITH_BROWSER=1)"


def test_no_page_has_serious_or_critical_violations(site, phone):
    found = []
    for template in PAGES:
        path = template.format(**site)
        response = phone.goto(site["base"] + path)
        assert response.status == 200, path
        phone.add_script_tag(path=str(AXE))
        result = phone.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                found.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
    assert found == []


def test_tap_targets_on_a_phone_are_at_least_44_px(site, phone):
    small = []
    for template in PAGES:
        path = template.format(**site)
        phone.goto(site["base"] + path)
        for target in phone.evaluate("""selector => [...document.querySelectorAll(selector)]
            .filter(el => el.offsetParent !== null && el.getClientRects().length)
            .filter(el => el.getBoundingClientRect().height < 44)
            .map(el => el.outerHTML.slice(0, 100))""", TAP_TARGETS):
            small.append(f"{path}: {target}")
    assert small == []


def test_the_phone_menu_leads_to_the_four_applications(site, phone):
    phone.goto(site["base"] + "/agua?ubigeo=130101")
    menu = phone.locator(".masthead nav")
    for name, path in (("Seguridad", "/seguridad"), ("Agua", "/agua"), ("Agro", "/agro"),
                       ("Empleo", "/empleo")):
        link = menu.get_by_role("link", name=name, exact=True)
        assert link.is_visible(), name
        assert link.get_attribute("href") == path
