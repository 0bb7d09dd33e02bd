"""Crawl every public URL of a rich portal and look for anything personal that leaked."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings

from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.tests.rich import NEVER_SHOWN

pytestmark = pytest.mark.django_db

ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)["']|"(https?://[^/"]+/[^"]+|/(?:portal|api)/[^"\s]*)\"""")
START = [
    "/portal/",
    "/portal/search/?q=培训",
    "/portal/search/?kind=decision&year=2025",
    "/portal/feed/rss/",
    "/portal/feed/atom/",
    "/portal/feed/rss/?kind=decision",
    "/api/v1/publications?limit=100",
    "/api/v1/kinds",
    "/api/v1/publications.csv",
    "/api/openapi.json",
    *(f"/portal/list/{kind}/" for kind in PublicationKind.values),
]
MAX_PAGES = 600


def _public(url: str) -> str | None:
    parts = urlsplit(url)
    # Feeds and the API link to EDUENFORCE_PUBLIC_URL (core.links): that host is ours too.
    if parts.netloc not in (
        "",
        "testserver",
        urlsplit(settings.PUBLIC_URL).netloc,
    ) or not parts.path.startswith(("/portal/", "/api/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client):
    seen, queue, pages, errors = set(START), deque(START), {}, []
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(url)
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        ctype = response.get("Content-Type", "")
        if not any(t in ctype for t in ("html", "json", "xml", "csv")):
            continue
        text = body.decode("utf-8", errors="replace")
        pages[url] = text
        for match in LINK.finditer(text):
            link = _public(urljoin(url, match.group(1) or match.group(2)).replace("&amp;", "&"))
            if link and link not in seen and "/static/" not in link:
                seen.add(link)
                queue.append(link)
    return pages, errors


@pytest.fixture
def other_apps_data(section_head):
    """Real records behind the other apps' public pages: a completed draw, certified officers."""
    from eduenforce.sampling.tests import scenario

    scenario.institutions(3)
    scenario.officers(2)
    return scenario.drawn(scenario.plan(), section_head)


def test_no_public_page_feed_or_api_response_shows_personal_data(rich_portal, other_apps_data):
    from django.test import Client

    pages, errors = crawl(Client(raise_request_exception=False))
    assert f"/portal/draws/{other_apps_data.public_id}.json" in pages
    kinds_seen = {url for url in pages if url.startswith("/portal/p/")}
    assert len(kinds_seen) >= len(rich_portal) - 1  # every public detail page was reached
    assert any(url.startswith("/api/v1/publications/") for url in pages)
    assert any(".csv" in url for url in pages)
    for url, text in pages.items():
        assert not ID18.search(text), (url, ID18.search(text).group(0))
        assert not MOBILE.search(text), (url, MOBILE.search(text).group(0))
        for secret in NEVER_SHOWN:
            assert secret not in text, (url, secret)
    assert not errors, f"public pages that failed: {errors}"


def test_the_penalised_individual_is_shown_as_surname_and_mou(rich_portal, client):
    page = client.get(rich_portal["individual"].get_absolute_url()).content.decode()
    assert "张某" in page and "欧阳某" in page


def test_what_the_bureau_must_publish_still_shows_after_masking(rich_portal, client):
    page = client.get(rich_portal["decision"].get_absolute_url()).content.decode()
    assert "东丽区某培训学校" in page and "52120110MJ0000000X" in page and "民办教育促进法" in page
