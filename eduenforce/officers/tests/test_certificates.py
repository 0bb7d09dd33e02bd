"""Certificates: who may enforce on a date, derived expiry, guarded state changes, the history kept."""

from datetime import date

import pytest
import time_machine
from django.db import IntegrityError

from eduenforce.core.errors import DomainError
from eduenforce.officers import actions
from eduenforce.officers.models import Certificate, Officer
from eduenforce.officers.tests.factories import CertificateFactory, OfficerFactory, certified
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


def test_an_officer_with_an_expired_certificate_is_refused_as_an_enforcer_on_that_date():
    officer = OfficerFactory()
    CertificateFactory(officer=officer, valid_from=date(2020, 1, 1), valid_to=date(2024, 12, 31))
    assert officer.certificate_on(date(2024, 12, 31)) is not None
    assert officer.certificate_on(date(2025, 1, 1)) is None
    assert officer not in Officer.objects.certified_on(date(2025, 1, 1))
    assert officer in Officer.objects.certified_on(date(2024, 6, 1))


def test_inspection_teams_refuse_an_officer_whose_certificate_has_expired():
    from eduenforce.officers.eligibility import check_team

    fine = certified(name="李明")
    lapsed = OfficerFactory(name="王强")
    CertificateFactory(officer=lapsed, valid_from=date(2020, 1, 1), valid_to=date(2024, 12, 31))
    check_team([fine, certified()], date(2025, 3, 1))
    with pytest.raises(DomainError, match="王强"):
        check_team([fine, lapsed], date(2025, 3, 1))


def test_a_suspended_certificate_or_an_officer_not_in_service_cannot_enforce():
    suspended = certified()
    suspended.certificates.update(state="suspended")
    away = certified(status="away")
    assert suspended.certificate_on(date(2025, 1, 1)) is None
    assert away.certificate_on(date(2025, 1, 1)) is None
    assert not Officer.objects.certified_on(date(2025, 1, 1)).filter(pk__in=[suspended.pk, away.pk]).exists()


def test_a_renewal_is_a_new_certificate_and_the_old_one_stays_in_the_history(section_head):
    officer = OfficerFactory()
    old = actions.issue_certificate(
        officer,
        by=section_head,
        number="12010020200001",
        issuing_authority="天津市人民政府",
        valid_from=date(2020, 1, 1),
        valid_to=date(2024, 12, 31),
    )
    new = actions.issue_certificate(
        officer,
        by=section_head,
        number="12010020250001",
        issuing_authority="天津市人民政府",
        valid_from=date(2025, 1, 1),
        valid_to=date(2029, 12, 31),
    )
    assert list(officer.certificates.order_by("valid_from")) == [old, new]
    assert officer.certificate_on(date(2024, 6, 1)) == old and officer.certificate_on(date(2025, 6, 1)) == new


@time_machine.travel(date(2026, 1, 10))
def test_expired_is_derived_from_the_period_not_stored():
    certificate = CertificateFactory(valid_from=date(2021, 1, 1), valid_to=date(2025, 12, 31))
    assert certificate.state == "valid" and certificate.expired
    assert certificate.display_state == "expired" and certificate.display_state_label == "已过期"
    assert CertificateFactory(valid_from=date(2026, 2, 1)).display_state_label == "未生效"


def test_a_duplicate_certificate_number_is_refused(section_head):
    CertificateFactory(number="12010020250009", officer=OfficerFactory(name="赵六"))
    with pytest.raises(DomainError, match="已登记给“赵六”") as caught:
        actions.issue_certificate(
            OfficerFactory(),
            by=section_head,
            number="12010020250009",
            issuing_authority="天津市人民政府",
            valid_from=date(2025, 1, 1),
            valid_to=date(2029, 1, 1),
        )
    assert caught.value.field == "number"


def test_a_reversed_validity_is_refused_by_the_action_and_by_the_database(section_head):
    with pytest.raises(DomainError, match="有效期至早于有效期自"):
        actions.issue_certificate(
            OfficerFactory(),
            by=section_head,
            number="12010020250010",
            issuing_authority="天津市人民政府",
            valid_from=date(2025, 1, 1),
            valid_to=date(2024, 1, 1),
        )
    with pytest.raises(IntegrityError):
        CertificateFactory(valid_from=date(2025, 1, 1), valid_to=date(2024, 1, 1))


def test_suspension_reinstatement_and_revocation_are_guarded_and_journaled(section_head):
    certificate = CertificateFactory()
    certificate.suspend(by=section_head, reason="涉嫌违规执法，暂扣调查")
    with pytest.raises(DomainError, match="当前状态为“暂扣”，不能暂扣执法证"):
        certificate.suspend(by=section_head, reason="再次")
    certificate.reinstate(by=section_head, reason="调查结束")
    certificate.revoke(by=section_head, reason="调离执法岗位")
    with pytest.raises(DomainError, match="不能恢复执法证"):
        certificate.reinstate(by=section_head, reason="恢复")
    actions_done = list(
        JournalEntry.objects.filter(object_type="officers.certificate", object_id=str(certificate.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions_done == [
        "officers.certificate_suspended",
        "officers.certificate_valid",
        "officers.certificate_revoked",
    ]
    certificate.refresh_from_db()
    assert certificate.state == "revoked" and certificate.state_reason == "调离执法岗位"


def test_a_state_change_needs_a_reason(section_head):
    with pytest.raises(DomainError, match="须填写事由"):
        CertificateFactory().suspend(by=section_head, reason="")
    assert Certificate.objects.get().state == "valid"


def test_the_officer_status_changes_with_a_reason_and_stops_enforcement(section_head):
    officer = certified()
    actions.set_officer_status(officer, to="transferred", by=section_head, reason="调至区教委")
    officer.refresh_from_db()
    assert officer.certificate_on(date(2025, 1, 1)) is None
    with pytest.raises(DomainError, match="已是“调出”"):
        actions.set_officer_status(officer, to="transferred", by=section_head, reason="再次")


def test_the_legal_qualification_marks_officers_who_may_review(section_head):
    reviewer = actions.register_officer(
        by=section_head,
        name="孙法",
        department=OfficerFactory().department,
        legal_qualification_number="A20191100000123",
    )
    OfficerFactory()
    assert list(Officer.objects.legal_reviewers()) == [reviewer] and reviewer.has_legal_qualification


def test_an_officer_belongs_to_a_section_or_partner_department_not_a_street(section_head):
    from eduenforce.accounts.models import Department

    with pytest.raises(DomainError, match="本局科室或合作部门"):
        actions.register_officer(by=section_head, name="某", department=Department.objects.get(code="zgz"))
