"""加处罚款 (行政处罚法 第72条): 3 % of the fine per day late, never more than the fine."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from eduenforce.cases import actions as A
from eduenforce.cases import rules
from eduenforce.cases.choices import CaseStatus
from eduenforce.core.errors import DomainError

DUE = date(2025, 7, 1)


@pytest.mark.parametrize(
    "paid_on, expected, days",
    [
        (DUE, "0.00", 0),
        (DUE - timedelta(days=3), "0.00", 0),
        (DUE + timedelta(days=1), "300.00", 1),
        (DUE + timedelta(days=10), "3000.00", 10),
        (DUE + timedelta(days=33), "9900.00", 33),
        (DUE + timedelta(days=34), "10000.00", 34),  # 102 % → capped at the fine
        (DUE + timedelta(days=400), "10000.00", 400),
    ],
)
def test_the_surcharge_is_three_percent_of_the_fine_per_day_capped_at_the_fine(paid_on, expected, days):
    amount, late = rules.surcharge(Decimal("10000"), DUE, paid_on)
    assert amount == Decimal(expected) and late == days


def test_the_surcharge_is_rounded_to_the_cent():
    amount, _ = rules.surcharge(Decimal("333.33"), DUE, DUE + timedelta(days=1))
    assert amount == Decimal("10.00")  # 9.9999 → 10.00


def test_confiscated_gains_carry_no_surcharge():
    due = rules.amount_due(
        fine=Decimal("1000"), confiscation=Decimal("5000"), due_on=DUE, on=DUE + timedelta(days=2)
    )
    assert (due.surcharge, due.total) == (Decimal("60.00"), Decimal("6060.00"))


@pytest.mark.django_db
def test_a_late_payment_must_include_the_surcharge_computed_for_its_day(flow):
    case = flow.concluded(
        "53-18", kinds=["warning", "fine"], fine="20000", gains=None, confiscation=None, severity="serious"
    )
    flow.notified(case, date(2025, 6, 16))
    with time_machine.travel(date(2025, 6, 24)):
        A.do_waive_rights(case, by=flow.investigator, waived_on=date(2025, 6, 24), note="书面放弃")
        A.do_submit_for_review(case, by=flow.investigator)
        flow.review(case)
        flow.decide(case)
        case = A.do_serve_decision(case, by=flow.investigator, service=flow.direct(date(2025, 6, 24)))
    assert case.payment_due_on == date(2025, 7, 9)
    with time_machine.travel(date(2025, 7, 12)):
        with pytest.raises(DomainError, match="应缴 21,800.00 元") as error:
            A.do_record_payment(
                case, by=flow.investigator, paid_on=date(2025, 7, 12), amount="20000", receipt_number="R-1"
            )
        assert "加处罚款 1,800.00 元" in error.value.message
        case.refresh_from_db()
        assert case.status == CaseStatus.EXECUTING
        payment = A.do_record_payment(
            case, by=flow.investigator, paid_on=date(2025, 7, 12), amount="21800", receipt_number="R-1"
        )
    assert (payment.surcharge, payment.days_late) == (Decimal("1800.00"), 3)
    case.refresh_from_db()
    assert case.status == CaseStatus.EXECUTED and case.surcharge_amount == Decimal("1800.00")
