"""English is offered on every page: each Spanish text of the portal has its English.

Texts are extracted the way setup.py's message_extractors do (CKAN's extractor for
templates, Python's for code). A text counts as translated when the English catalog
that serves it has it: the portal's own catalog, the commitment's own catalog for
texts under domains/<d>/, or CKAN's for CKAN's own (English) msgids.
"""
from __future__ import annotations

from pathlib import Path

import ckan
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

GRLL = Path(__file__).resolve().parents[2] / "ckanext-grll" / "ckanext" / "grll"
CKAN_CATALOG = Path(ckan.__file__).parent / "i18n" / "es" / "LC_MESSAGES" / "ckan.po"
METHODS = [("**.py", "python"), ("**/templates/**.html", "ckan.lib.extract:extract_ckan")]
DOMAINS = sorted(path.name for path in (GRLL / "domains").iterdir()
                 if (path / "domain.yaml").exists())


def translated(po_path: Path) -> set[str]:
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    return {message.id if isinstance(message.id, str) else message.id[0]
            for message in catalog if message.id and message.string
            and (message.string if isinstance(message.string, str) else message.string[0])}


def untranslated(folder: Path, known: set[str]) -> list[str]:
    missing = set()
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(folder), METHODS):
        text = message if isinstance(message, str) else message[0]
        if text and text not in known:
            missing.add(f"{folder.name}/{filename}:{lineno}: {text[:80]}")
    return sorted(missing)


@pytest.fixture(scope="module")
def portal_english() -> set[str]:
    # CKAN's msgids are English already: they need no entry of ours.
    ckan_msgids = {m.id if isinstance(m.id, str) else m.id[0]
                   for m in read_po(CKAN_CATALOG.open("rb")) if m.id}
    return translated(GRLL / "i18n" / "en" / "LC_MESSAGES" / "ckanext-grll.po") | ckan_msgids


@pytest.mark.parametrize("package", ["theme", "feedback", "catalog", "search", "seed",
                                     "harvesting"])
def test_portal_texts_have_english(package, portal_english):
    assert untranslated(GRLL / package, portal_english) == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_commitment_texts_have_english(domain, portal_english):
    own = translated(GRLL / "domains" / domain / "i18n" / "en" / "LC_MESSAGES"
                     / f"ckanext-grll_{domain}.po")
    assert untranslated(GRLL / "domains" / domain, portal_english | own) == []
