"""Factories for case tests. Cases are driven through ``cases.actions`` (the path the UI and
the demo builder take) by ``Flow``; ``CaseFactory`` makes a bare row in any state for tests of
refusals, and the small factories below provide the people and institutions."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from eduenforce.accounts.models import Department
from eduenforce.cases import actions as A
from eduenforce.cases import discussion, services
from eduenforce.cases.choices import CaseStatus, Harm, Outcome, ProposedOutcome, ServiceMethod, Severity
from eduenforce.cases.models import REVIEW_CHECKLIST, CatalogueVersion, Violation
from eduenforce.testing.factories import (
    OfficerFactory,  # noqa: F401  (shared; re-exported to this app's tests)
    UserFactory,
)

ALL_CONDITIONS = dict.fromkeys(
    ("cond_party_clear", "cond_evidence", "cond_penalty_due", "cond_jurisdiction", "cond_time_bar"), True
)
CHECKLIST_OK = {key: True for key, _ in REVIEW_CHECKLIST}


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registry.Institution"

    name = factory.Sequence(lambda n: f"东丽区启智{n}号培训学校")
    kind = "training_non_academic"
    credit_code = factory.Sequence(lambda n: f"52120110MJ{n:08d}")
    licence_number = factory.Sequence(lambda n: f"教民1201100{n:05d}")
    scope = "非学科类（艺术）"
    address = factory.Sequence(lambda n: f"天津市东丽区金钟街道{n}号")
    street = factory.LazyFunction(lambda: Department.objects.get(code="jz"))
    legal_rep_name = "王建国"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Certificate"

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"12010099{n:06d}")
    issuing_authority = "天津市人民政府"
    valid_from = date(2020, 1, 1)
    valid_to = date(2035, 12, 31)


def certified_officer(user=None, **kwargs):
    officer = OfficerFactory(user=user, **kwargs)
    CertificateFactory(officer=officer)
    return officer


def violation(code: str) -> Violation:
    return Violation.objects.get(version=CatalogueVersion.objects.current(), code=code)


class CaseFactory(factory.django.DjangoModelFactory):
    """A bare case row in any state (for refusals); real flows go through ``Flow``."""

    class Meta:
        model = "cases.Case"
        skip_postgeneration_save = True

    status = CaseStatus.INVESTIGATING
    party_name = factory.Sequence(lambda n: f"东丽区某某{n}培训中心")
    cause = "超出许可范围开展培训"
    summary = "检查发现超出办学许可范围开展学科类培训"
    number = factory.Sequence(lambda n: f"东教罚立〔2099〕{n}号")
    filed_on = factory.LazyFunction(timezone.localdate)
    decision_due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))

    @factory.post_generation
    def team(case, create, extracted, **kwargs):
        """``CaseFactory(team=[officer, …])``: the case's 承办人 (only they and the roles the law
        names may act on it; see ``core.permissions.SCOPES``)."""
        if create and extracted:
            from eduenforce.cases.models import CaseOfficer

            for order, officer in enumerate(extracted):
                CaseOfficer.objects.create(case=case, officer=officer, order=order)


def publish_catalogue(by) -> CatalogueVersion:
    """The bureau publishes its current 裁量基准 before applying it (行政处罚法 第34条)."""
    from eduenforce.cases import catalogue

    version = CatalogueVersion.objects.current()
    if version is not None and version.published_at is None:
        version = catalogue.publish_version(version, by=by)
    return version


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class Flow:
    """A bureau with its people, and one method per stage that drives a case there.

    ``flow.to(case, CaseStatus.X)`` would hide too much; each method does one stage with
    lawful defaults so a test can stop anywhere and try the next step itself.
    """

    def __init__(self):
        self.investigator = UserFactory(role="officer", name="李执法")
        self.colleague = UserFactory(role="officer", name="赵执法")
        self.head = UserFactory(
            role="section_head", name="张科长", department=Department.objects.get(code="zfdd")
        )
        self.leader = UserFactory(role="leader", name="陈局长")
        self.deputy = UserFactory(role="leader", name="王副局长")
        self.reviewer = UserFactory(role="legal_reviewer", name="周法制")
        self.officers = [
            certified_officer(user=self.investigator, name="李执法"),
            certified_officer(user=self.colleague, name="赵执法"),
        ]
        self.reviewer_officer = certified_officer(
            user=self.reviewer, name="周法制", legal_qualification_number="A20121100000123"
        )
        self.chair = certified_officer(name="孙主持")
        self.institution = InstitutionFactory()
        publish_catalogue(self.leader)

    # 线索 → 立案
    def lead(self, institution=None, summary="检查发现该机构超出许可范围开展学科类培训", party_name=""):
        """A lead about ``institution`` (the flow's own by default), or about a person when
        ``party_name`` is given."""
        if not party_name:
            institution = institution or self.institution
        return services.register_lead(
            source="inspection",
            summary=summary,
            by=self.investigator,
            institution=institution,
            party_name=party_name,
        )

    def review_opened(self, code="53-20", institution=None, **kwargs):
        person = kwargs.get("party_kind") == "person"
        lead = self.lead(institution, party_name=kwargs.get("party_name", "") if person else "")
        kwargs.setdefault("conditions", ALL_CONDITIONS)
        return A.do_open_filing_review(
            lead,
            by=self.investigator,
            cause="超出许可范围开展培训",
            summary="非学科类机构开展数学学科培训",
            officers=self.officers,
            violation=violation(code),
            opinion="建议立案",
            **kwargs,
        )

    def filed(self, code="53-20", **kwargs):
        case = self.review_opened(code, **kwargs)
        return A.do_approve_filing(case, by=self.head)

    # 调查取证 → 责令改正
    def record(self, case, kind="inspection", day=None):
        day = day or timezone.localdate()
        started, ended = at(day), at(day, 10)
        now = timezone.localtime()
        if day == now.date() and ended > now:  # a record of today cannot end in the future
            started, ended = max(now - timedelta(hours=1), at(day, 0)), now
        return A.do_add_record(
            case,
            by=self.investigator,
            kind=kind,
            started_at=started,
            ended_at=ended,
            place="金钟街道某培训点",
            officers=self.officers,
            subject_name="刘某",
            subject_detail="男，负责人",
            content="现场有学生12名正在上初中数学课",
        )

    def corrected(self, case, corrected=True, deadline_days=10):
        A.do_order_correction(
            case,
            by=self.investigator,
            content="立即停止学科类培训，退还所收费用",
            deadline=timezone.localdate() + timedelta(days=deadline_days),
        )
        A.do_record_correction(
            case,
            by=self.investigator,
            corrected=corrected,
            verified_on=timezone.localdate(),
            note="复查时已停止" if corrected else "仍在培训",
        )
        return case

    def investigated(self, code="53-20", corrected=True, **kwargs):
        case = self.filed(code, **kwargs)
        self.record(case)
        return self.corrected(case, corrected)

    # 调查终结
    def conclude(
        self,
        case,
        *,
        kinds=("warning", "confiscate_gains"),
        fine=None,
        gains="120000",
        confiscation="120000",
        severity=Severity.ORDINARY,
        harm=Harm.MINOR,
        **kwargs,
    ):
        kwargs.setdefault("report", "该机构于2025年超出许可范围开展初中数学培训，收取费用12万元。")
        return A.do_conclude_investigation(
            case,
            by=self.investigator,
            proposed_outcome=kwargs.pop("proposed_outcome", ProposedOutcome.PENALTY),
            severity=severity,
            harm=harm,
            illegal_gains=gains,
            kinds=list(kinds),
            fine=fine,
            confiscation=confiscation,
            **kwargs,
        )

    def concluded(self, code="53-20", corrected=False, **kwargs):
        case = self.investigated(code, corrected=corrected)
        return self.conclude(case, **kwargs)

    def discussed(self, case, day=None, **kwargs):
        """负责人集体讨论 by the two leaders, agreeing with the proposal (for the cases that need it)."""
        kwargs.setdefault("deviation_approved", bool(case.deviation_reason))
        return A.do_record_discussion(
            case,
            by=self.leader,
            held_on=day or timezone.localdate(),
            attendees=kwargs.pop("attendees", [self.leader, self.deputy]),
            opinions="陈局长：同意；王副局长：同意",
            minutes="违法事实清楚，同意承办人的处理意见",
            result=kwargs.pop("result", "agreed"),
            **kwargs,
        )

    def direct(self, day=None, **kwargs):
        return A.Service(
            method=ServiceMethod.DIRECT,
            delivered_on=day or timezone.localdate(),
            recipient=kwargs.get("recipient", "刘某"),
        )

    def notified(self, case, day=None):
        """事先告知, after the collective discussion where the law requires one (cases.discussion)."""
        case.refresh_from_db()
        if case.status == CaseStatus.CONCLUDED and discussion.proposal_refusal(case, before="") is not None:
            self.discussed(case, day)
        return A.do_serve_prior_notice(case, by=self.investigator, service=self.direct(day))

    def review(self, case, result="passed", checklist=None):
        return A.do_review(
            case,
            by=self.reviewer,
            checklist=checklist or CHECKLIST_OK,
            opinion="事实清楚，证据充分，程序合法，裁量适当",
            result=result,
        )

    def decide(self, case, **kwargs):
        kwargs.setdefault("outcome", Outcome.PENALTY)
        kwargs.setdefault("kinds", case.proposed_kinds)
        kwargs.setdefault("fine", case.proposed_fine)
        kwargs.setdefault("confiscation", case.proposed_confiscation)
        return A.do_decide(case, by=self.leader, **kwargs)


MONEY = Decimal


def served_decision(institution, kinds, *, served=True, revoked=False, source_obj=None):
    """A 行政处罚决定 row of ``institution`` imposing ``kinds`` (served unless told otherwise); with
    ``source_obj`` (an inspection task, hazard or order) the case is filed from its 移送立案 lead."""
    lead = None
    if source_obj is not None:
        lead = services.register_lead(
            source="inspection", summary="移送立案", by=None, source_obj=source_obj, institution=institution
        )
    today = timezone.localdate()
    return CaseFactory(
        lead=lead,
        institution=institution,
        party_name=institution.name,
        status=CaseStatus.EXECUTING if served else CaseStatus.DECIDED,
        outcome=Outcome.PENALTY,
        penalty_kinds=list(kinds),
        decided_on=today - timedelta(days=3),
        served_on=today - timedelta(days=1) if served else None,
        revoked_on=today if revoked else None,
        decision_number=f"东教罚决〔2099〕{institution.pk}号",
    )
