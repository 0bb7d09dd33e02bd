"""A 53号令 第20条 case (beyond the licence scope) from lead to archive, on the calendar of
autumn 2025: the National Day holiday (1–8 October, with 28 September and 11 October worked)
moves every working-day deadline that crosses it."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from eduenforce.cases import actions as A
from eduenforce.cases.choices import CaseStatus, ClosingGround, PreservationHandling
from eduenforce.cases.models import Case
from eduenforce.core.errors import DomainError
from eduenforce.portal.models import Publication
from eduenforce.records.documents import documents_for
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=SHANGHAI)


def test_a_beyond_scope_case_runs_lawfully_from_lead_to_archive_across_national_day(flow):
    with time_machine.travel(noon(date(2025, 9, 22)), tick=False) as clock:
        case = flow.review_opened("53-20")
        assert case.status == CaseStatus.FILING_REVIEW and case.number == ""
        case = A.do_approve_filing(case, by=flow.head)
        assert case.number == "东教罚立〔2025〕1号"
        assert case.filed_on == date(2025, 9, 22) and case.decision_due_on == date(2025, 12, 21)

        clock.move_to(noon(date(2025, 9, 23)))
        flow.record(case, "inspection")
        flow.record(case, "inquiry")
        preservation = A.do_request_preservation(
            case,
            by=flow.investigator,
            items="招生简章20份、收费收据3本",
            reason="证明超范围招生收费，可能灭失",
        )

        clock.move_to(noon(date(2025, 9, 26)))
        preservation = A.do_approve_preservation(preservation, by=flow.head)
        # 7 working days from Friday 26 September: 28 Sep (worked Sunday), 29, 30 Sep, then
        # 9, 10, 11 (worked Saturday) and 13 October — the holiday does not count.
        assert preservation.handle_due_on == date(2025, 10, 13)
        A.do_order_correction(
            case,
            by=flow.investigator,
            content="立即停止学科类培训，退还所收费用",
            deadline=date(2025, 10, 15),
        )
        case.refresh_from_db()
        assert case.status == CaseStatus.CORRECTION
        assert case.next_deadline_on == date(2025, 10, 13)

        clock.move_to(noon(date(2025, 10, 13)))
        preservation = A.do_handle_preservation(
            preservation, by=flow.investigator, handling=PreservationHandling.RETURN, note="复制后退还"
        )
        assert preservation.handled_in_time is True

        clock.move_to(noon(date(2025, 10, 16)))
        A.do_record_correction(
            case,
            by=flow.investigator,
            corrected=True,
            verified_on=date(2025, 10, 16),
            note="复查时已停止，但晚于期限",
        )

        clock.move_to(noon(date(2025, 10, 20)))
        case = flow.conclude(case)
        assert case.status == CaseStatus.CONCLUDED
        assert case.first_violation and not case.promptly_corrected
        assert case.suggested_tier == "general"

        clock.move_to(noon(date(2025, 10, 21)))
        case = flow.notified(case, date(2025, 10, 21))
        # Confiscating 120,000 yuan (≥ 100,000) gives the right to a hearing (53号令 第30条).
        assert case.hearing_right
        assert case.statement_due_on == case.hearing_request_due_on == date(2025, 10, 28)

        clock.move_to(noon(date(2025, 10, 24)))
        case = A.do_request_hearing(case, by=flow.investigator, requested_on=date(2025, 10, 24))

        clock.move_to(noon(date(2025, 10, 27)))
        with pytest.raises(DomainError, match="最早可定于 2025-11-05"):
            A.do_schedule_hearing(
                case,
                by=flow.head,
                hearing_on=date(2025, 11, 4),
                place="区教育局听证室",
                chair=flow.chair,
                service=flow.direct(date(2025, 10, 27)),
            )
        with pytest.raises(DomainError, match="调查人员"):
            A.do_schedule_hearing(
                case,
                by=flow.head,
                hearing_on=date(2025, 11, 5),
                place="区教育局听证室",
                chair=flow.officers[0],
                service=flow.direct(date(2025, 10, 27)),
            )
        A.do_schedule_hearing(
            case,
            by=flow.head,
            hearing_on=date(2025, 11, 5),
            place="区教育局听证室",
            chair=flow.chair,
            service=flow.direct(date(2025, 10, 27)),
        )

        clock.move_to(noon(date(2025, 11, 5)))
        A.do_record_hearing(
            case,
            by=flow.head,
            held_on=date(2025, 11, 5),
            party_attended=True,
            representatives="刘某、律师吴某",
            record="当事人对事实无异议，请求从轻",
            chair_opinion="事实清楚，建议维持",
        )

        clock.move_to(noon(date(2025, 11, 6)))
        review = A.do_submit_for_review(case, by=flow.investigator)
        assert review.due_on == date(2025, 11, 17)

        clock.move_to(noon(date(2025, 11, 7)))
        flow.review(case)

        clock.move_to(noon(date(2025, 11, 10)))
        case = flow.decide(case, measures="责令改正，退还所收费用")
        assert case.decision_number == "东教罚决〔2025〕1号"
        assert case.decided_in_time and case.within_range
        assert case.service_due_on == case.publication_due_on == date(2025, 11, 19)

        clock.move_to(noon(date(2025, 11, 11)))
        case = A.do_serve_decision(case, by=flow.investigator, service=flow.direct(date(2025, 11, 11)))
        assert case.status == CaseStatus.EXECUTING and case.payment_due_on == date(2025, 11, 26)

        clock.move_to(noon(date(2025, 11, 12)))
        case = A.do_publish_decision(case, by=flow.head)
        assert case.published_in_time

        clock.move_to(noon(date(2025, 11, 20)))
        A.do_record_payment(
            case,
            by=flow.investigator,
            paid_on=date(2025, 11, 20),
            amount="120000",
            receipt_number="NS2025112000017",
        )
        case.refresh_from_db()
        assert case.status == CaseStatus.EXECUTED and case.surcharge_amount == Decimal("0.00")

        clock.move_to(noon(date(2025, 11, 21)))
        A.do_request_closing(case, by=flow.investigator, ground=ClosingGround.EXECUTED, note="没收款已缴清")
        A.do_approve_closing(case, by=flow.head)
        case = A.do_archive(case, by=flow.head, location="2025-罚-001")

    assert case.status == CaseStatus.ARCHIVED and case.next_deadline_on is None
    kinds = sorted(documents_for(case).values_list("kind", flat=True))
    assert kinds == sorted(
        [
            "filing_approval",
            "inspection_record",
            "inquiry_record",
            "preservation_notice",
            "correction_notice",
            "investigation_report",
            "prior_notice",
            "service_receipt",
            "hearing_notice",
            "service_receipt",
            "hearing_record",
            "review_opinion",
            "decision",
            "service_receipt",
            "closing_report",
        ]
    )
    publication = Publication.objects.get(source_type="cases.case", source_id=str(case.pk))
    assert publication.fields["decision_number"] == "东教罚决〔2025〕1号"
    assert publication.published_at.date() <= publication.due_on
    actions = list(
        JournalEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )
    for step in [
        "cases.filing_approved",
        "cases.preservation_approved",
        "cases.investigation_concluded",
        "cases.hearing_scheduled",
        "cases.reviewed",
        "cases.decided",
        "cases.decision_served",
        "cases.decision_published",
        "cases.payment_recorded",
        "cases.closing_approved",
        "cases.archived",
    ]:
        assert step in actions
    assert Case.objects.overdue(date(2025, 12, 31)).count() == 0


def test_identity_numbers_and_addresses_stay_out_of_the_journal(flow):
    case = flow.filed(
        "53-18",
        party_kind="person",
        party_name="张三",
        party_id_code="120110198001011234",
        party_address="东丽区某小区3号楼",
    )
    bodies = [bytes(e.body).decode() for e in JournalEntry.objects.filter(object_id=str(case.pk))]
    assert bodies and not any("120110198001011234" in b or "某小区3号楼" in b for b in bodies)
    assert any("personal_fields_changed" in b for b in bodies)
