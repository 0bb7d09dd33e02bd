"""Changes to an institution: one guarded, journaled action each; refusals are clear domain errors."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry
from eduenforce.registry import actions
from eduenforce.registry.models import Institution, LicenceEvent
from eduenforce.registry.tests.factories import InstitutionFactory, credit_code, id_number, street

pytestmark = pytest.mark.django_db


def journal(institution, action):
    return JournalEntry.objects.filter(
        object_type="registry.institution", object_id=str(institution.pk), action=action
    )


def create(by, **overrides):
    fields = {
        "name": "东丽区星辰艺术培训学校",
        "kind": "training_non_academic",
        "credit_code": credit_code(9),
        "street": street(),
        "legal_rep_id_number": id_number(9),
        "licence_number": "教民120110001",
        "licence_issued": date(2024, 1, 1),
        "licence_expires": date(2027, 1, 1),
    }
    return actions.do_create_institution(by=by, **{**fields, **overrides})


def test_registering_an_institution_journals_it_with_the_id_number_masked(section_head):
    institution = create(section_head)
    entry = journal(institution, "registry.created").get()
    assert entry.changes["name"] == "东丽区星辰艺术培训学校"
    assert entry.changes["legal_rep_id_number"] == id_number(9)[:4] + "*" * 10 + id_number(9)[-4:]
    assert LicenceEvent.objects.get(institution=institution).kind == "issued"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"credit_code": "123"}, "credit_code", "统一社会信用代码：应为18位"),
        (
            {"legal_rep_id_number": "120110198001010011"},
            "legal_rep_id_number",
            "法定代表人身份证号：校验位错误",
        ),
        ({"licence_expires": date(2023, 1, 1)}, "licence_expires", "许可证有效期至早于发证日期"),
        ({"phone": "12345"}, "phone", "联系电话：格式不正确（手机号11位，或座机如022-84371234）"),
    ],
)
def test_invalid_registration_details_are_refused_naming_the_field(section_head, overrides, field, message):
    with pytest.raises(DomainError) as caught:
        create(section_head, **overrides)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert not Institution.objects.exists()


def test_a_credit_code_can_be_registered_only_once(section_head):
    create(section_head)
    with pytest.raises(DomainError, match="已被“东丽区星辰艺术培训学校”使用"):
        create(section_head, name="另一所")


def test_an_edit_journals_only_what_changed(section_head):
    institution = InstitutionFactory(address="旧地址")
    actions.do_update_institution(institution, by=section_head, address="新地址", name=institution.name)
    entry = journal(institution, "registry.updated").get()
    assert entry.changes == {"address": ["旧地址", "新地址"]}


def test_an_edit_based_on_a_stale_copy_is_refused(section_head):
    institution = InstitutionFactory()
    seen = institution.updated_at
    actions.do_update_institution(institution, by=section_head, address="他人改过")
    with pytest.raises(DomainError, match="已被他人修改"):
        actions.do_update_institution(
            institution, by=section_head, expected_updated_at=seen, address="我的修改"
        )


def test_status_changes_are_journaled_with_their_reason_and_deregistration_is_final(section_head):
    institution = InstitutionFactory()
    actions.do_change_status(institution, to="rectifying", by=section_head, reason="消防隐患整改")
    actions.do_change_status(institution, to="deregistered", by=section_head, reason="终止办学")
    assert journal(institution, "registry.status_changed").count() == 2
    with pytest.raises(DomainError, match="当前状态为“注销”，不能变更状态"):
        actions.do_change_status(institution, to="normal", by=section_head, reason="误操作")
    with pytest.raises(DomainError, match="已注销"):
        actions.do_update_institution(institution, by=section_head, address="x")


def test_a_status_change_needs_a_reason(section_head):
    with pytest.raises(DomainError, match="请填写事由"):
        actions.do_change_status(InstitutionFactory(), to="rectifying", by=section_head, reason=" ")


def test_the_risk_class_changes_with_a_reason(section_head):
    institution = actions.do_set_risk_class(
        InstitutionFactory(), to="dishonest", by=section_head, reason="列入失信名单"
    )
    assert institution.risk_class == "dishonest"
    with pytest.raises(DomainError, match="已是“失信”"):
        actions.do_set_risk_class(institution, to="dishonest", by=section_head, reason="再次")


def test_the_licence_history_records_issue_renewal_change_and_revocation(section_head):
    institution = InstitutionFactory(licence_number="", licence_issued=None, licence_expires=None)
    actions.do_issue_licence(
        institution, number="教民1", issued=date(2022, 1, 1), expires=date(2025, 1, 1), by=section_head
    )
    with pytest.raises(DomainError, match="已有办学许可证"):
        actions.do_issue_licence(
            institution, number="教民2", issued=date(2022, 1, 1), expires=date(2025, 1, 1), by=section_head
        )
    with pytest.raises(DomainError, match="应晚于原有效期"):
        actions.do_renew_licence(institution, expires=date(2024, 1, 1), by=section_head)
    actions.do_renew_licence(institution, expires=date(2028, 1, 1), issued=date(2025, 1, 1), by=section_head)
    actions.do_change_licence(
        institution,
        number="教民1-变",
        issued=date(2025, 6, 1),
        expires=date(2028, 1, 1),
        by=section_head,
        note="办学地址变更",
    )
    from eduenforce.cases.tests.factories import served_decision

    decision = served_decision(institution, ["revoke_licence"])
    actions.do_revoke_licence(
        institution, on=date(2026, 3, 1), by=section_head, reason="违法办学", decision=decision
    )
    institution.refresh_from_db()
    assert institution.licence_number == "教民1-变" and institution.licence_expires == date(2026, 2, 28)
    kinds = list(institution.licence_events.order_by("id").values_list("kind", "date"))
    assert kinds == [
        ("issued", date(2022, 1, 1)),
        ("renewed", date(2025, 1, 1)),
        ("changed", date(2025, 6, 1)),
        ("revoked", date(2026, 3, 1)),
    ]
    assert LicenceEvent.objects.granted_in(2025).count() == 2
    assert journal(institution, "registry.licence_revoked").get().changes["licence_expires"] == [
        "2028-01-01",
        "2026-02-28",
    ]


def test_licence_watch_lists_find_expiring_and_expired_but_operating_institutions():
    today = timezone.localdate()
    soon = InstitutionFactory(licence_expires=today + timedelta(days=20))
    later = InstitutionFactory(licence_expires=today + timedelta(days=80))
    expired = InstitutionFactory(licence_expires=today - timedelta(days=1))
    InstitutionFactory(licence_expires=today - timedelta(days=1), status="suspended")  # 停办: not operating
    InstitutionFactory(licence_expires=None, licence_number="")
    assert set(Institution.objects.licence_expiring(30, today)) == {soon}
    assert set(Institution.objects.licence_expiring(90, today)) == {soon, later}
    assert set(Institution.objects.operating_with_expired_licence(today)) == {expired}
    assert expired.licence_state_on(today) == "expired" and soon.licence_state_on(today) == "expiring"
