"""Feeds and the open-data API link to EDUENFORCE_PUBLIC_URL, never to the host a clerk or a
crawler used: a link copied from an intranet host must still open for the public."""

import xml.etree.ElementTree as ET

import pytest

from eduenforce.portal.tests.factories import publish

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://zf.example.gov.cn"
INTRANET = "10.1.2.3:8000"


@pytest.fixture
def public_base(settings):
    settings.PUBLIC_URL = BASE
    settings.ALLOWED_HOSTS = ["*"]


def test_the_rss_feed_links_channel_and_items_to_the_public_address(client, section_head, public_base):
    publication = publish(by=section_head, title="对某机构的行政处罚决定")
    rss = ET.fromstring(client.get("/portal/feed/rss/", HTTP_HOST=INTRANET).content)
    channel = rss.find("channel")
    assert channel.find("link").text == f"{BASE}/portal/"
    item_links = [i.find("link").text for i in rss.iter("item")]
    assert item_links == [f"{BASE}/portal/p/{publication.public_id}/"]
    assert INTRANET not in ET.tostring(rss, encoding="unicode")


def test_the_atom_feed_names_its_own_public_address(client, section_head, public_base):
    publish(by=section_head, title="对某机构的行政处罚决定")
    body = client.get("/portal/feed/atom/?kind=decision", HTTP_HOST=INTRANET).content
    atom = ET.fromstring(body)
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
    assert links["self"] == f"{BASE}/portal/feed/atom/?kind=decision"
    assert links["alternate"] == f"{BASE}/portal/"
    assert INTRANET not in body.decode()


def test_api_items_kinds_and_csv_link_to_the_public_address(client, section_head, public_base):
    publication = publish(by=section_head, title="对某机构的行政处罚决定")
    items = client.get("/api/v1/publications", HTTP_HOST=INTRANET).json()["items"]
    assert items[0]["url"] == f"{BASE}/portal/p/{publication.public_id}/"
    kinds = client.get("/api/v1/kinds", HTTP_HOST=INTRANET).json()
    assert kinds[0]["list_url"].startswith(f"{BASE}/api/v1/publications?kind=")
    assert kinds[0]["csv_url"].startswith(f"{BASE}/api/v1/publications.csv?kind=")
    csv = b"".join(client.get("/api/v1/publications.csv", HTTP_HOST=INTRANET).streaming_content)
    assert f"{BASE}/portal/p/{publication.public_id}/" in csv.decode("utf-8-sig")
    assert INTRANET not in csv.decode("utf-8-sig")


def test_without_a_configured_address_demo_and_tests_use_the_local_server():
    from eduenforce.settings import public_base_url

    assert public_base_url(None, required=False) == "http://127.0.0.1:8000"
    assert public_base_url(" https://zf.example.gov.cn/ ", required=False) == BASE


def test_production_refuses_to_start_without_a_public_address_or_with_a_malformed_one():
    from django.core.exceptions import ImproperlyConfigured

    from eduenforce.settings import public_base_url

    with pytest.raises(ImproperlyConfigured, match="EDUENFORCE_PUBLIC_URL"):
        public_base_url("", required=True)
    with pytest.raises(ImproperlyConfigured, match="EDUENFORCE_PUBLIC_URL"):
        public_base_url("zf.example.gov.cn?x=1", required=True)
