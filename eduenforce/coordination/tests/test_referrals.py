"""移送: what, to whom, when, the receiving department's acknowledgement and result."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from eduenforce.coordination import services
from eduenforce.coordination.models import Referral
from eduenforce.coordination.tests.factories import department
from eduenforce.core.errors import DomainError

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def send(by, to="scjg", on=None) -> Referral:
    return services.refer(
        from_department=department("zfdd"),
        to_department=department(to),
        by=by,
        subject="培训机构违规发布广告",
        content="检查中发现该机构在商场发布含有提分承诺的广告。",
        sent_on=on,
    )


def test_a_referral_is_numbered_and_must_be_acknowledged_within_three_working_days(section_head):
    with time_machine.travel(datetime(2025, 9, 30, 10, tzinfo=TZ), tick=False):
        referral = send(section_head)
    assert referral.number == "东教移〔2025〕1号"
    assert referral.ack_due == date(2025, 10, 11)  # 9, 10, 11 October (make-up Saturday)
    with time_machine.travel(datetime(2025, 10, 13, 10, tzinfo=TZ), tick=False):
        assert referral.is_overdue and list(Referral.objects.overdue()) == [referral]


def test_the_receiving_liaison_acknowledges_and_reports_the_result(section_head, liaison, client_for):
    referral = send(section_head)
    client = client_for(liaison)
    refused = client.post(f"/coordination/referrals/{referral.pk}/conclude/", {"result": "已立案查处"})
    assert refused.status_code == 400 and "不能反馈办理结果" in refused.content.decode()
    assert (
        client.post(f"/coordination/referrals/{referral.pk}/acknowledge/", {"note": "已转执法科"}).status_code
        == 302
    )
    assert (
        client.post(
            f"/coordination/referrals/{referral.pk}/conclude/", {"result": "已对该机构立案调查，责令撤除广告"}
        ).status_code
        == 302
    )
    referral.refresh_from_db()
    assert referral.status == "concluded" and referral.acknowledged_by == liaison
    assert referral.result == "已对该机构立案调查，责令撤除广告"


def test_a_liaison_of_another_department_neither_sees_nor_answers_it(section_head, make_user, client_for):
    referral = send(section_head, to="scjg")
    fire_liaison = make_user("liaison", department=department("xf"))
    client = client_for(fire_liaison)
    assert client.get(f"/coordination/referrals/{referral.pk}/").status_code == 404
    assert client.post(f"/coordination/referrals/{referral.pk}/acknowledge/").status_code == 404
    assert referral.number not in client.get("/coordination/referrals/").content.decode()


def test_a_liaison_refers_a_matter_to_the_bureau_and_cannot_acknowledge_it_themselves(
    liaison, officer, client_for
):
    client = client_for(liaison)
    response = client.post(
        "/coordination/referrals/new/",
        {
            "from_department": department("scjg").pk,
            "to_department": department("zfdd").pk,
            "subject": "无证培训线索",
            "content": "市场监管检查中发现某小区内有无证培训点，请教育部门处理。",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.from_department == department("scjg")
    assert client.post(f"/coordination/referrals/{referral.pk}/acknowledge/").status_code == 403
    assert client_for(officer).post(f"/coordination/referrals/{referral.pk}/acknowledge/").status_code == 302


def test_a_liaison_cannot_send_in_another_departments_name(liaison, client_for):
    response = client_for(liaison).post(
        "/coordination/referrals/new/",
        {
            "from_department": department("xf").pk,
            "to_department": department("zfdd").pk,
            "subject": "冒名移送",
            "content": "以消防部门名义移送的内容，应当被拒绝。",
        },
    )
    assert response.status_code == 400 and not Referral.objects.exists()


def test_returning_a_referral_needs_a_reason(section_head, liaison):
    referral = send(section_head)
    with pytest.raises(DomainError, match="退回理由"):
        referral.return_to_sender(reason="", by=liaison)
    referral.return_to_sender(reason="不属于市场监管职责", by=liaison)
    assert referral.status == "returned"


def test_a_referral_between_the_same_department_is_refused(section_head):
    with pytest.raises(DomainError, match="不能与移送单位相同"):
        services.refer(
            from_department=department("zfdd"),
            to_department=department("zfdd"),
            by=section_head,
            subject="自己移送自己",
            content="这是一条不应被接受的移送内容。",
        )
