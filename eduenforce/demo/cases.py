"""行政处罚 cases at every stage, through the cases actions: a general-procedure case decided,
served, published, paid and closed; one decided and being executed; an on-the-spot warning; one
under legal review; one notified; one in investigation (in the report year, the school that did
not rectify after a patrol); one in 立案审查. The report year's cases stand so at 31 December and
go on to their end the next January; the current year's rest at their stages on the day the
district is loaded, each with its deadline ahead."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from eduenforce.core.workdays import add_working_days, is_working_day

ALL_TRUE = {
    "cond_party_clear": True,
    "cond_evidence": True,
    "cond_penalty_due": True,
    "cond_jurisdiction": True,
    "cond_time_bar": True,
}


def _violation(code: str):
    from eduenforce.cases.models import Violation

    return Violation.objects.filter(code=code, version__status="current").first()


def _team(demo):
    # 张伟 (执法大队) with 胡斌 of the 校外培训科, whose head (李强) approves the case's steps: a
    # section head acts on the cases of his section's officers. The legal reviewer (王芳) never
    # investigates a case she may have to review.
    return [demo.officers[0], demo.officers[12]]


def _service(demo, recipient="法定代表人"):
    from eduenforce.cases.actions.service import Service

    return Service(method="direct", delivered_on=demo.clock.today, recipient=recipient)


def _at(hour: int):
    return datetime.combine(timezone.localdate(), time(hour), tzinfo=timezone.get_current_timezone())


def schedule(demo, year) -> None:
    demo.at(add_working_days(date(year.year, 1, 1), 1), 9, publish_catalogue)
    if year.current:
        _schedule_current(demo, year)
        return
    for key, day, source, index in REPORT_YEAR:
        demo.at(year.day(day), 10, open_case, CaseRun(key, year, STAGES[key]), source, index)
    demo.at(year.day(date(2025, 7, 17)), 15, on_the_spot)


def publish_catalogue(demo) -> None:
    """The bureau publishes its 裁量基准 before any case applies it (行政处罚法 第34条)."""
    from eduenforce.cases import catalogue
    from eduenforce.cases.models import CatalogueVersion

    version = CatalogueVersion.objects.current()
    if version is not None and version.published_at is None:
        catalogue.publish_version(version, by=demo.leader)


# The report year's cases: when each opens, and from what; how far each gets by 31 December
# (the cases left open are carried on from the next January, so none is left waiting).
REPORT_YEAR = [
    ("A", date(2025, 4, 8), "complaint", 0),
    ("B", date(2025, 5, 27), "complaint", 1),
    ("C", date(2025, 9, 1), "inspection", 2),
    ("D", date(2025, 10, 9), "inspection", 3),
    ("E", date(2025, 11, 3), "escalated", 0),
    ("F", date(2025, 12, 18), "inspection", 4),
]
STAGES = {
    "A": "closed",
    "B": "executing",
    "C": "under_review",
    "D": "notified",
    "E": "investigating",
    "F": "filing_review",
}
CAUSES = {
    "A": ("53-22", "违规发布校外培训广告", 12600),
    "B": ("53-22", "违规收取超过3个月的培训费用", 23800),
    "C": ("53-21", "寒假期间违规开展学科类培训", 8400),
    "D": ("53-22", "预收费未纳入资金监管", 15000),
    "E": ("53-22", "逾期未按责令整改通知整改安全隐患", 0),
    "F": ("53-21", "超前超标开展学科类培训", 0),
    "G": ("53-17", "办学许可证过期后仍开展培训活动（擅自举办）", 9600),
}
# G: the school found teaching on an expired licence in the winter campaign, referred (移送立案) by
# the inspection and closed by the case's served decision (责令停止举办): the registry shows it
# 停办 from the day of service, and the report counts the closure from that decision.
# The current year's cases open this many working days before the day the district is loaded,
# so that each rests at its stage with its deadline still ahead.
CURRENT_YEAR = {"A": 40, "B": 16, "C": 9, "D": 10, "E": 4, "F": 1}
SPOT_DAYS_AGO = 20


@dataclass
class CaseRun:
    key: str
    year: object
    rest: str | None  # the stage the case rests at (None: on to the end)

    def rests(self, demo, stage: str, then, *args) -> bool:
        """At ``stage``: rest there; in the report year carry on from the next January."""
        if self.rest != stage:
            return False
        if not self.year.current:
            self.rest = None
            order = list(STAGES).index(self.key)
            demo.at(add_working_days(date(self.year.year + 1, 1, 1), 2 + order), 10, then, self, *args)
        return True


def _working_days_before(day: date, n: int) -> date:
    while n:
        day -= timedelta(days=1)
        n -= is_working_day(day)
    return day


def _schedule_current(demo, year) -> None:
    first = add_working_days(date(year.year, 1, 1), 1)
    for index, (key, back) in enumerate(CURRENT_YEAR.items()):
        day = _working_days_before(demo.today, back)
        if day >= first:
            demo.at(day, 10, open_case, CaseRun(key, year, STAGES[key]), "inspection", 5 + index)
    day = _working_days_before(demo.today, SPOT_DAYS_AGO)
    if day >= first:
        demo.at(day, 15, on_the_spot)


def _lead(demo, run, source, index):
    from eduenforce.cases.models import CaseLead
    from eduenforce.cases.services import register_lead
    from eduenforce.inspections.models import InspectionTask

    key = run.key
    if source == "complaint":
        complaint = run.year.complaint_leads[index]
        return CaseLead.objects.filter(
            source_type="complaints.complaint", source_id=str(complaint.pk)
        ).first()
    if source == "escalated":
        return CaseLead.objects.get(number=demo.escalated_lead)
    if source == "closure":
        return CaseLead.objects.get(number=index)
    task = (
        InspectionTask.objects.filter(campaign__year=demo.year, hazards__isnull=False, status="completed")
        .distinct()
        .order_by("completed_at")[index]
    )
    return register_lead(
        source="inspection",
        summary=f"{task.institution.name}：{CAUSES[key][1]}（检查任务 {task.number}）",
        by=demo.field_officer,
        source_obj=task,
        institution=task.institution,
    )


def schedule_closure(demo, year, lead_number: str) -> None:
    """The closure case (G) opens two working days after the 移送立案 and runs to its end."""
    demo.at(
        add_working_days(demo.clock.today, 2), 10, open_case, CaseRun("G", year, None), "closure", lead_number
    )


def open_case(demo, run, source, index) -> None:
    from eduenforce.cases.actions import filing

    lead = _lead(demo, run, source, index)
    code, cause, _gains = CAUSES[run.key]
    case = filing.do_open_filing_review(
        lead,
        by=demo.field_officer,
        cause=cause,
        summary=f"经初步核查，{lead.party_name}涉嫌{cause}。",
        officers=_team(demo),
        conditions=ALL_TRUE,
        opinion="符合立案条件，建议立案调查。",
        violation=_violation(code),
    )
    if run.rests(demo, "filing_review", _file, case):
        return
    demo.at(add_working_days(demo.clock.today, 2), 10, _file, run, case)


def _file(demo, run, case) -> None:
    from eduenforce.cases.actions import filing, investigation

    filing.do_approve_filing(case, by=demo.head, note="同意立案")
    investigation.do_add_record(
        case,
        by=demo.field_officer,
        kind="inspection",
        started_at=_at(9),
        ended_at=_at(10),
        place=case.party_address or "当事人经营场所",
        officers=_team(demo),
        subject_name="现场负责人",
        content=f"执法人员出示执法证件，现场检查发现当事人{case.cause}。",
    )
    investigation.do_add_evidence(
        case,
        by=demo.field_officer,
        kind="documentary",
        title="收费凭证及宣传材料复印件",
        collected_on=demo.clock.today,
        description="证明违法事实的书证",
    )
    if not run.rests(demo, "investigating", _order_correction, case):
        _order_correction(demo, run, case)


def _order_correction(demo, run, case) -> None:
    from eduenforce.cases.actions import investigation

    investigation.do_order_correction(
        case,
        by=demo.field_officer,
        content=f"立即停止{case.cause}的行为，并于期限内改正。",
        deadline=add_working_days(demo.clock.today, 5),
        basis="《校外培训行政处罚暂行办法》第三十二条",
    )
    demo.at(add_working_days(demo.clock.today, 6), 10, _conclude, run, case)


def _conclude(demo, run, case) -> None:
    from eduenforce.cases import discretion
    from eduenforce.cases.actions import investigation, procedure

    investigation.do_record_correction(
        case,
        by=demo.field_officer,
        corrected=True,
        verified_on=demo.clock.today,
        note="复查确认已停止违法行为并改正",
    )
    case.refresh_from_db()
    gains = Decimal(CAUSES[run.key][2])
    facts = discretion.Facts.of(case)
    facts.illegal_gains, facts.harm = gains, "moderate"
    suggestion = discretion.suggest(case.violation, facts)
    kinds = [k for k in suggestion.kinds if gains or k != "confiscate_gains"]
    fine = suggestion.fine_min if suggestion.fine_max is not None else None
    investigation.do_conclude_investigation(
        case,
        by=demo.field_officer,
        proposed_outcome="penalty",
        illegal_gains=gains,
        kinds=kinds,
        fine=fine,
        harm="moderate",
        confiscation=gains if "confiscate_gains" in kinds else None,
        report=f"经调查，当事人{case.cause}，违法所得{gains}元，事实清楚，证据确凿；当事人已及时改正。",
    )
    _discuss_if_required(demo, case)
    procedure.do_serve_prior_notice(case, by=demo.field_officer, service=_service(demo))
    if not run.rests(demo, "notified", _submit, case):
        _submit(demo, run, case)


def _discuss_if_required(demo, case) -> None:
    """负责人集体讨论 before the notice, for the cases the law reserves to it (cases.discussion)."""
    from eduenforce.accounts.demo import ensure_user
    from eduenforce.cases import discussion
    from eduenforce.cases.actions import procedure
    from eduenforce.core.roles import Role

    case.refresh_from_db()
    found = discussion.grounds(case, case.proposed_kinds, case.proposed_fine)
    if not found:
        return
    deputy = ensure_user("wangjun", "王军", Role.LEADER, None)
    procedure.do_record_discussion(
        case,
        by=demo.leader,
        held_on=demo.clock.today,
        attendees=[demo.leader, deputy],
        opinions=f"{demo.leader}：同意；{deputy}：同意",
        minutes=f"本案{'、'.join(found)}，经集体讨论，同意承办部门的处理意见。",
        result="agreed",
        deviation_approved=bool(case.deviation_reason),
    )


def _submit(demo, run, case) -> None:
    from eduenforce.cases.actions import procedure

    case.refresh_from_db()
    windows = [case.statement_due_on, case.hearing_request_due_on if case.hearing_right else None]
    if any(due and demo.clock.today <= due for due in windows):
        procedure.do_waive_rights(
            case, by=demo.field_officer, waived_on=demo.clock.today, note="当事人书面表示放弃陈述、申辩权利"
        )
    procedure.do_submit_for_review(case, by=demo.field_officer)
    if run.rests(demo, "under_review", _review_and_decide, case):
        return
    demo.at(add_working_days(demo.clock.today, 3), 10, _review_and_decide, run, case)


def _review_and_decide(demo, run, case) -> None:
    from eduenforce.cases.actions import decision, procedure
    from eduenforce.cases.models.steps import REVIEW_CHECKLIST

    procedure.do_review(
        case,
        by=demo.reviewer,
        checklist={k: True for k, _ in REVIEW_CHECKLIST},
        opinion="主体合法，事实清楚，证据充分，程序合法，适用依据正确，裁量适当，同意。",
        result="passed",
    )
    case.refresh_from_db()
    decision.do_decide(
        case,
        by=demo.leader,
        outcome="penalty",
        kinds=case.proposed_kinds,
        fine=case.proposed_fine,
        confiscation=case.proposed_confiscation,
        measures="责令改正",
    )
    demo.at(add_working_days(demo.clock.today, 2), 10, _serve, run, case)


def _serve(demo, run, case) -> None:
    from eduenforce.cases.actions import decision

    decision.do_serve_decision(case, by=demo.field_officer, service=_service(demo))
    decision.do_publish_decision(case, by=demo.head)
    if run.rests(demo, "executing", _pay_and_close, case):
        return
    demo.at(demo.clock.today + timedelta(days=10), 10, _pay_and_close, run, case)


def _pay_and_close(demo, run, case) -> None:
    from eduenforce.cases import rules
    from eduenforce.cases.actions import execution
    from eduenforce.cases.choices import CaseStatus

    case.refresh_from_db()
    if case.money_due:
        amount = rules.amount_due(  # with the surcharge when paid late (a case carried on in January)
            fine=case.fine_amount,
            confiscation=case.confiscation_amount,
            due_on=case.payment_due_on,
            on=demo.clock.today,
        ).total
        execution.do_record_payment(
            case,
            by=demo.field_officer,
            paid_on=demo.clock.today,
            amount=amount,
            receipt_number=f"津非税{demo.clock.today:%Y%m%d}0017",
        )
        note = "罚没款已全额缴纳，决定执行完毕。"
    elif case.status == CaseStatus.EXECUTING:
        execution.do_confirm_execution(
            case, by=demo.field_officer, executed_on=demo.clock.today, note="复查确认当事人已履行决定。"
        )
        note = "当事人已履行处罚决定，执行完毕。"
    else:
        note = "警告决定已送达，执行完毕。"
    execution.do_request_closing(case, by=demo.field_officer, ground="executed", note=note)
    execution.do_approve_closing(case, by=demo.head)


def on_the_spot(demo) -> None:
    """A warning on the spot for an advertising board at a training school's door (简易程序)."""
    from eduenforce.cases.actions.spot import do_on_the_spot_penalty

    institution = demo.institutions["training_non_academic"][80 + demo.clock.today.year - demo.year]
    do_on_the_spot_penalty(
        by=demo.field_officer,
        party_kind="organisation",
        party_name=institution.name,
        violation=_violation("53-22"),
        summary="在机构门口摆放学科类培训宣传展板，违反校外培训广告管控规定，当场撤除。",
        kinds=["warning"],
        officers=_team(demo),
        place=institution.address,
        recipient=institution.legal_rep_name or "负责人",
        institution=institution,
        party_id_code=institution.credit_code,
        party_address=institution.address,
    )
