"""Recusal on inspection teams (《行政处罚法》第四十三条): an officer with a declared conflict with the
institution is refused when the task is created and again when it starts."""

from datetime import date

import pytest

from eduenforce.core.errors import DomainError
from eduenforce.inspections.tests.factories import InstitutionFactory, certified_officer, make_task
from eduenforce.officers.actions import declare_conflict

pytestmark = pytest.mark.django_db


def _conflict(officer, institution, by):
    return declare_conflict(
        officer, institution, by=by, relation="配偶任该机构法定代表人", valid_from=date(2024, 1, 1)
    )


def test_a_task_whose_team_includes_a_conflicted_officer_is_refused_naming_the_article(head):
    institution = InstitutionFactory()
    conflicted = certified_officer(name="钱回避")
    _conflict(conflicted, institution, head)
    with pytest.raises(DomainError, match="钱回避.*应当回避.*《行政处罚法》第四十三条"):
        make_task(by=head, institution=institution, officers=[conflicted, certified_officer()])


def test_a_conflict_with_another_institution_does_not_stop_the_task(head):
    officer = certified_officer()
    _conflict(officer, InstitutionFactory(), head)
    task = make_task(by=head, officers=[officer, certified_officer()])
    assert officer in task.team


def test_a_conflict_declared_after_the_task_was_created_stops_its_start(head, lead):
    institution = InstitutionFactory()
    other = certified_officer(name="孙后报")
    task = make_task(
        by=lead, institution=institution, officers=[lead.officer, other], status="pending_approval"
    )
    task.approve(by=head)
    _conflict(other, institution, head)
    with pytest.raises(DomainError, match="孙后报.*第四十三条"):
        task.start(by=lead)
    task.refresh_from_db()
    assert task.status == "approved"
