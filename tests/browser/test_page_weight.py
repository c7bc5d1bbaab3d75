"""A resident on a cheap phone with a slow link (issue 15): every citizen page costs at
most 150 KB and shows its first content within 2.5 s on a cold cache; the next page
costs only its HTML, because the static files are fingerprinted and kept a year.

The measuring code is bench/page_weight.py's (`make bench` prints the same figures)."""
from __future__ import annotations

import re
import sys
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from page_weight import (  # noqa: E402
    CITIZEN_PAGES,
    SECOND_PAGE,
    measure,
    new_phone,
    tracking_path,
)
from portal_testing import load_open_government  # noqa: E402

pytestmark = pytest.mark.browser

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def seeded_site(seeded_catalog, live_server: str, browser) -> str:
    assert seeded_catalog.failures == []
    load_open_government()
    # Each page once without throttling: a worker's first render of a template is
    # not what a citizen waits for.
    context = browser.new_context()
    page = context.new_page()
    for path in CITIZEN_PAGES:
        page.goto(live_server + path)
    context.close()
    return live_server


def test_every_citizen_page_is_light_and_quick_on_a_slow_phone(seeded_site, browser):
    misses = []
    for path in [*CITIZEN_PAGES, tracking_path(seeded_site)]:
        context, page, cdp = new_phone(browser)
        try:
            visit = measure(page, cdp, seeded_site, path)
        finally:
            context.close()
        if not visit.meets_targets:
            misses.append(f"{path}: HTTP {visit.status}, {visit.bytes / 1024:.0f} KB, "
                          f"first paint {visit.fcp_ms:.0f} ms")
    assert misses == []


def test_a_second_page_brings_only_its_html(seeded_site, browser):
    context, page, cdp = new_phone(browser)
    try:
        first = measure(page, cdp, seeded_site, "/")
        second = measure(page, cdp, seeded_site, SECOND_PAGE)
    finally:
        context.close()
    assert first.static_from_network, "the first page fetches the portal's styles"
    assert second.fetched_again(first) == []
    # The only new file of the second page is its own stylesheet.
    assert [kind for _, kind in second.from_network] == ["Document", "Stylesheet"]


def header(url: str, name: str) -> str | None:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.headers.get(name)


def test_static_files_carry_their_fingerprint_and_are_kept_a_year(seeded_site):
    with urllib.request.urlopen(seeded_site + "/agua", timeout=30) as answer:
        html = answer.read().decode()
    own = re.search(r'href="(/grll/agua/agua\.css\?v=[0-9a-f]{12})"', html)
    bundle = re.search(r'href="(/webassets/grll/[0-9a-f]{8}_portal\.css)"', html)
    assert own and bundle, "the page links its styles with their fingerprints"
    assert header(seeded_site + own.group(1), "Cache-Control") == IMMUTABLE
    assert header(seeded_site + bundle.group(1), "Cache-Control") == IMMUTABLE
    # A stale or missing fingerprint is revalidated, never kept a year.
    for stale in ("/grll/agua/agua.css?v=000000000000", "/grll/agua/agua.css"):
        assert "immutable" not in (header(seeded_site + stale, "Cache-Control") or "")
    # Pages themselves are never kept.
    assert "immutable" not in (header(seeded_site + "/agua", "Cache-Control") or "")


def test_a_report_is_sent_from_the_light_form_without_ckan_scripts(seeded_site, browser):
    # The form posts its CSRF token by itself: no CKAN script is there to add it.
    context, page, _cdp = new_phone(browser)
    try:
        page.goto(seeded_site + "/reportes/agua/nuevo/fuga")
        assert page.evaluate("typeof window.jQuery === 'undefined' && typeof window.ckan === 'undefined'")
        page.fill("#description", "Tubería rota frente al mercado: el agua corre por la pista.")
        page.select_option("#ubigeo", "130102")
        page.click("button[type=submit].grll-feedback-big")
        page.wait_for_url("**/seguimiento/*")
        assert page.locator("h1").is_visible()
    finally:
        context.close()
