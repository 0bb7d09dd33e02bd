"""Task sources, prior approval (urgent ones afterwards), team checks, partners and person-times,
and the annual frequency cap of 涉企 items."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.inspections.caps import annual_cap_of, cap_reached, institutions_at_cap
from eduenforce.inspections.choices import TaskStatus
from eduenforce.inspections.models import InspectionTask
from eduenforce.inspections.services import add_partner_participant
from eduenforce.inspections.tests.factories import (
    CertificateFactory,
    InstitutionFactory,
    OfficerFactory,
    certified_officer,
    department,
    item_with_points,
    make_task,
)
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


def test_a_task_cannot_start_before_a_section_head_approves_it(lead, head):
    task = make_task(by=lead, officers=[lead.officer, certified_officer()])
    with pytest.raises(DomainError, match="事前审批"):
        task.start(by=lead)
    task.submit(by=lead)
    task.approve(by=head, note="同意")
    task.start(by=lead)
    assert task.status == TaskStatus.IN_PROGRESS and task.draft_record() is not None
    assert task.approved_by == head


def test_only_a_section_head_off_the_team_may_approve(lead, head, make_user):
    task = make_task(by=lead, officers=[lead.officer, certified_officer()], status="pending_approval")
    with pytest.raises(DomainError, match="科室负责人"):
        task.approve(by=lead)
    head.officer = certified_officer(user=head)
    on_team = make_task(by=lead, officers=[lead.officer, head.officer], status="pending_approval")
    with pytest.raises(DomainError, match="检查组成员"):
        on_team.approve(by=head)


def test_a_returned_task_goes_back_to_draft_with_the_reason(lead, head):
    task = make_task(by=lead, officers=[lead.officer, certified_officer()], status="pending_approval")
    with pytest.raises(DomainError, match="理由"):
        task.reject(by=head, reason=" ")
    task.reject(by=head, reason="检查事项选择有误")
    assert task.status == TaskStatus.DRAFT and task.returned_reason == "检查事项选择有误"


def test_an_urgent_task_starts_at_once_and_is_approved_afterwards_with_a_reason(lead, head):
    with pytest.raises(DomainError, match="紧急事由"):
        make_task(by=lead, officers=[lead.officer, certified_officer()], urgent=True)
    task = make_task(
        by=lead,
        officers=[lead.officer, certified_officer()],
        urgent=True,
        urgent_reason="群众举报正在违规招生，需立即核查",
        source="complaint",
    )
    task.start(by=lead)
    assert task.status == TaskStatus.IN_PROGRESS and task.approved_at is None
    assert InspectionTask.objects.awaiting_approval().filter(pk=task.pk).exists()
    with pytest.raises(DomainError, match="补办审批"):
        task.approve(by=head)
    task.approve(by=head, note="情况紧急，同意先行检查")
    assert task.status == TaskStatus.IN_PROGRESS and task.approved_at is not None
    assert not InspectionTask.objects.awaiting_approval().filter(pk=task.pk).exists()
    entry = JournalEntry.objects.filter(action="inspection.task_approved").last()
    assert entry.changes["retrospective"] is True


def test_a_team_needs_two_officers_certified_on_the_date_and_names_who_is_not(lead):
    expired = OfficerFactory(name="赵过期")
    CertificateFactory(officer=expired, valid_from=date(2019, 1, 1), valid_to=date(2024, 12, 31))
    uncertified = OfficerFactory(name="钱无证")
    with pytest.raises(DomainError, match="至少需要 2 名"):
        make_task(by=lead, officers=[lead.officer])
    with pytest.raises(DomainError) as refused:
        make_task(by=lead, officers=[lead.officer, expired, uncertified], planned_date=date(2025, 6, 1))
    assert "赵过期" in refused.value.message and "钱无证" in refused.value.message
    assert not InspectionTask.objects.exists()


def test_an_unpublished_item_may_not_be_inspected(lead):
    with pytest.raises(DomainError, match="尚未公布"):
        make_task(by=lead, item=item_with_points(status="draft"))


def test_person_times_count_officers_and_partner_participants(lead):
    task = make_task(
        by=lead,
        officers=[lead.officer, certified_officer(), certified_officer()],
        partner_participants=[(department("xf"), "张消防", "参谋")],
    )
    assert task.person_times == 4 and task.is_joint
    add_partner_participant(task, department=department("scjg"), name="李市监", by=lead)
    assert task.person_times == 5
    assert set(task.partner_departments.values_list("code", flat=True)) == {"xf", "scjg"}
    with pytest.raises(DomainError, match="合作部门"):
        add_partner_participant(task, department=department("zgz"), name="王街道", by=lead)


class TestFrequencyCap:
    """A 涉企 item with a cap of 2 per institution per year."""

    @pytest.fixture
    def setup(self, lead):
        item = item_with_points(annual_cap=2)
        institution = InstitutionFactory()
        day = date(2025, 5, 6)
        for _ in range(2):
            make_task(
                by=lead,
                item=item,
                institution=institution,
                planned_date=day,
                officers=[lead.officer, certified_officer()],
            )
        return item, institution, day

    def test_a_third_inspection_in_the_year_is_refused_without_a_reason(self, setup, lead):
        item, institution, day = setup
        assert cap_reached(institution, item, 2025)
        with pytest.raises(DomainError, match="频次上限 2 次") as refused:
            make_task(
                by=lead,
                item=item,
                institution=institution,
                planned_date=day,
                officers=[lead.officer, certified_officer()],
            )
        assert refused.value.field == "cap_reason"

    def test_with_a_reason_it_is_flagged_and_the_approver_must_confirm(self, setup, lead, head, client_for):
        item, institution, day = setup
        task = make_task(
            by=lead,
            item=item,
            institution=institution,
            planned_date=day,
            status="pending_approval",
            officers=[lead.officer, certified_officer()],
            cap_reason="接群众实名举报，需核查",
        )
        assert task.exceeds_cap
        with pytest.raises(DomainError, match="超频次"):
            task.approve(by=head)
        task.approve(by=head, note="举报属实可能性大，同意")
        home = client_for(head).get(reverse("core:home")).content.decode()
        assert "超频次检查（本年）" in home

    def test_another_year_cancelled_tasks_and_re_inspections_do_not_count(self, setup, lead):
        item, institution, day = setup
        assert not cap_reached(institution, item, 2026)
        InspectionTask.objects.filter(institution=institution).update(source="reinspection")
        assert not cap_reached(institution, item, 2025)

    def test_items_outside_the_enterprise_list_have_no_cap(self, lead):
        item = item_with_points(is_enterprise=False, annual_cap=1)
        institution = InstitutionFactory()
        for _ in range(3):
            make_task(
                by=lead, item=item, institution=institution, officers=[lead.officer, certified_officer()]
            )
        assert annual_cap_of(item) is None
        assert not cap_reached(institution, item, timezone.localdate().year)
        assert not institutions_at_cap(item, timezone.localdate().year).exists()

    def test_the_institutions_at_the_cap_are_those_with_as_many_counted_inspections(self, setup, lead):
        item, institution, day = setup
        once = InstitutionFactory()
        make_task(
            by=lead,
            item=item,
            institution=once,
            planned_date=day,
            officers=[lead.officer, certified_officer()],
        )
        assert annual_cap_of(item) == 2
        assert list(institutions_at_cap(item, 2025)) == [institution]
        assert not institutions_at_cap(item, 2026).exists()
        InspectionTask.objects.filter(institution=institution).update(status=TaskStatus.CANCELLED)
        assert not institutions_at_cap(item, 2025).exists()


def test_the_create_form_keeps_what_was_typed_and_names_the_problem(lead, client_for):
    item = item_with_points()
    institution = InstitutionFactory()
    stranger = OfficerFactory(name="孙无证")
    response = client_for(lead).post(
        reverse("inspections:task-create"),
        {
            "institution": institution.pk,
            "item": item.pk,
            "source": "patrol",
            "planned_date": timezone.localdate(),
            "officers": [lead.officer.pk, stranger.pk],
            "note": "周末巡查",
            "submit_now": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "孙无证" in page and "周末巡查" in page
    assert not InspectionTask.objects.exists()


def test_the_create_form_refuses_a_date_in_the_past_and_creates_a_valid_task(lead, client_for):
    item, institution = item_with_points(), InstitutionFactory()
    other = certified_officer()
    data = {
        "institution": institution.pk,
        "item": item.pk,
        "source": "complaint",
        "source_ref": "TS2025000123",
        "planned_date": timezone.localdate() - timedelta(days=1),
        "officers": [other.pk, lead.officer.pk],
        "submit_now": "on",
        "partner_departments": [department("xf").pk],
    }
    assert "不能早于今天" in client_for(lead).post(reverse("inspections:task-create"), data).content.decode()
    data["planned_date"] = timezone.localdate()
    response = client_for(lead).post(reverse("inspections:task-create"), data)
    task = InspectionTask.objects.get()
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    assert task.status == TaskStatus.PENDING_APPROVAL and task.is_joint and task.source_ref == "TS2025000123"
    assert task.team[0] == other  # the first officer chosen leads


def test_the_workflow_buttons_drive_the_task_and_refusals_are_messages_not_errors(lead, head, client_for):
    task = make_task(by=lead, officers=[lead.officer, certified_officer()])
    officer_client, head_client = client_for(lead), client_for(head)
    url = lambda verb: reverse("inspections:task-action", args=[task.pk, verb])  # noqa: E731
    response = officer_client.post(url("start"), follow=True)
    assert "事前审批" in response.content.decode()
    officer_client.post(url("submit"))
    head_client.post(url("approve"), {"note": "同意"})
    response = officer_client.post(url("start"))
    assert response["Location"] == reverse("inspections:record", args=[task.pk])
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    assert officer_client.post(url("cancel"), {"note": "x"}, follow=True).status_code == 200
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS  # refused: a started task cannot be cancelled
    assert (
        officer_client.post(reverse("inspections:task-action", args=[task.pk, "explode"])).status_code == 404
    )


def test_the_notice_is_numbered_and_names_the_team_with_their_certificates(lead, head):
    from eduenforce.inspections.documents import issue_notice
    from eduenforce.testing.documents import docx_text

    task = make_task(by=lead, officers=[lead.officer, certified_officer()], status="pending_approval")
    with pytest.raises(DomainError):
        issue_notice(task, by=lead)
    task.approve(by=head)
    first, second = issue_notice(task, by=lead), issue_notice(task, by=lead)
    year = timezone.localdate().year
    assert first.number == f"东教检〔{year}〕1号" and second.number == f"东教检〔{year}〕2号"
    text = docx_text(first.file.read())  # the team and their certificates are a table
    assert "行政检查通知书" in text and task.institution.name in text
    assert lead.officer.certificates.get().number in text


@pytest.mark.django_db(transaction=True)
def test_two_officers_racing_for_the_last_inspection_under_the_cap_cannot_both_get_it(lead):
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers by itself")
    item, institution = item_with_points(annual_cap=1), InstitutionFactory()
    teams = [[certified_officer(), certified_officer()] for _ in range(4)]
    outcomes, barrier = [], threading.Barrier(4)

    def worker(team):
        try:
            barrier.wait()
            make_task(by=lead, item=item, institution=institution, officers=team)
            outcomes.append("created")
        except DomainError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(team,)) for team in teams]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["created", "refused", "refused", "refused"]
    assert InspectionTask.objects.filter(institution=institution).count() == 1
