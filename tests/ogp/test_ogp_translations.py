"""Every text of the plan's pages and messages has its English (the room's own catalog,
the portal's, or CKAN's for CKAN's own msgids), extracted as setup.py extracts."""
from __future__ import annotations

from pathlib import Path

import ckan
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

OGP = Path(__file__).resolve().parents[2] / "ckanext-grll" / "ckanext" / "grll" / "ogp"
CATALOGS = (OGP / "i18n" / "en" / "LC_MESSAGES" / "ckanext-grll_ogp.po",
            OGP.parent / "i18n" / "en" / "LC_MESSAGES" / "ckanext-grll.po")
METHODS = [("**.py", "python"), ("**/templates/**.html", "ckan.lib.extract:extract_ckan")]


def test_every_text_has_its_english():
    known = {m.id if isinstance(m.id, str) else m.id[0]
             for m in read_po((Path(ckan.__file__).parent / "i18n" / "es" / "LC_MESSAGES"
                               / "ckan.po").open("rb")) if m.id}
    for path in CATALOGS:
        known |= {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(path.open("rb"))
                  if m.id and m.string and (m.string if isinstance(m.string, str)
                                            else m.string[0])}
    missing = sorted(f"{name}:{line}: {text}" for name, line, text, *_ in
                     extract_from_dir(str(OGP), METHODS)
                     if (text if isinstance(text, str) else text[0]) not in known)
    assert missing == []
