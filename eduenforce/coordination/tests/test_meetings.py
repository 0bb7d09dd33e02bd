"""联席会议: meeting → decision → action item → carried into the next meeting → overdue; minutes .docx."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from eduenforce.coordination.models import ActionItem, Meeting
from eduenforce.coordination.tests.factories import department, held_meeting, series
from eduenforce.core.errors import DomainError

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(y, m, d):
    return time_machine.travel(datetime(y, m, d, 10, tzinfo=TZ), tick=False)


def test_a_decision_becomes_action_items_carried_into_the_next_monthly_meeting_until_done(section_head):
    with at(2025, 3, 10):
        s = series(section_head)
        assert s.interval_months == 1  # default: 每月召开一次
        meeting = held_meeting(section_head, on=date(2025, 3, 10), series_obj=s)
        meeting.add_decision(
            text="开展春季校外培训机构消防安全联合检查",
            by=section_head,
            actions=[
                ("排查全区培训机构消防通道", department("xf"), date(2025, 3, 31)),
                ("核查预收费资金监管", department("scjg"), date(2025, 4, 30)),
            ],
        )
        fire_item, market_item = ActionItem.objects.order_by("due_on")
        following = meeting.finalize(by=section_head)
    assert following.scheduled_on == date(2025, 4, 10) and following.sequence == 2
    carried = list(following.agenda.values_list("carried_item", flat=True))
    assert carried == [fire_item.pk, market_item.pk]
    with at(2025, 4, 1):
        assert fire_item.is_overdue and not market_item.is_overdue
        assert list(ActionItem.objects.overdue()) == [fire_item]
        market_item.complete(note="已核查 12 家机构资金监管账户", by=section_head)
    with at(2025, 4, 10):
        following.set_attendance(department=department("xf"), attendees="赵科长", by=section_head)
        following.hold(
            held_on=date(2025, 4, 10),
            chair="张局长",
            recorder="李科员",
            by=section_head,
            minutes="听取消防通道排查进展，研究逾期事项的推进措施。",
        )
        third = following.finalize(by=section_head)
    assert third.scheduled_on == date(2025, 5, 10)
    # Still open: carried again. Done: not carried.
    assert list(third.agenda.values_list("carried_item", flat=True)) == [fire_item.pk]


def test_carrying_is_idempotent_and_includes_items_that_came_later(section_head):
    from eduenforce.coordination.services import carry_open_items

    with at(2025, 3, 10):
        meeting = held_meeting(section_head, on=date(2025, 3, 10))
        meeting.add_decision(
            text="议定一", by=section_head, actions=[("事项一", department("xf"), date(2025, 3, 20))]
        )
        following = meeting.finalize(by=section_head)
        assert carry_open_items(following, by=section_head) == []
        assert following.agenda.filter(carried_item__isnull=False).count() == 1


def test_the_minutes_cannot_be_finalized_without_text_or_attendance(section_head):
    from eduenforce.coordination.services import schedule_meeting

    with at(2025, 3, 10):
        s = series(section_head)
        meeting = schedule_meeting(s, scheduled_on=date(2025, 3, 10), by=section_head)
        meeting.hold(held_on=date(2025, 3, 10), chair="张局长", recorder="", by=section_head)
        with pytest.raises(DomainError, match="会议纪要"):
            meeting.finalize(by=section_head)
        meeting.update_minutes(minutes="会议通报了近期工作情况并研究下一步安排。", by=section_head)
        with pytest.raises(DomainError, match="参会单位"):
            meeting.finalize(by=section_head)


def test_an_action_item_needs_a_department_and_a_due_date_not_before_the_meeting(section_head):
    with at(2025, 3, 10):
        meeting = held_meeting(section_head, on=date(2025, 3, 10))
        with pytest.raises(DomainError, match="第 1 项督办事项：完成时限"):
            meeting.add_decision(
                text="议定", by=section_head, actions=[("事项", department("xf"), date(2025, 3, 1))]
            )
        with pytest.raises(DomainError, match="责任单位"):
            meeting.add_decision(text="议定", by=section_head, actions=[("事项", None, date(2025, 3, 30))])
    assert not meeting.decisions.exists()


def test_cancelling_a_meeting_keeps_the_monthly_rhythm(section_head):
    from eduenforce.coordination.services import schedule_meeting

    s = series(section_head)
    meeting = schedule_meeting(s, scheduled_on=date(2025, 1, 31), by=section_head)
    following = meeting.cancel(reason="春节假期", by=section_head)
    assert following.scheduled_on == date(2025, 2, 28)


def test_the_minutes_export_to_a_numbered_docx_once(section_head, client_for):
    from docx import Document

    from eduenforce.records.documents import documents_for

    with at(2025, 3, 10):
        meeting = held_meeting(section_head, on=date(2025, 3, 10))
        meeting.add_decision(
            text="开展联合检查",
            by=section_head,
            actions=[("排查消防通道", department("xf"), date(2025, 3, 31))],
        )
        meeting.finalize(by=section_head)
        client = client_for(section_head)
        assert client.post(f"/coordination/meetings/{meeting.pk}/export/").status_code == 302
        assert client.post(f"/coordination/meetings/{meeting.pk}/export/").status_code == 302
        document = documents_for(meeting).get()
        response = client.get(f"/coordination/meetings/{meeting.pk}/documents/{document.pk}/")
    assert document.number.startswith("东教联纪〔2025〕")
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs)
    assert (
        "校外培训监管联席会议第1次会议" in text and "排查消防通道" in text and "东丽区市场监督管理局" in text
    )
    assert "会议研究了寒假校外培训治理工作" in text


def test_the_meeting_is_run_from_its_page(section_head, client_for):
    client = client_for(section_head)
    with at(2025, 3, 10):
        s = series(section_head)
        assert (
            client.post(
                f"/coordination/meetings/series/{s.pk}/schedule/",
                {"scheduled_on": "2025-03-10", "place": "区教育局 301 会议室"},
            ).status_code
            == 302
        )
        meeting = Meeting.objects.get()
        base = f"/coordination/meetings/{meeting.pk}"
        assert client.post(f"{base}/agenda/", {"title": "寒假治理工作部署"}).status_code == 302
        assert (
            client.post(
                f"{base}/attendance/",
                {"department": department("xf").pk, "attendees": "赵科长", "present": "on"},
            ).status_code
            == 302
        )
        assert client.post(f"{base}/hold/", {"held_on": "2025-03-10", "chair": "张局长"}).status_code == 302
        bad = client.post(f"{base}/decision/", {"text": "开展联合检查", "item1_title": "排查消防通道"})
        assert bad.status_code == 400 and "请同时填写事项、责任单位和完成时限" in bad.content.decode()
        assert "排查消防通道" in bad.content.decode()
        assert (
            client.post(
                f"{base}/decision/",
                {
                    "text": "开展联合检查",
                    "item1_title": "排查消防通道",
                    "item1_department": department("xf").pk,
                    "item1_due_on": "2025-03-31",
                },
            ).status_code
            == 302
        )
        refused = client.post(f"{base}/finalize/")
        assert refused.status_code == 409 and "请先填写会议纪要" in refused.content.decode()
        assert (
            client.post(f"{base}/minutes/", {"minutes": "会议部署寒假校外培训治理工作。"}).status_code == 302
        )
        assert client.post(f"{base}/finalize/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "finalized"
    assert Meeting.objects.filter(sequence=2, scheduled_on=date(2025, 4, 10)).exists()


def test_the_section_head_sets_up_the_monthly_meeting_with_its_member_departments(section_head, client_for):
    from eduenforce.coordination.models import MeetingSeries

    client = client_for(section_head)
    bureau_only = client.post(
        "/coordination/meetings/series/new/",
        {"name": "校外培训监管联席会议", "departments": [department("zfdd").pk]},
    )
    assert bureau_only.status_code == 400 and "至少包括一个合作部门" in bureau_only.content.decode()
    response = client.post(
        "/coordination/meetings/series/new/",
        {
            "name": "校外培训监管联席会议",
            "departments": [department("zfdd").pk, department("ga").pk],
            "first_meeting_on": "2025-03-10",
        },
    )
    assert response.status_code == 302
    s = MeetingSeries.objects.get()
    assert s.interval_months == 1 and s.meetings.get().scheduled_on == date(2025, 3, 10)
