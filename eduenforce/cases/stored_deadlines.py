"""The case deadlines that count working days, registered for recomputation when the calendar
changes (``core.stored_deadlines``)."""

from django.utils import timezone

from eduenforce.cases.choices import FINISHED, CaseStatus
from eduenforce.core.stored_deadlines import StoredDeadline, register


def _cases(**filters):
    def pending():
        from eduenforce.cases.models import Case

        return Case.objects.exclude(status__in=FINISHED).filter(**filters)

    return pending


def _handlers(case):
    return [m.officer.user for m in case.members.select_related("officer__user")]


def _link(case) -> str:
    return case.get_absolute_url()


def _refresh(case):
    from eduenforce.cases.deadlines import refresh

    refresh(case)
    return ["next_deadline_on", "next_deadline_label", "updated_at"]


def _refresh_with_review(case):
    review = case.reviews.order_by("-id").first()
    if review is not None and review.reviewed_on is None:
        review.due_on = case.review_due_on
        review.save(update_fields=["due_on"])
    return _refresh(case)


def _lead_day(case):
    lead = getattr(case, "lead", None)
    return timezone.localdate(lead.created_at) if lead is not None else None


def _submitted(case):
    review = case.reviews.order_by("-id").first()
    return review.submitted_on if review is not None else None


def _fixed(code):
    return lambda case: code


ENTRIES = [
    StoredDeadline(
        "立案审查期限",
        "filing_review_due_on",
        _fixed("case_filing_review"),
        _lead_day,
        _cases(status=CaseStatus.FILING_REVIEW),
        _handlers,
        link=_link,
        after=_refresh,
    ),
    StoredDeadline(
        "陈述申辩期限",
        "statement_due_on",
        _fixed("statement_defence"),
        lambda case: case.notified_on,
        _cases(status=CaseStatus.NOTIFIED),
        _handlers,
        link=_link,
        after=_refresh,
    ),
    StoredDeadline(
        "听证申请期限",
        "hearing_request_due_on",
        _fixed("hearing_request"),
        lambda case: case.notified_on,
        _cases(status=CaseStatus.NOTIFIED, hearing_right=True),
        _handlers,
        link=_link,
        after=_refresh,
    ),
    StoredDeadline(
        "法制审核期限",
        "review_due_on",
        _fixed("legal_review"),
        _submitted,
        _cases(status=CaseStatus.UNDER_REVIEW),
        _handlers,
        link=_link,
        after=_refresh_with_review,
    ),
    StoredDeadline(
        "决定书送达期限",
        "service_due_on",
        _fixed("decision_service"),
        lambda case: case.decided_on,
        _cases(decided_on__isnull=False, served_on__isnull=True),
        _handlers,
        link=_link,
        after=_refresh,
    ),
    StoredDeadline(
        "处罚决定公示期限",
        "publication_due_on",
        _fixed("penalty_publication"),
        lambda case: case.decided_on,
        _cases(decided_on__isnull=False, publication_required=True, published_on__isnull=True),
        _handlers,
        link=_link,
        after=_refresh,
    ),
]


def register_all() -> None:
    for entry in ENTRIES:
        register(entry, app="cases")
