"""Training hours against the yearly requirement, and declared conflicts of interest."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from eduenforce.core import config
from eduenforce.core.errors import DomainError
from eduenforce.officers import actions
from eduenforce.officers.models import Conflict, Officer
from eduenforce.officers.tests.factories import OfficerFactory, TrainingFactory
from eduenforce.registry.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_the_annual_total_counts_only_that_years_hours():
    officer = OfficerFactory()
    TrainingFactory(officer=officer, date=date(2025, 3, 1), hours=40)
    TrainingFactory(officer=officer, date=date(2025, 11, 1), hours=Decimal("12.5"))
    TrainingFactory(officer=officer, date=date(2024, 12, 31), hours=30)
    assert officer.training_hours(2025) == Decimal("52.5")
    assert Officer.objects.with_training_hours(2025).get(pk=officer.pk).training_hours == Decimal("52.5")


def test_officers_below_the_configured_requirement_are_listed(sys_admin):
    done, short, none = OfficerFactory(), OfficerFactory(), OfficerFactory()
    TrainingFactory(officer=done, date=date(2025, 5, 1), hours=60)
    TrainingFactory(officer=short, date=date(2025, 5, 1), hours=59)
    OfficerFactory(status="transferred")  # not in service: not on the list
    assert set(Officer.objects.below_training_requirement(2025)) == {short, none}
    config.set_value("training.required_hours", 40, by=sys_admin)
    assert set(Officer.objects.below_training_requirement(2025)) == {none}
    rows = {r.officer: r for r in actions.training_report(2025)}
    assert rows[short].missing == 0 and rows[none].missing == 40


@time_machine.travel(date(2025, 6, 1))
def test_recording_training_validates_hours_and_date(section_head):
    officer = OfficerFactory()
    record = actions.record_training(
        officer,
        by=section_head,
        course="学法用法考试",
        date=date(2025, 5, 20),
        hours="2",
        kind="exam",
        result="92分",
    )
    assert record.hours == Decimal("2.0") and record.get_kind_display() == "考试"
    with pytest.raises(DomainError, match="学时应在0至200之间"):
        actions.record_training(officer, by=section_head, course="x", date=date(2025, 5, 1), hours=-1)
    with pytest.raises(DomainError, match="不能晚于今天"):
        actions.record_training(officer, by=section_head, course="x", date=date(2025, 7, 1), hours=1)


def test_a_declared_conflict_recuses_the_officer_in_its_period(section_head):
    officer, school = OfficerFactory(), InstitutionFactory()
    conflict = actions.declare_conflict(
        officer, school, by=section_head, relation="配偶任法定代表人", valid_from=date(2025, 1, 1)
    )
    assert Conflict.objects.pairs_on(date(2025, 6, 1)) == {(officer.pk, school.pk)}
    assert Conflict.objects.pairs_on(date(2024, 6, 1)) == set()
    actions.end_conflict(conflict, on=date(2025, 6, 30), by=section_head)
    assert Conflict.objects.pairs_on(date(2025, 7, 1)) == set()


def test_overlapping_declarations_for_the_same_pair_are_refused(section_head):
    officer, school = OfficerFactory(), InstitutionFactory()
    actions.declare_conflict(
        officer,
        school,
        by=section_head,
        relation="亲属",
        valid_from=date(2025, 1, 1),
        valid_to=date(2025, 12, 31),
    )
    with pytest.raises(DomainError, match="已有利益冲突申报"):
        actions.declare_conflict(
            officer, school, by=section_head, relation="亲属", valid_from=date(2025, 6, 1)
        )
    actions.declare_conflict(officer, school, by=section_head, relation="亲属", valid_from=date(2026, 1, 1))
    with pytest.raises(DomainError, match="截止日期早于起始日期"):
        actions.declare_conflict(
            OfficerFactory(),
            school,
            by=section_head,
            relation="x",
            valid_from=date(2025, 2, 1),
            valid_to=date(2025, 1, 1),
        )
