"""Every number a person reads on the four applications is written one way.

The portal writes numbers as Peru's legal units system does (`grll/numbers.py`):
a decimal comma, groups of three separated by a space from five digits on. This test
renders the pages of the four applications, with the seed catalog loaded, plus the
pages they link to one step away inside the same application, and looks in the
visible text for a number written in another convention: a thousands comma
("1,800") or a decimal point ("12.5"). Dates in `<time>`, code, form values and
addresses are not numbers a person reads, and are left out. It also checks that the
charts' percentage axes end at 100 % at most, on round ticks.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from ckanext.grll.domains import charts

pytestmark = pytest.mark.usefixtures("seeded_catalog")

APPLICATIONS = ("/agua", "/seguridad", "/agro", "/empleo")

#: A number in another convention: "1,800" (a thousands comma), "12.5" (a decimal
#: point), "1.800" (a thousands point).
OTHER_CONVENTION = {
    re.compile(r"(?<![\w.,])\d{1,3}(,\d{3})+(?![\d,])"): "a comma groups thousands",
    re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])"): "a decimal point",
}


def visible_texts(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "template", "noscript", "code", "pre", "kbd",
                        "time", "input", "textarea", "select", "head"]):
        hidden.decompose()
    texts = [" ".join(text.split()) for text in page.find_all(string=True)]
    for element in page.find_all(True):
        texts += [" ".join(str(element[name]).split())
                  for name in ("aria-label", "title", "alt", "placeholder")
                  if element.has_attr(name)]
    # An address written as a link's text is not a number.
    return [re.sub(r"\S+(://|www\.|@)\S*", "", text) for text in texts if text]


def problems(html: str) -> list[str]:
    found = []
    for text in visible_texts(html):
        for pattern, why in OTHER_CONVENTION.items():
            if match := pattern.search(text):
                start = max(match.start() - 30, 0)
                found.append(f"{why}: «{text[start:match.end() + 30]}»")
    return found


def first_option(app, url: str, name: str) -> str:
    page = BeautifulSoup(app.get(url).get_data(as_text=True), "html.parser")
    return next(option["value"] for option in page.select(f"select[name={name}] option")
                if option.get("value"))


def application_pages(app) -> dict[str, str]:
    """The four applications' pages and the pages they link to inside themselves, with
    the answers of a district's water and safety."""
    pages: dict[str, str] = {}
    queue = [*APPLICATIONS,
             f"/agua?ubigeo={first_option(app, '/agua', 'ubigeo')}",
             f"/seguridad/comparar?distrito={first_option(app, '/seguridad/comparar', 'distrito')}"]
    for depth in range(2):
        following = []
        for url in queue:
            if url in pages:
                continue
            response = app.get(url)
            if response.status_code != 200 or "html" not in response.content_type:
                continue
            pages[url] = html = response.get_data(as_text=True)
            if depth:
                continue
            for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
                parts = urlsplit(link["href"])
                if (not parts.netloc and parts.path.startswith(APPLICATIONS)
                        and not parts.path.endswith((".csv", ".json", ".webmanifest"))):
                    following.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        queue = following
    return pages


def test_every_number_is_written_one_way(app):
    pages = application_pages(app)
    assert set(APPLICATIONS) <= set(pages)
    report = {url: sorted(set(found)) for url, html in pages.items()
              if (found := problems(html))}
    for page, found in report.items():
        print("PAGE", page, *found, sep="\n  ")
    assert report == {}


def axis_labels(svg) -> list[str]:
    """The labels of a chart's value axis (right-aligned left of the plot)."""
    return [text.get_text() for text in svg.find_all("text") if text.get("text-anchor") == "end"
            and float(text["x"]) < 80]


def percentages(labels: list[str]) -> list[float]:
    return [float(label.replace("\u00a0%", "").replace(",", ".")) for label in labels]


def test_a_percentage_axis_ends_at_100_on_round_ticks(app):
    page = BeautifulSoup(app.get("/empleo").get_data(as_text=True), "html.parser")
    charts = {section["id"]: section.find("svg")
              for section in page.select("section.grll-laboral-grafico")}
    # The informality rate reaches 99 % in the seed data: its axis stops at 100 %.
    values = percentages(axis_labels(charts["grafico-informalidad"]))
    assert values[0] == 0 and values[-1] == 100
    for code in ("desempleo", "informalidad", "subempleo"):
        values = percentages(axis_labels(charts[f"grafico-{code}"]))
        steps = {round(b - a, 6) for a, b in zip(values, values[1:], strict=False)}
        assert values[0] == 0 and values[-1] <= 100 and len(steps) == 1
        assert steps.pop() in {0.5, 1, 2, 2.5, 5, 10, 20, 25}, values
    for svg in charts.values():
        assert svg["role"] == "img" and (svg.get("aria-label") or svg.get("aria-labelledby"))


#: The smallest size, in CSS px, of a chart's label on a 360 px wide phone.
SMALLEST_LABEL_PX = 11

RENDERED_LABEL_SIZES = """() => Array.from(document.querySelectorAll('svg[role=img] text')).map(
  (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


@pytest.mark.browser
def test_chart_labels_are_readable_on_a_phone(app, live_server, browser):
    comparison = ("/seguridad/comparar?distrito="
                  + first_option(app, "/seguridad/comparar", "distrito"))
    context = browser.new_context(locale="es-PE", viewport={"width": 360, "height": 740})
    phone = context.new_page()
    try:
        for url in ("/empleo", comparison):
            phone.goto(live_server + url)
            sizes = phone.evaluate(RENDERED_LABEL_SIZES)
            assert sizes and min(sizes) >= SMALLEST_LABEL_PX, (url, min(sizes))
    finally:
        context.close()


def test_the_scan_finds_numbers_written_another_way():
    html = ("<main><p>S/ 1,800.00</p><p>12.5 %</p><time>2024.01</time>"
            "<input value='3.5'><a href='https://x.pe/v1.2'>https://x.pe/v1.2</a></main>")
    found = " ".join(problems(html))
    assert found.count("comma groups thousands") == 1 and found.count("decimal point") == 2
    assert problems("<p>S/\u00a01800,00 · 12\u00a0500 · 12,5\u00a0% · 2024</p>") == []


@pytest.mark.parametrize("high,percent,expected", [
    (99.0, True, [0, 20, 40, 60, 80, 100]),
    (106.9, True, [0, 20, 40, 60, 80, 100]),
    (4.9, True, [0, 1, 2, 3, 4, 5]),
    (3067.2, False, [0, 1000, 2000, 3000, 4000]),
    (1353.0, False, [0, 500, 1000, 1500]),
])
def test_axes_run_from_zero_to_a_round_value(high, percent, expected):
    assert charts.ticks(high, percent=percent) == expected
