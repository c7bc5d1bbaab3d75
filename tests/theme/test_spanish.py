"""Every page speaks one Spanish: *usted*, Peruvian usage, no English showing through.

CKAN's own Spanish catalogue mixes registers (voseo from Argentina, *tú*, *usted*) and
leaves some texts in English; the portal's Spanish catalogue
(`grll/i18n/es/LC_MESSAGES/ckanext-grll.po`) overrides them. This test renders every
page a visitor and a data steward can open, with the seed catalog loaded, and looks in the visible text and the texts a screen reader or a form shows
(placeholders, titles, labels) for the forms the portal does not use, and for texts
that are CKAN's English msgids left untranslated. Two kinds of staff pages are left
out, because CKAN and ckanext-harvest write parts of them in English outside any
catalogue, and only staff see them: the system administrator's (`/ckan-admin`) and
ckanext-harvest's form for a harvest source (`/harvest/new`; its button and several
labels are literal English in the extension's template).
"""
from __future__ import annotations

import re
from pathlib import Path

import ckan
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from ckan.tests import factories, helpers

pytestmark = pytest.mark.usefixtures("seeded_catalog")

CKAN_ES = Path(ckan.__file__).parent / "i18n" / "es" / "LC_MESSAGES" / "ckan.po"
PORTAL_ES = (Path(__file__).resolve().parents[2] / "ckanext-grll" / "ckanext" / "grll"
             / "i18n" / "es" / "LC_MESSAGES" / "ckanext-grll.po")

#: Forms the portal does not use, each with why.
FORBIDDEN = {
    # Voseo (Río de la Plata) and tú: the portal addresses the citizen as usted.
    re.compile(r"\b(podés|tenés|querés|sabés|hacé|elegí|ingresá|escribí|sos)\b",
               re.IGNORECASE): "voseo",
    re.compile(r"\b(tú|tu|tus|te|puedes|tienes|quieres|debes|necesitas|estás|eres|contigo|"
               r"haz|olvidaste|recuerdas|inténtalo|regístrate|conéctate)\b",
               re.IGNORECASE): "tuteo",
    # A tú imperative opening a sentence, a button or a link ("Añade", not "Añada").
    re.compile(r"(^|[.!?¿¡]\s+)(Añade|Selecciona|Elige|Escribe|Introduce|Pulsa|Compara|"
               r"Ingresa|Busca|Crea|Cambia|Sube|Revisa|Consulta|Descarga)\b"): "tuteo",
    # Words of another register or country, and a placeholder name from England.
    re.compile(r"\bConectarse\b"): "«Iniciar sesión» is the portal's word",
    re.compile(r"\bFeed de Noticias\b"): "«Novedades» is the portal's word",
    re.compile(r"\bJoe Bloggs\b"): "an English placeholder name",
    re.compile(r"\só\s"): "«o» carries no accent (RAE, 2010)",
    re.compile(r"Iniciar Sesión"): "Spanish capitalises only the first word (Iniciar sesión)",
    # A label is followed by its colon without a space before it.
    re.compile(r"\w\s+:(\s|$)"): "a space before a colon",
}

ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


def english_msgids() -> set[str]:
    """CKAN's English texts that have a Spanish translation different from themselves
    (in CKAN's catalogue or in the portal's override), or none at all."""
    spanish: dict[str, str] = {}
    for path in (CKAN_ES, PORTAL_ES):
        if path.exists():
            for message in read_po(path.open("rb")):
                if message.id and isinstance(message.id, str) and message.string:
                    spanish[message.id] = message.string
    return {msgid for message in read_po(CKAN_ES.open("rb"))
            if isinstance((msgid := message.id), str) and len(msgid) > 3
            and re.search(r"[a-z]{3}", msgid) and "%" not in msgid and "{" not in msgid
            and spanish.get(msgid, "") != msgid}


def visible_texts(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "template", "noscript", "code", "pre", "kbd"]):
        hidden.decompose()
    texts = [" ".join(text.split()) for text in page.find_all(string=True)]
    for element in page.find_all(True):
        texts += [" ".join(str(element[name]).split()) for name in ATTRIBUTES
                  if element.has_attr(name)]
        if element.name == "input" and element.get("type") in ("submit", "button"):
            texts.append(" ".join(str(element.get("value", "")).split()))
    return [text for text in texts if text]


