"""From the portal to an inspection to the reply, with the deadlines across the National Day holiday."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from eduenforce.complaints.models import Complaint
from eduenforce.complaints.tests.factories import (
    InstitutionFactory,
    OfficerFactory,
    PublishedItemFactory,
    make_complaint,
    public_form_data,
)
from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(y, m, d, hour=10):
    return time_machine.travel(datetime(y, m, d, hour, tzinfo=TZ), tick=False)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def card_value(client, label: str) -> int:
    html = client.get("/").content.decode()
    block = html.split(label, 1)[1]
    return int(re.search(r'data-testid="card-value">(?:<a[^>]*>)?\s*(\d+)', block).group(1))


def test_a_portal_complaint_becomes_an_inspection_and_is_answered_in_time(
    client, client_for, section_head, officer
):
    institution = InstitutionFactory(name="东丽区星光培训学校")
    item = PublishedItemFactory()
    team = [OfficerFactory(), OfficerFactory()]
    # Submitted on the last working day before the National Day holiday (1–8 October 2025).
    with at(2025, 9, 30):
        assert (
            client.post(
                "/portal/complaints/", public_form_data(institution_name=institution.name)
            ).status_code
            == 302
        )
    complaint = Complaint.objects.get()
    # 5 working days: 9, 10, 11 (make-up Saturday), 13, 14 October.
    assert complaint.accept_due == date(2025, 10, 14)
    head = client_for(section_head)
    with at(2025, 10, 13):
        assert head.post(f"/complaints/{complaint.pk}/accept/").status_code == 302
        assert head.post(f"/complaints/{complaint.pk}/assign/", {"handler": officer.pk}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "handling" and complaint.handler == officer
    assert complaint.reply_due == date(2025, 12, 12)  # 60 calendar days after acceptance
    with at(2025, 10, 15):
        response = client_for(officer).post(
            f"/complaints/{complaint.pk}/inspection/",
            {"item": item.pk, "planned_date": "2025-10-20", "officers": [team[1].pk, team[0].pk]},
        )
        assert response.status_code == 302, response.content.decode()
    task = complaint.handlings.get().inspection_task
    assert task.source == "complaint" and task.institution == institution
    assert task.source_ref == complaint.tracking_number
    assert list(task.members.order_by("order").values_list("officer", flat=True)) == [team[1].pk, team[0].pk]
    with at(2025, 11, 20):
        response = client_for(officer).post(
            f"/complaints/{complaint.pk}/reply/",
            {
                "finding": "substantiated",
                "text": "经实地检查，该机构存在违规预收费问题，已责令限期整改并退费。",
            },
        )
        assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "replied" and complaint.handling_kind == "inspection"
    assert complaint.replied_on <= complaint.reply_due
    actions = list(
        JournalEntry.objects.filter(
            object_type="complaints.complaint", object_id=str(complaint.pk)
        ).values_list("action", flat=True)
    )
    assert actions[:2] == ["complaint.received", "complaint.accepted"]
    assert {"complaint.assigned", "complaint.handling_recorded", "complaint.replied"} <= set(actions)


def test_an_undecided_complaint_past_its_acceptance_deadline_is_overdue_on_the_dashboard(
    client_for, section_head
):
    with at(2025, 9, 30):
        complaint, _ = make_complaint()
    with at(2025, 10, 14):
        assert not Complaint.objects.overdue().exists()
        assert card_value(client_for(section_head), "逾期投诉") == 0
    with at(2025, 10, 15):
        head = client_for(section_head)  # a new login: sessions end after 8 hours
        assert list(Complaint.objects.overdue()) == [complaint]
        assert card_value(head, "逾期投诉") == 1
        assert card_value(head, "待受理投诉") == 1
        page = head.get(f"/complaints/{complaint.pk}/").content.decode()
        assert 'data-testid="overdue"' in page


def test_the_reply_deadline_extends_once_by_at_most_thirty_days_with_a_reason(section_head, officer):
    with at(2025, 9, 1):
        complaint, _ = make_complaint()
        complaint.accept(by=section_head)
        complaint.assign(handler=officer, by=section_head)
    assert complaint.reply_due == date(2025, 10, 31)
    with pytest.raises(DomainError, match="1 至 30 天"):
        complaint.extend(days=31, reason="需要会同市场监管部门核查", by=section_head)
    with pytest.raises(DomainError, match="延期理由"):
        complaint.extend(days=10, reason="", by=section_head)
    complaint.extend(days=30, reason="需要会同市场监管部门核查", by=section_head)
    assert complaint.reply_due == date(2025, 11, 30)
    with pytest.raises(DomainError, match="只能延长一次"):
        complaint.extend(days=5, reason="再次延期的理由", by=section_head)
    with at(2025, 11, 30):
        assert not complaint.is_overdue
    with at(2025, 12, 1):
        assert complaint.is_overdue


def test_refusing_a_named_complaint_records_the_reason_and_the_notice(client_for, section_head):
    complaint, _ = make_complaint(named=True)
    head = client_for(section_head)
    response = head.post(f"/complaints/{complaint.pk}/reject/", {"reason": "不属于教育部门职责范围"})
    assert response.status_code == 400 and "请选择告知方式" in response.content.decode()
    assert "不属于教育部门职责范围" in response.content.decode()  # what was typed is kept
    response = head.post(
        f"/complaints/{complaint.pk}/reject/", {"reason": "不属于教育部门职责范围", "notice_channel": "phone"}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "rejected" and complaint.rejection_reason == "不属于教育部门职责范围"
    notice = complaint.notices.get()
    assert (
        notice.kind == "rejection"
        and notice.channel == "phone"
        and "不属于教育部门职责范围" in notice.content
    )


def test_an_anonymous_complaint_needs_no_notice(section_head):
    complaint, _ = make_complaint()
    complaint.accept(by=section_head)
    assert not complaint.notices.exists()


def test_acting_in_the_wrong_state_is_a_clear_refusal_not_an_error(client_for, section_head, officer):
    complaint, _ = make_complaint()
    complaint.accept(by=section_head)
    response = client_for(section_head).post(f"/complaints/{complaint.pk}/accept/")
    assert response.status_code == 400 and "不能受理" in response.content.decode()
    with pytest.raises(DomainError, match="不能答复"):
        complaint.reply(text="经核查情况属实，已处理完毕。", finding="substantiated", by=officer)


def test_an_inspection_needs_the_institution_linked_first(client_for, section_head, officer):
    complaint, _ = make_complaint(institution_name="某无证培训点（未登记）")
    complaint.accept(by=section_head)
    complaint.assign(handler=officer, by=section_head)
    item, team = PublishedItemFactory(), [OfficerFactory(), OfficerFactory()]
    response = client_for(officer).post(
        f"/complaints/{complaint.pk}/inspection/",
        {"item": item.pk, "planned_date": date.today().isoformat(), "officers": [o.pk for o in team]},
    )
    assert response.status_code == 400 and "请先将投诉关联到监管对象库中的机构" in response.content.decode()
    institution = InstitutionFactory(name="东丽区晨曦培训中心")
    assert (
        client_for(officer)
        .post(f"/complaints/{complaint.pk}/institution/", {"institution_name": "东丽区晨曦培训中心"})
        .status_code
        == 302
    )
    complaint.refresh_from_db()
    assert complaint.institution == institution


def test_a_complaint_becomes_a_case_lead(client_for, section_head, officer):
    from eduenforce.cases.models import CaseLead

    institution = InstitutionFactory()
    complaint, _ = make_complaint(institution=institution)
    complaint.accept(by=section_head)
    complaint.assign(handler=officer, by=section_head)
    response = client_for(officer).post(
        f"/complaints/{complaint.pk}/lead/", {"summary": "涉嫌违规收取超过三个月费用"}
    )
    assert response.status_code == 302
    lead = CaseLead.objects.get()
    assert (
        lead.source == "complaint" and lead.source_id == str(complaint.pk) and lead.institution == institution
    )
    complaint.refresh_from_db()
    assert complaint.handling_kind == "case_lead"


def test_a_complaint_is_referred_to_a_partner_department_and_its_receipt_is_tracked(
    client_for, section_head, officer
):
    from eduenforce.accounts.models import Department
    from eduenforce.coordination.models import Referral

    complaint, _ = make_complaint(named=True, content="该机构消防通道被堵塞，存在安全隐患，请尽快处理。")
    complaint.accept(by=section_head, notice_channel="sms")
    complaint.assign(handler=officer, by=section_head)
    fire = Department.objects.get(code="xf")
    response = client_for(officer).post(
        f"/complaints/{complaint.pk}/refer/",
        {
            "to_department": fire.pk,
            "subject": "消防通道堵塞",
            "content": "该机构消防通道被堵塞，存在安全隐患，请依法处理。",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.to_department == fire and referral.status == "sent"
    assert referral.source_type == "complaints.complaint" and referral.source_id == str(complaint.pk)
    page = client_for(officer).get(f"/complaints/{complaint.pk}/").content.decode()
    assert referral.number in page and "已移送待签收" in page


def test_the_handler_replies_directly_and_a_named_complainant_is_told(section_head, officer):
    complaint, _ = make_complaint(named=True)
    complaint.accept(by=section_head, notice_channel="phone")
    complaint.assign(handler=officer, by=section_head)
    complaint.reply(
        text="您反映的问题已向机构核实，机构已当面退费。",
        finding="partly",
        by=officer,
        notice_channel="phone",
    )
    assert complaint.handling_kind == "direct"
    assert list(complaint.notices.values_list("kind", flat=True)) == ["acceptance", "reply"]


def test_a_second_inspection_beyond_the_enterprise_cap_needs_a_reason(client_for, section_head, officer):
    institution = InstitutionFactory()
    item = PublishedItemFactory(is_enterprise=True, annual_cap=1)
    team = [OfficerFactory(), OfficerFactory()]
    handler = client_for(officer)
    planned = date.today().isoformat()
    for n in (1, 2):
        complaint, _ = make_complaint(institution=institution, content=f"第{n}次反映该机构违规收费的问题。")
        complaint.accept(by=section_head)
        complaint.assign(handler=officer, by=section_head)
        data = {"item": item.pk, "planned_date": planned, "officers": [o.pk for o in team]}
        response = handler.post(f"/complaints/{complaint.pk}/inspection/", data)
    assert response.status_code == 400 and "超频次检查理由" in response.content.decode()
    assert not complaint.handlings.exists()
    response = handler.post(
        f"/complaints/{complaint.pk}/inspection/", {**data, "cap_reason": "群众重复投诉，需再次核查"}
    )
    assert response.status_code == 302
    assert complaint.handlings.get().inspection_task.exceeds_cap
