"""sitemap.xml: the portal's pages, datasets of every type, organizations, groups and
approved reuses; and robots.txt, which names it."""
from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

import ckan.plugins.toolkit as tk

from ckanext.grll.catalog import exports

STATIC_PAGES = ("/", "/dataset/", "/organization/", "/group/", "/acerca", "/desarrolladores",
                "/aplicaciones", "/solicitudes", "/datos-desactualizados")


def _url(loc: str, lastmod: str | None = None) -> str:
    modified = f"<lastmod>{escape(lastmod[:10])}</lastmod>" if lastmod else ""
    return f"<url><loc>{escape(loc)}</loc>{modified}</url>\n"


def _groups(kind: str) -> Iterator[dict]:
    offset = 0
    while True:
        page = tk.get_action(f"{kind}_list")({}, {"all_fields": True, "limit": 500,
                                                  "offset": offset})
        yield from page
        if len(page) < 500:
            return
        offset += 500


def lines() -> Iterator[str]:
    """The sitemap, one <url> per yield (streamed)."""
    site = exports.site_url()
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
    for page in STATIC_PAGES:
        yield _url(site + page)
    for dataset in exports.public_datasets():
        yield _url(exports.dataset_url(dataset), dataset.get("metadata_modified"))
    for kind in ("organization", "group"):
        for group in _groups(kind):
            yield _url(f"{site}/{kind}/{group['name']}")
    offset = 0
    while True:
        reuses = tk.get_action("grll_catalog_reuse_list")({"user": ""},
                                                          {"limit": 500, "offset": offset})
        for reuse in reuses["results"]:
            yield _url(f"{site}/aplicaciones/{reuse['id']}", reuse["modified"])
        offset += 500
        if offset >= reuses["count"]:
            break
    yield "</urlset>\n"


def robots_txt() -> str:
    """CKAN's rules for crawlers plus the sitemap's address (robots.txt needs it
    absolute)."""
    return ("User-agent: *\n"
            "Disallow: /dataset/rate/\n"
            "Disallow: /revision/\n"
            "Disallow: /dataset/*/history\n"
            "Disallow: /api/\n"
            "Crawl-Delay: 10\n"
            "\n"
            f"Sitemap: {exports.site_url()}/sitemap.xml\n")