def problems(html: str, english: set[str]) -> list[str]:
    found = []
    texts = visible_texts(html)
    for pattern, why in FORBIDDEN.items():
        for text in texts:
            if match := pattern.search(text):
                start = max(match.start() - 30, 0)
                found.append(f"{why}: «{text[start:match.end() + 30]}»")
    found += [f"English: «{text}»" for text in texts if text in english]
    return found


def simple_pages(app) -> list[str]:
    """Every page address without parameters that answers with an HTML page."""
    # The activity plugin's */changes_multiple pages need new_id and old_id: without
    # them CKAN 2.12 raises instead of answering a page.
    skip = ("/api/", "/testing/", "/util/", "/user/_logout", "/user/logged_out_redirect",
            "/ckan-admin/", "/harvest/new", "/feeds/", "/no/", "/zh_",
            "/dataset/changes_multiple", "/group/changes_multiple",
            "/organization/changes_multiple")
    rules = {rule.rule for rule in app.flask_app.url_map.iter_rules()
             if "GET" in rule.methods and "<" not in rule.rule}
    return sorted(rule for rule in rules if not rule.startswith(skip)
                  and not rule.endswith((".csv", ".json", ".jsonl", ".txt", ".xml", ".js",
                                         ".webmanifest", ".atom")))


def seed_pages(steward: dict) -> list[str]:
    dataset = helpers.call_action("package_search", rows=1, sort="name asc",
                                  fq="+num_resources:[1 TO *]")["results"][0]
    organization = helpers.call_action("organization_list")[0]
    group = helpers.call_action("group_list")[0]
    return [f"/dataset/{dataset['name']}",
            f"/dataset/{dataset['name']}/resource/{dataset['resources'][0]['id']}",
            f"/dataset/edit/{dataset['name']}", f"/dataset/activity/{dataset['name']}",
            f"/organization/{organization}", f"/organization/about/{organization}",
            f"/group/{group}", f"/user/{steward['name']}", "/user/edit",
            "/dashboard/datasets", "/dataset/?q=agua",
            "/dataset/?q=zzzz-nada"]


@pytest.fixture(scope="module")
def english() -> set[str]:
    return english_msgids()


@pytest.fixture(scope="module")
def steward() -> dict:
    """An editor of the organization of the first seed dataset with resources."""
    user = factories.UserWithToken()
    dataset = helpers.call_action("package_search", rows=1, sort="name asc",
                                  fq="+num_resources:[1 TO *]")["results"][0]
    helpers.call_action("organization_member_create", id=dataset["owner_org"],
                        username=user["name"], role="editor")
    return user


def test_every_page_speaks_one_spanish(app, english, steward):
    as_steward = {"Authorization": steward["token"]}
    report = {}
    pages = simple_pages(app) + seed_pages(steward)
    for url in pages:
        for who, headers in (("visitante", {}), ("responsable de datos", as_steward)):
            response = app.get(url, headers=headers)
            if response.status_code != 200 or "html" not in response.content_type:
                continue
            found = problems(response.get_data(as_text=True), english)
            if found:
                report[f"{url} ({who})"] = sorted(set(found))
    for page, found in report.items():
        print("PAGE", page, *found, sep="\n  ")
    assert report == {}


def test_the_scan_finds_what_it_looks_for(english):
    # The scan itself: each kind of slip in a page is reported.
    html = ("<main><label>Víctima :</label><p>Podés usar formato Markdown</p>"
            "<a>Conectarse</a><input placeholder='Joe Bloggs'><button>Follow</button>"
            "<p>¿Olvidaste tu contraseña?</p></main>")
    found = " ".join(problems(html, english))
    for why in ("space before a colon", "voseo", "Iniciar sesión", "English placeholder",
                "English: «Follow»", "tuteo"):
        assert why in found
    assert problems("<main><p>Puede usar formato Markdown.</p></main>", english) == []
