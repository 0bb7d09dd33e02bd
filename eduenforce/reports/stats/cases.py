"""行政处罚: cases filed, decided and closed, penalty amounts, deadlines, legal reviews.

Each event is counted in the period it happened: filing on ``filed_on``, decisions on
``decided_on``, closing on ``closed_on``, legal reviews on ``reviewed_on``.
"""

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from eduenforce.cases.choices import FINISHED, CaseStatus, Outcome, Procedure, ReviewResult
from eduenforce.cases.models import Case, Hearing, LegalReview
from eduenforce.reports.stats.period import Period

MONEY = DecimalField(max_digits=16, decimal_places=2)
# A revoked decision stays revoked after its case is closed and archived: the revocation date,
# not the current stage, says it no longer stands (the stage moves on to 已结案/已归档).
STANDING_PENALTY = (
    Q(outcome=Outcome.PENALTY) & Q(revoked_on__isnull=True) & ~Q(status=CaseStatus.DECISION_REVOKED)
)


def _money(expr):
    return Coalesce(expr, Value(Decimal("0")), output_field=MONEY)


def _reference_day(period: Period):
    return min(period.end, timezone.localdate())


def decided(period: Period):
    return Case.objects.filter(decided_on__isnull=False, **period.date_lookup("decided_on"))


def case_figures(period: Period) -> dict:
    """One pass over the cases (each event by its own date), one over the legal reviews."""

    def dated(field):
        return Q(**{f"{field}__isnull": False}, **period.date_lookup(field))

    decided_in = dated("decided_on")
    penalty = decided_in & STANDING_PENALTY
    row = Case.objects.aggregate(
        cases_filed=Count("id", filter=dated("filed_on")),
        cases_decided=Count("id", filter=decided_in),
        penalty_decisions=Count("id", filter=penalty),
        on_the_spot_decisions=Count("id", filter=penalty & Q(procedure=Procedure.SIMPLE)),
        no_penalty_decisions=Count("id", filter=decided_in & Q(outcome=Outcome.NO_PENALTY)),
        filings_revoked=Count("id", filter=decided_in & Q(outcome=Outcome.REVOKED_FILING)),
        decisions_in_time=Count("id", filter=decided_in & Q(decided_in_time=True)),
        decisions_late=Count("id", filter=decided_in & Q(decided_in_time=False)),
        decisions_deviating_from_catalogue=Count("id", filter=penalty & Q(within_range=False)),
        decisions_served_late=Count("id", filter=decided_in & Q(served_in_time=False)),
        penalty_fines_total=_money(Sum("fine_amount", filter=penalty)),
        penalty_confiscation_total=_money(Sum("confiscation_amount", filter=penalty)),
        cases_closed=Count("id", filter=dated("closed_on")),
        cases_open=Count("id", filter=~Q(status__in=FINISHED) & Q(filed_on__lte=period.end)),
        cases_overdue=Count(
            "id", filter=~Q(status__in=FINISHED) & Q(next_deadline_on__lt=_reference_day(period))
        ),
        court_enforcement_applications=Count("id", filter=dated("court_applied_on")),
        decisions_revoked=Count("id", filter=dated("revoked_on")),
    )
    row["penalty_amount_total"] = row["penalty_fines_total"] + row["penalty_confiscation_total"]
    for key in ("penalty_fines_total", "penalty_confiscation_total", "penalty_amount_total"):
        row[key] = float(row[key])
    row["hearings_held"] = Hearing.objects.filter(dated("held_on")).count()
    row.update(
        LegalReview.objects.filter(dated("reviewed_on")).aggregate(
            legal_reviews=Count("id"),
            legal_reviews_passed=Count("id", filter=Q(result=ReviewResult.PASSED)),
            legal_reviews_returned=Count("id", filter=Q(result=ReviewResult.RETURNED)),
        )
    )
    return row


def cases_by_stage() -> list[dict]:
    """Open cases by current stage (a snapshot: stages are states, not events)."""
    labels = dict(CaseStatus.choices)
    rows = (
        Case.objects.exclude(status__in=FINISHED)
        .values("status")
        .annotate(count=Count("id"))
        .order_by("status")
    )
    order = list(CaseStatus.values)
    rows = sorted(rows, key=lambda r: order.index(r["status"]) if r["status"] in order else 99)
    return [
        {"code": r["status"], "label": str(labels.get(r["status"], r["status"])), "count": r["count"]}
        for r in rows
    ]


def decisions_by_violation(period: Period) -> list[dict]:
    rows = (
        decided(period)
        .filter(STANDING_PENALTY)
        .values("violation_code", "violation__title")
        .annotate(count=Count("id"), amount=_money(Sum("fine_amount")))
        .order_by("-count", "violation_code")
    )
    return [
        {
            "code": r["violation_code"] or "",
            "label": r["violation__title"] or r["violation_code"] or "未归类",
            "count": r["count"],
            "amount": float(r["amount"]),
        }
        for r in rows
    ]


def decisions_by_outcome(period: Period) -> list[dict]:
    labels = dict(Outcome.choices)
    rows = decided(period).values("outcome").annotate(count=Count("id")).order_by("outcome")
    return [
        {"code": r["outcome"], "label": str(labels.get(r["outcome"], r["outcome"])), "count": r["count"]}
        for r in rows
    ]


def overdue_cases(period: Period):
    return Case.objects.exclude(status__in=FINISHED).filter(next_deadline_on__lt=_reference_day(period))


def deviating_decisions(period: Period):
    return decided(period).filter(STANDING_PENALTY & Q(within_range=False))
