"""Identifiers survive every public surface whatever they look like; feeds carry plain text as
text; the 500 page is styled and public pages' 500 has no link to the staff login."""

import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory

from eduenforce.portal.models import Publication, new_public_id
from eduenforce.portal.tests.factories import publish

pytestmark = pytest.mark.django_db
ALL_DIGITS = "9566545410511464"  # passes the bank-card (Luhn) check
ATOM = "{http://www.w3.org/2005/Atom}"


def test_new_public_ids_always_hold_a_letter():
    assert all(not new_public_id().isdigit() for _ in range(2000))


def test_an_all_digit_public_id_is_never_masked_anywhere(client, section_head):
    older = publish(by=section_head, title="较早的决定")
    publication = publish(by=section_head, title="对某机构的行政处罚决定")
    Publication.objects.filter(pk=publication.pk).update(
        public_id=ALL_DIGITS, title=f"对某机构的行政处罚决定（{ALL_DIGITS}）"
    )
    Publication.objects.filter(pk=older.pk).update(published_at=publication.published_at.replace(year=2024))
    page = client.get(f"/portal/p/{ALL_DIGITS}/")
    assert page.status_code == 200 and page.content.decode().count(ALL_DIGITS) >= 2
    assert f"/portal/p/{ALL_DIGITS}/" in client.get("/portal/list/decision/").content.decode()
    rss = ET.fromstring(client.get("/portal/feed/rss/").content)
    assert ALL_DIGITS in [g.text for g in rss.iter("guid")]
    atom = client.get("/portal/feed/atom/").content.decode()
    assert f"/portal/p/{ALL_DIGITS}/" in atom
    first = client.get("/api/v1/publications?limit=1").json()
    assert first["items"][0]["public_id"] == ALL_DIGITS and first["next_cursor"] == ALL_DIGITS
    assert ALL_DIGITS in first["items"][0]["url"] and ALL_DIGITS in first["items"][0]["title"]
    second = client.get(f"/api/v1/publications?limit=1&cursor={first['next_cursor']}")
    assert second.status_code == 200 and second.json()["items"][0]["public_id"] == older.public_id
    csv = b"".join(client.get("/api/v1/publications.csv").streaming_content).decode("utf-8-sig")
    assert ALL_DIGITS in csv


def test_the_licence_text_is_given_as_written(client):
    licence = client.get("/api/v1/licence").json()["masking"]
    assert "[已隐去]" not in licence and "电话、住址、银行账号" in licence


HOSTILE = "\"'><img src=x onerror=alert(1)>"


def test_feeds_carry_titles_and_summaries_as_plain_text(client, section_head):
    publish(by=section_head, title=f"标题{HOSTILE}", summary=f"摘要{HOSTILE}")
    rss = ET.fromstring(client.get("/portal/feed/rss/").content)
    item = next(rss.iter("item"))
    # RSS readers treat <description> as HTML: the text arrives escaped, never as markup.
    assert "<img" not in item.find("description").text and "&lt;img" in item.find("description").text
    atom = ET.fromstring(client.get("/portal/feed/atom/").content)
    entry = next(atom.iter(f"{ATOM}entry"))
    summary, title = entry.find(f"{ATOM}summary"), entry.find(f"{ATOM}title")
    assert summary.get("type") == "text" and HOSTILE in summary.text
    assert title.get("type") in (None, "text") and HOSTILE in title.text


def test_the_500_page_of_the_portal_is_styled_and_has_no_staff_login_link():
    from eduenforce.core.views import server_error

    page = server_error(RequestFactory().get("/portal/p/abc/")).content.decode()
    assert "bootstrap" in page and "返回公示平台首页" in page
    assert "login" not in page and "登录" not in page and 'href="/"' not in page
    api = server_error(RequestFactory().get("/api/v1/publications"))
    assert api.status_code == 500 and api["Content-Type"].startswith("application/json")
    staff = server_error(RequestFactory().get("/cases/1/")).content.decode()
    assert "返回工作台" in staff
