"""类案不同罚: decisions whose fine deviates from the same violation, 情节 and tier."""

import itertools
from datetime import date
from decimal import Decimal

import pytest

from eduenforce.cases.choices import CaseStatus, Outcome
from eduenforce.cases.discretion import consistency_report
from eduenforce.cases.tests.factories import CaseFactory, violation

pytestmark = pytest.mark.django_db


_numbers = itertools.count(1)


def _decision(code, fine, *, tier="general", severity="serious", gains=None, **kwargs):
    kwargs.setdefault("status", CaseStatus.CLOSED)
    return CaseFactory(
        outcome=Outcome.PENALTY,
        violation=violation(code),
        violation_code=code,
        applied_tier=tier,
        severity=severity,
        fine_amount=Decimal(fine),
        illegal_gains=gains,
        decided_on=kwargs.pop("decided_on", date(2025, 5, 1)),
        decision_number=f"东教罚决〔2025〕{next(_numbers)}号",
        **kwargs,
    )


def test_a_fine_far_from_its_peers_is_listed_and_the_others_are_not():
    same = [_decision("53-18", f) for f in ("20000", "21000", "19000")]
    odd = _decision("53-18", "40000")
    groups = consistency_report(tolerance_percent=30)
    assert len(groups) == 1
    group = groups[0]
    assert group.median == Decimal("20500") and len(group.cases) == 4
    assert [c.pk for c, _, _ in group.outliers] == [odd.pk]
    assert group.outliers[0][2] == Decimal("95")
    assert not {c.pk for c in same} & {c.pk for c, _, _ in group.outliers}


def test_fines_in_multiples_of_the_gains_are_compared_as_multiples():
    _decision("53-17", "20000", gains=Decimal("10000"), severity="ordinary")  # 2×
    _decision("53-17", "60000", gains=Decimal("30000"), severity="ordinary")  # 2×
    _decision("53-17", "8000", gains=Decimal("4000"), severity="ordinary")  # 2×
    odd = _decision("53-17", "50000", gains=Decimal("10000"), severity="ordinary")  # 5×
    (group,) = consistency_report(tolerance_percent=30)
    assert group.basis == "违法所得倍数" and [c.pk for c, _, _ in group.outliers] == [odd.pk]


def test_small_groups_other_years_and_revoked_decisions_are_left_out():
    _decision("53-18", "20000")
    _decision("53-18", "90000")
    _decision("53-18", "20000", decided_on=date(2024, 5, 1))
    _decision("53-18", "5000", status=CaseStatus.DECISION_REVOKED, revoked_on=date(2025, 6, 1))
    assert consistency_report(year=2025, tolerance_percent=30) == []


def test_the_report_page_lists_the_outliers(client_for, make_user):
    for f in ("20000", "21000", "19000", "40000"):
        _decision("53-18", f)
    page = client_for(make_user("leader")).get("/cases/reports/consistency/?year=2025").content.decode()
    assert "偏离 95%" in page and "东教罚决〔2025〕" in page
