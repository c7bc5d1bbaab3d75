"""Pages, styles, scripts and API answers travel gzip-compressed to clients that accept
it; streamed downloads stay streamed; clients without gzip get plain answers."""
from __future__ import annotations

import gzip
import re

import pytest

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def stylesheet(app) -> str:
    # CKAN's stylesheet: the dataset list keeps it (citizen pages have a light one).
    page = app.get("/dataset/").body
    return re.search(r'href="(/webassets/base/[^"]+\.css)"', page).group(1)


def test_pages_and_assets_are_compressed_for_browsers(app, stylesheet):
    for url in ("/", stylesheet, "/api/3/action/grll_feedback_services", "/desarrolladores"):
        plain = app.get(url)
        packed = app.get(url, headers=GZIP)
        assert packed.headers["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in packed.headers["Vary"]
        if url == stylesheet:
            assert gzip.decompress(packed.get_data()) == plain.get_data()
            assert len(packed.get_data()) < len(plain.get_data()) / 3


def test_clients_without_gzip_get_plain_answers(app, stylesheet):
    response = app.get(stylesheet)
    assert "Content-Encoding" not in response.headers
    assert response.body.lstrip().startswith(("/*", "@", ":", "."))


def test_a_cached_asset_is_still_revalidated(app, stylesheet):
    packed = app.get(stylesheet, headers=GZIP)
    etag = packed.headers["ETag"]
    assert etag.startswith('W/"')
    again = app.get(stylesheet, headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304


def test_streamed_downloads_stay_streamed(app):
    response = app.get("/catalogo/datasets.csv", headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response.body.startswith("name,") or "," in response.body.splitlines()[0]
