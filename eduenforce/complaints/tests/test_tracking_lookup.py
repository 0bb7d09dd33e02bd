"""The public progress lookup: tracking number + code, a generic not-found, and the rating."""

import re

import pytest
from django.core.cache import cache

from eduenforce.complaints.tests.factories import make_complaint

pytestmark = pytest.mark.django_db
URL = "/portal/complaints/track/"
NOT_FOUND = "未找到与受理编号和查询码相符的投诉"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_right_number_and_code_show_the_progress(client):
    complaint, code = make_complaint()
    response = client.post(URL, {"tracking_number": complaint.tracking_number, "code": code})
    assert response.status_code == 302 and response["Location"].endswith("/track/result/")
    page = client.get(response["Location"]).content.decode()
    assert complaint.tracking_number in page and "已收到，正在审查是否受理" in page


def test_the_code_is_accepted_in_lower_case_and_with_spaces(client):
    complaint, code = make_complaint()
    typed = f" {code[:4].lower()} {code[4:].lower()} "
    response = client.post(URL, {"tracking_number": complaint.tracking_number.lower(), "code": typed})
    assert response.status_code == 302


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(client):
    complaint, code = make_complaint()
    wrong_code = client.post(URL, {"tracking_number": complaint.tracking_number, "code": "AAAAAAAA"})
    unknown = client.post(URL, {"tracking_number": "TS2099999999", "code": code})
    assert wrong_code.status_code == unknown.status_code == 200
    for response in (wrong_code, unknown):
        assert NOT_FOUND in response.content.decode()

    def page(response, number, typed):
        html = response.content.decode().split("<main")[1]
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return html.replace(number, "N").replace(typed, "C")

    assert page(wrong_code, complaint.tracking_number, "AAAAAAAA") == page(unknown, "TS2099999999", code)


def test_the_result_page_needs_a_successful_lookup_first(client):
    assert client.get("/portal/complaints/track/result/").status_code == 302


def test_guessing_codes_is_rate_limited(client):
    from eduenforce.core import config

    complaint, code = make_complaint()
    for _ in range(config.get("complaints.lookups_per_hour")):
        client.post(URL, {"tracking_number": complaint.tracking_number, "code": "WRONG123"})
    response = client.post(URL, {"tracking_number": complaint.tracking_number, "code": code})
    assert response.status_code == 429 and "查询过于频繁" in response.content.decode()


def test_the_public_result_never_shows_the_complainant_or_internal_numbers(client, section_head, officer):
    complaint, code = make_complaint(named=True)
    complaint.accept(by=section_head, notice_channel="phone")
    complaint.assign(handler=officer, by=section_head)
    complaint.reply(
        text="经核查，该机构已按规定办理退费，特此答复。",
        finding="substantiated",
        by=officer,
        notice_channel="phone",
    )
    client.post(URL, {"tracking_number": complaint.tracking_number, "code": code})
    page = client.get("/portal/complaints/track/result/").content.decode()
    assert "经核查，该机构已按规定办理退费" in page
    assert "王小明" not in page and "13812345678" not in page
    assert officer.name not in page and section_head.name not in page


def test_after_the_reply_the_complainant_rates_once(client, section_head, officer):
    complaint, code = make_complaint()
    complaint.accept(by=section_head)
    complaint.assign(handler=officer, by=section_head)
    complaint.reply(text="经核查，反映的问题属实，已责令整改。", finding="substantiated", by=officer)
    client.post(URL, {"tracking_number": complaint.tracking_number, "code": code})
    assert "请对办理结果评价" in client.get("/portal/complaints/track/result/").content.decode()
    response = client.post(
        "/portal/complaints/track/rate/", {"satisfaction": "satisfied", "comment": "处理及时"}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.satisfaction == "satisfied" and complaint.satisfaction_comment == "处理及时"
    again = client.post("/portal/complaints/track/rate/", {"satisfaction": "unsatisfied"})
    assert again.status_code == 400 and "已评价" in again.content.decode()
    complaint.refresh_from_db()
    assert complaint.satisfaction == "satisfied"


def test_rating_before_the_reply_is_refused(client):
    complaint, code = make_complaint()
    client.post(URL, {"tracking_number": complaint.tracking_number, "code": code})
    response = client.post("/portal/complaints/track/rate/", {"satisfaction": "satisfied"})
    assert response.status_code == 400 and "不能评价" in response.content.decode()


def test_a_section_head_reissues_a_lost_code_and_the_old_one_stops_working(client, client_for, section_head):
    complaint, old = make_complaint()
    response = client_for(section_head).post(f"/complaints/{complaint.pk}/new-code/", follow=True)
    new = response.content.decode().split("新的查询码：")[1][:8]
    assert client.post(URL, {"tracking_number": complaint.tracking_number, "code": old}).status_code == 200
    assert client.post(URL, {"tracking_number": complaint.tracking_number, "code": new}).status_code == 302
