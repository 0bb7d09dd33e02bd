"""Public pages are compressed and light: the HTML and JSON gzip-compressed by the middleware,
static files pre-compressed by collectstatic (WhiteNoise), and a portal page with everything
it loads (styles, scripts, the icon font) under 100 KiB transferred."""

import gzip
import re
from pathlib import PurePosixPath

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from eduenforce.portal.tests.factories import publish

pytestmark = pytest.mark.django_db
BUDGET = 100 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"?#]+)"')
CSS_URL = re.compile(r'url\(["\']?(?!data:)([^"\')?#]+)')


def _static_bytes(path: str) -> bytes:
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, path
    with open(found, "rb") as handle:
        return handle.read()


def _transferred(path: str) -> int:
    """What WhiteNoise sends: the .gz that collectstatic writes, when it is smaller."""
    raw = _static_bytes(path)
    return min(len(raw), len(gzip.compress(raw, 9)))


def _assets(html: str) -> set[str]:
    assets = set(ASSET.findall(html))
    for css in [a for a in assets if a.endswith(".css")]:
        base = PurePosixPath(css).parent
        for ref in CSS_URL.findall(_static_bytes(css).decode()):
            assets.add(str(base / ref))
    return assets


def test_static_files_are_stored_compressed():
    assert settings.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise.storage.Compressed")
    assert "django.middleware.gzip.GZipMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize("url", ["/portal/", "/portal/list/decision/", "/portal/search/?q=培训"])
def test_a_portal_page_with_all_it_loads_is_under_100_kib_transferred(client, section_head, url):
    for n in range(15):
        publish(by=section_head, title=f"对东丽区某培训学校的行政处罚决定（{n}）", summary="超范围培训；警告")
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    weights = {asset: _transferred(asset) for asset in _assets(html)}
    total = len(response.content) + sum(weights.values())
    assert total < BUDGET, (total, weights)
    assert not any("bootstrap-icons" in a for a in weights)  # the portal's own subset font instead


def test_api_json_is_compressed(client, section_head):
    publish(by=section_head, title="对东丽区某培训学校的行政处罚决定")
    response = client.get("/api/v1/publications", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip" and gzip.decompress(response.content).startswith(b"{")
