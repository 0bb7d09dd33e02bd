"""Every public page type renders in Chinese from real publications, with no login; bad input is
a Chinese 400/404/410/429 page, never a 500; pages beyond the end are handled."""

import re
from datetime import date

import pytest

from eduenforce.accounts.models import Department
from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.tests.factories import publish

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    assert '<html lang="zh-CN">' in text
    assert not INLINE_SCRIPT.search(text) and not EVENT_HANDLER.search(text)
    return text


def test_the_home_page_lists_every_category_and_the_latest_publications(client, rich_portal):
    page = html(client.get("/portal/"))
    for label in (
        "行政执法事项清单",
        "年度执法检查计划",
        "专项检查",
        "双随机抽查计划",
        "抽取结果与验证",
        "抽查检查结果",
        "行政处罚决定",
        "行政执法年度报告",
        "执法动态",
        "法律法规解读",
        "执法主体",
        "开放数据",
    ):
        assert label in page
    assert rich_portal["decision"].title in page


def test_the_enforcement_body_page_names_the_bureau_its_units_and_certified_officers(client):
    page = html(client.get("/portal/about/"))
    assert "教育行政执法大队" in page and "行政复议" in page and 'data-testid="certified-count"' in page


@pytest.mark.parametrize("kind", PublicationKind.values)
def test_each_kind_has_a_chinese_list_and_detail_page(client, rich_portal, kind):
    publication = rich_portal[kind]
    listing = html(client.get(f"/portal/list/{kind}/"))
    assert PublicationKind(kind).label in listing and publication.title in listing
    detail = html(client.get(publication.get_absolute_url()))
    assert publication.title in detail and publication.public_id in detail


def test_an_article_is_rendered_as_safe_html_with_its_attachment(client, rich_portal):
    page = html(client.get(rich_portal["news"].get_absolute_url()))
    assert "<p>" in page and "alert(1)" not in page and "onclick" not in page
    token = re.search(r"/portal/attachments/([0-9a-f]{16})/", page).group(1)
    response = client.get(f"/portal/attachments/{token}/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert (
        response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_feeds_carry_new_publications(client, rich_portal):
    rss = client.get("/portal/feed/rss/")
    assert rss.status_code == 200 and "rss" in rss["Content-Type"]
    assert rich_portal["decision"].title in rss.content.decode()
    atom = client.get("/portal/feed/atom/?kind=news").content.decode()
    assert rich_portal["news"].title in atom and rich_portal["decision"].title not in atom


def test_the_open_data_page_states_the_licence_and_the_endpoints(client):
    page = html(client.get("/portal/open-data/"))
    assert "使用许可" in page and "/api/v1/publications" in page and ".csv" in page


def test_search_finds_a_decision_by_words_and_filters_by_year_and_street(client, section_head):
    street = Department.objects.get(code="zgz")
    hit = publish(
        by=section_head,
        title="对东丽区星光培训学校的行政处罚决定",
        occurred_on=date(2025, 5, 6),
        street=street,
    )
    publish(by=section_head, title="对东丽区星光艺术学校的行政处罚决定", occurred_on=date(2024, 5, 6))
    page = html(client.get("/portal/search/", {"q": "星光 培训", "year": "2025", "street": "zgz"}))
    assert hit.title in page and "星光艺术学校" not in page and "共 1 条" in page
    assert "没有找到" in html(client.get("/portal/search/", {"q": "不存在的单位"}))


def _link(page: str, rel: str) -> str | None:
    match = re.search(rf'href="([^"]+)" rel="{rel}"', page)
    return match.group(1).replace("&amp;", "&") if match else None


def test_keyset_pages_walk_every_row_once_and_back(client, section_head):
    titles = {publish(by=section_head, title=f"决定{i:02d}").title for i in range(45)}
    pages, url = [], "/portal/list/decision/"
    while url:
        pages.append(html(client.get(url)))
        url = _link(pages[-1], "next")
    seen = [t for page in pages for t in re.findall(r"决定\d\d", page)]
    assert len(pages) == 3 and len(seen) == 45 and set(seen) == titles
    assert seen[0] == "决定44" and seen[-1] == "决定00"  # newest first
    assert _link(pages[0], "prev") is None
    second = html(client.get(_link(pages[2], "prev")))
    assert re.findall(r"决定\d\d", second) == re.findall(r"决定\d\d", pages[1])
    first = html(client.get(_link(second, "prev")))
    assert re.findall(r"决定\d\d", first) == re.findall(r"决定\d\d", pages[0])


def test_a_page_beyond_the_end_says_so_instead_of_failing(client, section_head):
    last = min((publish(by=section_head) for _ in range(3)), key=lambda p: (p.published_at, p.pk))
    page = html(client.get("/portal/list/decision/", {"after": last.public_id}))
    assert "已经是最后一页" in page


@pytest.mark.parametrize(
    "url, message",
    [
        ("/portal/list/decision/?year=abc", "年度"),
        ("/portal/list/decision/?year=1899", "年度"),
        ("/portal/list/decision/?street=nowhere", "街道"),
        ("/portal/list/decision/?after=xyz", "分页"),
        ("/portal/list/decision/?after=0123456789abcdef", "分页"),
        ("/portal/list/decision/?after=0123456789abcdef&before=0123456789abcdef", "分页"),
        ("/portal/search/?kind=bogus", "类别"),
        ("/portal/search/?q=" + "长" * 101, "过长"),
        ("/portal/search/?q=%E5%86%B3%00%E5%AE%9A", "检索词"),
        ("/portal/list/decision/?street=zgz%00", "街道"),
        ("/portal/feed/rss/?kind=bogus", "类别"),
        ("/portal/verify/?number=", "证件号"),
    ],
)
def test_malformed_parameters_get_a_chinese_400_naming_them(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert (
        message in response.content.decode()
        and "查询参数有误" in response.content.decode()
        or message in response.content.decode()
    )


@pytest.mark.parametrize(
    "url",
    [
        "/portal/p/0123456789abcdef/",
        "/portal/p/../",
        "/portal/p/DROP%20TABLE/",
        "/portal/list/nonsense/",
        "/portal/no-such-page/",
        "/portal/attachments/abc/",
    ],
)
def test_unknown_addresses_get_the_portals_chinese_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    text = response.content.decode()
    assert "行政执法公示" in text and "不存在" in text


def test_a_scheduled_but_unpublished_item_is_not_public(client):
    from eduenforce.portal.tests.factories import schedule

    due = schedule()
    assert client.get(f"/portal/p/{due.public_id}/").status_code == 404
    assert due.title not in client.get("/portal/list/decision/").content.decode()


def test_search_is_rate_limited_per_address(client, sys_admin):
    from eduenforce.core import config

    config.set_value("portal.search_per_minute", 3, by=None)
    statuses = [client.get("/portal/search/", {"q": "学校"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/portal/search/", {"q": "学校"})
    assert "过于频繁" in response.content.decode() and response["Retry-After"] == "60"


def test_public_pages_carry_a_csp_without_inline_scripts(client):
    csp = client.get("/portal/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_a_new_publication_appears_although_the_list_was_cached(client, section_head):
    first = publish(by=section_head, title="第一份决定")
    assert first.title in client.get("/portal/list/decision/").content.decode()
    second = publish(by=section_head, title="第二份决定")
    page = client.get("/portal/list/decision/").content.decode()
    assert second.title in page and "共 2 条" in page
