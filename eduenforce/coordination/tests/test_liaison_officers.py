"""联络员 and what a partner department's liaison officer sees: only their department's
action items, referrals and joint operations."""

from datetime import date

import pytest

from eduenforce.coordination import services
from eduenforce.coordination.models import ActionItem, JointOperation, LiaisonOfficer, Referral
from eduenforce.coordination.tests.factories import department, held_meeting
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import scoped

pytestmark = pytest.mark.django_db


def test_appointing_a_new_liaison_ends_the_previous_appointment(section_head, liaison):
    first = services.appoint_liaison(
        department=department("scjg"),
        name="王科长",
        phone="022-84370001",
        appointed_from=date(2024, 1, 1),
        deputy_name="李干事",
        by=section_head,
    )
    second = services.appoint_liaison(
        department=department("scjg"),
        name="赵科长",
        phone="022-84370002",
        appointed_from=date(2025, 3, 1),
        user=liaison,
        by=section_head,
    )
    first.refresh_from_db()
    assert first.status == "ended" and first.ended_on == date(2025, 2, 28)
    assert list(LiaisonOfficer.objects.current(date(2025, 3, 2))) == [second]


def test_a_liaison_account_must_belong_to_the_department(section_head, liaison):
    with pytest.raises(DomainError, match="联络员账号"):
        services.appoint_liaison(
            department=department("xf"),
            name="某",
            phone="1",
            appointed_from=date(2025, 1, 1),
            user=liaison,
            by=section_head,
        )
    with pytest.raises(DomainError, match="合作部门"):
        services.appoint_liaison(
            department=department("zfdd"),
            name="某",
            phone="1",
            appointed_from=date(2025, 1, 1),
            by=section_head,
        )


@pytest.fixture
def two_departments_work(section_head):
    """Action items, referrals and operations for 市场监管 (scjg) and for 消防 (xf)."""
    meeting = held_meeting(section_head, on=date.today())
    meeting.add_decision(
        text="联合检查",
        by=section_head,
        actions=[
            ("核查预收费", department("scjg"), date.today()),
            ("排查消防通道", department("xf"), date.today()),
        ],
    )
    for code in ("scjg", "xf"):
        services.refer(
            from_department=department("zfdd"),
            to_department=department(code),
            by=section_head,
            subject=f"移送{code}",
            content="需要贵单位依法处理的事项说明。",
        )
        op = services.create_operation(
            name=f"行动{code}",
            goal="目标",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 1, 31),
            lead_department=department("zfdd"),
            by=section_head,
            departments=[(department(code), "职责")],
        )
        assert op.pk
    return meeting


def test_querysets_are_narrowed_to_the_liaisons_department(two_departments_work, liaison, officer):
    assert [a.title for a in scoped(ActionItem.objects.all(), liaison)] == ["核查预收费"]
    assert [r.subject for r in scoped(Referral.objects.all(), liaison)] == ["移送scjg"]
    assert [o.name for o in scoped(JointOperation.objects.all(), liaison)] == ["行动scjg"]
    assert scoped(ActionItem.objects.all(), officer).count() == 2


def test_the_liaison_pages_list_only_their_department(two_departments_work, liaison, client_for):
    client = client_for(liaison)
    actions = client.get("/coordination/actions/").content.decode()
    assert "核查预收费" in actions and "排查消防通道" not in actions
    referrals = client.get("/coordination/referrals/").content.decode()
    assert "移送scjg" in referrals and "移送xf" not in referrals
    operations = client.get("/coordination/operations/").content.decode()
    assert "行动scjg" in operations and "行动xf" not in operations


def test_another_departments_records_are_not_found_for_a_liaison(two_departments_work, liaison, client_for):
    client = client_for(liaison)
    fire_item = ActionItem.objects.get(owning_department__code="xf")
    fire_referral = Referral.objects.get(to_department__code="xf")
    fire_operation = JointOperation.objects.get(name="行动xf")
    assert client.get(f"/coordination/referrals/{fire_referral.pk}/").status_code == 404
    assert client.get(f"/coordination/operations/{fire_operation.pk}/").status_code == 404
    assert client.post(f"/coordination/actions/{fire_item.pk}/complete/", {"note": "完成"}).status_code == 404
    fire_item.refresh_from_db()
    assert fire_item.status == "open"


def test_a_liaison_reports_progress_on_their_departments_item(two_departments_work, liaison, client_for):
    item = ActionItem.objects.get(owning_department__code="scjg")
    client = client_for(liaison)
    assert client.post(f"/coordination/actions/{item.pk}/start/").status_code == 302
    empty = client.post(f"/coordination/actions/{item.pk}/complete/", {"note": ""}, follow=True)
    assert "请填写办理结果" in empty.content.decode()
    assert (
        client.post(f"/coordination/actions/{item.pk}/complete/", {"note": "已核查 8 家"}).status_code == 302
    )
    item.refresh_from_db()
    assert item.status == "done" and item.progress_note == "已核查 8 家" and item.updated_by == liaison
    assert client.post(f"/coordination/actions/{item.pk}/cancel/", {"note": "撤销"}).status_code == 403


def test_a_liaison_does_not_see_meetings_or_other_bureau_pages(two_departments_work, liaison, client_for):
    client = client_for(liaison)
    assert client.get("/coordination/meetings/").status_code == 403
    assert client.get(f"/coordination/meetings/{two_departments_work.pk}/").status_code == 403
    assert client.get("/complaints/").status_code == 403
    home = client.get("/").content.decode()
    assert ">督办事项</a>" in home and ">联席会议</a>" not in home


def test_the_liaison_register_shows_a_liaison_only_their_department(section_head, liaison, client_for):
    services.appoint_liaison(
        department=department("scjg"),
        name="王科长",
        phone="022-84370001",
        appointed_from=date(2024, 1, 1),
        by=section_head,
    )
    services.appoint_liaison(
        department=department("xf"),
        name="赵队长",
        phone="022-84370002",
        appointed_from=date(2024, 1, 1),
        by=section_head,
    )
    html = client_for(liaison).get("/coordination/liaisons/").content.decode()
    assert "王科长" in html and "赵队长" not in html
    assert "登记联络员" not in html


def test_the_section_head_appoints_and_ends_a_liaison_from_the_register(section_head, client_for):
    client = client_for(section_head)
    response = client.post(
        "/coordination/liaisons/new/",
        {
            "department": department("wj").pk,
            "name": "孙主任",
            "phone": "022-84370003",
            "deputy_name": "周干事",
            "deputy_phone": "022-84370004",
            "appointed_from": "2025-01-01",
        },
    )
    assert response.status_code == 302
    liaison = LiaisonOfficer.objects.get(name="孙主任")
    assert liaison.deputy_name == "周干事" and liaison.status == "active"
    assert client.post(f"/coordination/liaisons/{liaison.pk}/end/", {"reason": "岗位调整"}).status_code == 302
    liaison.refresh_from_db()
    assert liaison.status == "ended" and liaison.end_reason == "岗位调整"
