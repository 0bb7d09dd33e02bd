"""Random inspections' results go to the portal within the deadline rule, without any person."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from eduenforce.core.errors import DomainError
from eduenforce.inspections import actions, publication
from eduenforce.inspections.tests.factories import fill_record, started_task
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.models import Publication

pytestmark = pytest.mark.django_db


def completed(lead, head, source="random", hazards=()):
    task = started_task(lead_user=lead, head=head, source=source)
    actions.do_submit_record(fill_record(task.draft_record(), by=lead, hazards=hazards), by=lead)
    task.refresh_from_db()
    return task


def test_a_completed_random_inspection_is_due_for_publication_within_20_working_days(lead, head):
    with time_machine.travel("2025-09-26 10:00 +0800", tick=False):
        task = completed(lead, head)
    publication_row = Publication.objects.get(kind=PublicationKind.INSPECTION_RESULT)
    assert publication_row.state == PublicationState.DUE
    # 20 working days: 28 Sep and 11 Oct are make-up workdays, 1–8 Oct the holiday.
    assert publication_row.due_on == date(2025, 10, 30)
    assert publication_row.source_id == str(task.pk)


def test_other_sources_are_not_published(lead, head):
    task = completed(lead, head, source="patrol")
    assert not Publication.objects.exists()
    with pytest.raises(DomainError, match="双随机"):
        publication.publish_result(task, by=head)


def test_the_published_result_names_the_institution_but_no_person(lead, head, client, client_for):
    task = completed(lead, head, hazards=[{"category": "fire", "description": "王校长办公室灭火器过期"}])
    response = client_for(head).post(reverse("inspections:publish-result", args=[task.pk]))
    assert response.status_code == 302
    row = Publication.objects.get()
    assert row.state == PublicationState.PUBLISHED
    assert (
        row.fields["institution"] == task.institution.name
        and row.fields["result"] == "发现问题，责令限期整改"
    )
    page = client.get(reverse("portal:inspections-public:detail", args=[row.public_id])).content.decode()
    for person in [lead.name, lead.officer.name, "王校长", "李见证", *[o.name for o in task.team]]:
        assert person not in page
    assert task.institution.name in page and task.number not in page


def test_the_rectification_state_is_corrected_when_the_order_is_issued(lead, head):
    task = completed(lead, head, hazards=[{"category": "fire", "description": "灭火器过期"}])
    publication.publish_result(task, by=head)
    actions.do_issue_order(
        task,
        list(task.hazards.all()),
        due_on=actions.default_due_on(),
        requirements="更换",
        legal_basis="《消防法》",
        by=lead,
    )
    row = Publication.objects.get()
    assert row.state == PublicationState.CORRECTED and row.fields["rectification"].startswith("整改中")


def test_a_clean_inspection_reads_no_problem_found(lead, head):
    task = completed(lead, head)
    assert publication.result_fields(task)["检查结果"] == "未发现问题"
    assert publication.result_fields(task)["整改情况"] == "无需整改"
