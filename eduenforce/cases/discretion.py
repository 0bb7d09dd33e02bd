"""Discretion (裁量): the suggestion engine, the legal limits and the 类案不同罚 report.

From the facts of a case (first violation, harm, prompt correction, repeat within two years
— found in the party's own case history —, in-service teacher, obstruction, minors affected,
mandatory mitigation) the catalogue proposes a tier and its range, with the reasons. A
proposal outside that range needs a written reason and the heads' approval.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median

from eduenforce.cases import limits
from eduenforce.cases.choices import (
    TIER_ORDER,
    FineBasis,
    Harm,
    Outcome,
    PenaltyKind,
    ProposedOutcome,
    Severity,
    Tier,
)
from eduenforce.core.deadlines import add_months, rule
from eduenforce.core.errors import DomainError

LIGHT_HARM = frozenset({Harm.NONE, Harm.MINOR})
KIND_LABELS = dict(PenaltyKind.choices)
TIER_LABELS = dict(Tier.choices)


@dataclass
class Facts:
    severity: str = Severity.ORDINARY
    harm: str = Harm.MINOR
    first_violation: bool = True
    repeat_within_window: bool = False
    promptly_corrected: bool = False
    in_service_teacher: bool = False
    obstruction: bool = False
    minors_affected: bool = False
    mandatory_mitigation: bool = False
    illegal_gains: Decimal | None = None

    @classmethod
    def of(cls, case) -> "Facts":
        return cls(**{name: getattr(case, name) for name in cls.__dataclass_fields__})


@dataclass
class Suggestion:
    tier: str
    rule: object | None  # TierRule
    fine_min: Decimal | None = None  # yuan
    fine_max: Decimal | None = None
    kinds: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    needs_gains: bool = False

    @property
    def tier_label(self) -> str:
        return TIER_LABELS.get(self.tier, self.tier)

    @property
    def kind_labels(self) -> list[str]:
        return [KIND_LABELS.get(k, k) for k in self.kinds]

    def range_text(self) -> str:
        if self.needs_gains:
            return "须先认定违法所得金额"
        if self.fine_max is None:
            return "不罚款"
        return f"罚款 {self.fine_min or 0:,.2f}–{self.fine_max:,.2f} 元"

    def allows(self, kinds, fine: Decimal | None) -> bool:
        """Is a penalty of ``kinds`` and ``fine`` inside this suggestion?"""
        fine = fine or Decimal("0")
        if self.tier == Tier.NO_PENALTY:
            return not kinds and fine == 0
        # Confiscating illegal gains is mandatory (行政处罚法 第28条), never a deviation.
        extra = set(kinds) - set(self.kinds) - {PenaltyKind.CONFISCATE_GAINS}
        if extra:
            return False
        if self.fine_max is None:
            return fine == 0
        return (self.fine_min or 0) <= fine <= self.fine_max


# --- the party's history -------------------------------------------------------------------


def prior_cases(case, before: date | None = None):
    """The party's earlier cases that found a violation (a penalty, or 不予处罚 for a minor one)."""
    from django.db.models import Q

    from eduenforce.cases.models import Case

    before = before or case.filed_on or date.today()
    found = Q(outcome=Outcome.PENALTY) | Q(
        outcome=Outcome.NO_PENALTY, proposed_outcome=ProposedOutcome.MINOR_NO_PENALTY
    )
    qs = Case.objects.of_party(
        institution=case.institution,
        party_id_code=case.party_id_code,
        party_name=case.party_name,
        party_kind=case.party_kind,
    )
    return qs.filter(found, decided_on__lt=before).exclude(pk=case.pk).exclude(revoked_on__isnull=False)


def repeat_window_start(on: date) -> date:
    """53号令 第16条: the start of the two years before ``on`` (from the deadline-rule table)."""
    r = rule("repeat_violation_window")
    months = r.number * 12 if r.day_type == "years" else r.number
    return add_months(on, -months)


def history_facts(case, on: date | None = None) -> tuple[bool, bool, list]:
    """(first violation, repeat within the window, the prior penalty cases inside the window)."""
    on = on or case.filed_on or date.today()
    prior = list(prior_cases(case, before=on).order_by("-decided_on"))
    start = repeat_window_start(on)
    recent = [c for c in prior if c.outcome == Outcome.PENALTY and c.decided_on >= start]
    return not prior, bool(recent), recent


# --- the suggestion ------------------------------------------------------------------------


def _aggravating(f: Facts) -> list[str]:
    reasons = []
    if f.repeat_within_window:
        reasons.append("两年内因同类违法行为受过行政处罚后再次违法（53号令第16条，应当从重）")
    if f.harm == Harm.SERIOUS:
        reasons.append("危害后果严重或社会影响恶劣（53号令第16条）")
    if f.obstruction:
        reasons.append("阻碍执法或伪造、隐匿、毁灭证据（53号令第16条）")
    if f.in_service_teacher:
        reasons.append("在职中小学教师从事学科类校外培训（53号令第16条）")
    if f.minors_affected:
        reasons.append("损害未成年人身心健康（53号令第21条第一、二项从重）")
    return reasons


def _mitigating(f: Facts) -> list[str]:
    reasons = []
    if f.mandatory_mitigation:
        reasons.append("具有行政处罚法第32条应当从轻或者减轻处罚的情形")
    if f.first_violation:
        reasons.append("初次违法")
    if f.harm in LIGHT_HARM:
        reasons.append("危害后果轻微" if f.harm == Harm.MINOR else "未造成危害后果")
    if f.promptly_corrected:
        reasons.append("在责令改正期限内改正")
    return reasons


def choose_tier(f: Facts) -> tuple[str, list[str]]:
    """The tier the facts call for, and why."""
    worse, better = _aggravating(f), _mitigating(f)
    if not worse and f.first_violation and f.harm in LIGHT_HARM and f.promptly_corrected:
        return Tier.NO_PENALTY, [*better, "符合“首违不罚”（行政处罚法第33条），可以不予处罚，应予教育"]
    if worse and f.mandatory_mitigation:
        return Tier.GENERAL, [*worse, *better, "从重与应当从轻、减轻情节并存，按一般阶次裁量"]
    if worse:
        return Tier.HEAVIER, worse
    if f.mandatory_mitigation:
        return (Tier.MITIGATED if f.harm in LIGHT_HARM else Tier.LIGHTER), better
    if f.promptly_corrected and f.harm in LIGHT_HARM:
        return Tier.LIGHTER, better
    return Tier.GENERAL, [*better, "无法定从轻、从重情节"]


def _nearest(rows: dict, wanted: str) -> str | None:
    """The tier to use when the catalogue has no row for ``wanted``: step towards 一般."""
    if wanted in rows:
        return wanted
    pos, general = TIER_ORDER.index(wanted), TIER_ORDER.index(Tier.GENERAL)
    step = 1 if pos <= general else -1
    for i in range(pos, general + step, step):
        if TIER_ORDER[i] in rows:
            return TIER_ORDER[i]
    by_distance = sorted(rows, key=lambda t: abs(TIER_ORDER.index(t) - pos))
    return by_distance[0] if by_distance else None


def to_yuan(violation, value: Decimal | None, gains: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if violation.fine_basis == FineBasis.MULTIPLE:
        return None if gains is None else (value * gains).quantize(Decimal("0.01"))
    return value


def suggest(violation, facts: Facts) -> Suggestion:
    """Propose the tier and range of ``violation`` (a catalogue row) for ``facts``."""
    tier, reasons = choose_tier(facts)
    rows = {r.tier: r for r in violation.tiers_for(facts.severity)}
    if not rows:
        rows = {r.tier: r for r in violation.tiers_for(Severity.ORDINARY)}
        if rows:
            reasons.append("基准未就该情节单列阶次，按一般情节适用")
    chosen = _nearest(rows, tier)
    if chosen is None:
        return Suggestion(tier=tier, rule=None, reasons=[*reasons, "裁量基准未设该违法行为的阶次"])
    if chosen != tier:
        reasons.append(f"基准在该情节下未设“{TIER_LABELS[tier]}”阶次，按“{TIER_LABELS[chosen]}”适用")
    row = rows[chosen]
    needs_gains = violation.fine_basis == FineBasis.MULTIPLE and row.has_fine and facts.illegal_gains is None
    return Suggestion(
        tier=chosen,
        rule=row,
        kinds=_with_confiscation(list(row.penalty_kinds), facts.illegal_gains),
        reasons=reasons,
        needs_gains=needs_gains,
        fine_min=to_yuan(violation, row.fine_min or Decimal("0"), facts.illegal_gains)
        if row.has_fine
        else None,
        fine_max=to_yuan(violation, row.fine_max, facts.illegal_gains) if row.has_fine else None,
    )


def _with_confiscation(kinds: list[str], gains: Decimal | None) -> list[str]:
    """Found illegal gains are confiscated whatever the tier lists (行政处罚法 第二十八条第二款),
    so the suggestion never proposes what cases.limits.check_confiscation would refuse. A tier
    that imposes nothing (不予处罚) is left as it is: the outcome there is not a penalty."""
    if kinds and gains and gains > 0 and PenaltyKind.CONFISCATE_GAINS not in kinds:
        return [*kinds, PenaltyKind.CONFISCATE_GAINS]
    return kinds


# --- legal limits --------------------------------------------------------------------------


def legal_max(violation, severity: str, gains: Decimal | None) -> Decimal | None:
    """The highest fine the law allows for this violation and 情节 (None: no fine allowed)."""
    rows = violation.tiers_for(severity) or violation.tiers_for(Severity.ORDINARY)
    tops = [r.fine_max for r in rows if r.fine_max is not None]
    if violation.statutory_max is None or not tops:
        return None
    top = min(max(tops), violation.statutory_max)
    if violation.fine_basis == FineBasis.MULTIPLE:
        if gains is None:
            raise DomainError("该违法行为按违法所得倍数罚款，请先认定违法所得金额", field="illegal_gains")
        return (top * gains).quantize(Decimal("0.01"))
    return top


def check_legal_limits(
    violation,
    *,
    severity: str,
    gains: Decimal | None,
    kinds,
    fine: Decimal | None,
    confiscation: Decimal | None,
) -> None:
    """Refuse a penalty the law does not allow: kind not provided for, fine above the maximum,
    confiscation beyond the illegal gains."""
    kinds = list(kinds)
    # Confiscating found gains is the law's own rule for every violation (第28条第二款).
    not_provided = [
        k for k in kinds if k not in violation.allowed_kinds and k != PenaltyKind.CONFISCATE_GAINS
    ]
    if not_provided:
        names = "、".join(KIND_LABELS.get(k, k) for k in not_provided)
        raise DomainError(f"{violation.article}未规定“{names}”这一处罚种类", field="kinds")
    rows = violation.tiers_for(severity) or violation.tiers_for(Severity.ORDINARY)
    severity_kinds = {k for r in rows for k in r.penalty_kinds} | {PenaltyKind.CONFISCATE_GAINS}
    beyond = [k for k in kinds if k not in severity_kinds]
    if beyond:
        names = "、".join(KIND_LABELS.get(k, k) for k in beyond)
        label = dict(Severity.choices)[severity]
        raise DomainError(
            f"{violation.article}在“{label}”下不得{names}；如情节更重，请先认定情节", field="kinds"
        )
    fine = fine or Decimal("0")
    if (PenaltyKind.FINE in kinds) != (fine > 0):
        raise DomainError(
            "罚款种类与罚款金额不一致：选择罚款须填写大于 0 的金额，未选择罚款则金额应为空", field="fine"
        )
    if fine > 0:
        top = legal_max(violation, severity, gains)
        if top is None:
            raise DomainError(f"{violation.article}在该情节下未规定罚款，不能处以罚款", field="fine")
        if fine > top:
            raise DomainError(
                f"罚款 {fine:,.2f} 元超出法定上限：{violation.article}最高 {top:,.2f} 元", field="fine"
            )
    confiscation = confiscation or Decimal("0")
    if (PenaltyKind.CONFISCATE_GAINS in kinds) != (confiscation > 0):
        raise DomainError("没收违法所得的种类与金额不一致", field="confiscation")
    if confiscation > 0 and (gains is None or confiscation > gains):
        raise DomainError("没收金额不得超过认定的违法所得", field="confiscation")


def statement(case, suggestion_text: str = "") -> str:
    """How the catalogue was applied, in the words the decision document uses."""
    if case.violation is None:
        return "本案违法行为未列入裁量基准，依法律规定直接裁量。"
    version = case.violation.version
    tier = TIER_LABELS.get(case.applied_tier or case.suggested_tier, "")
    reasons = "；".join(case.suggestion_reasons) or "无"
    rng = suggestion_text or _range_text(case)
    text = (
        f"本案适用《{version.title}》（第{version.number}版）“{case.violation.article} {case.violation.title}”，"
        f"情节认定为“{case.get_severity_display()}”。裁量情节：{reasons}。依基准应适用“{tier}”阶次（{rng}）。"
    )
    text += limits.mitigation_text(case, case.fine_amount)
    if case.within_range is False:
        text += f"本决定超出基准建议范围，理由：{case.deviation_reason}；已经负责人集体讨论同意。"
    else:
        text += "本决定在基准建议范围内。"
    return text


def _range_text(case) -> str:
    if case.suggested_max is None:
        return "不罚款" if case.suggested_tier != Tier.NO_PENALTY else "不予处罚"
    return f"罚款 {case.suggested_min or 0:,.2f}–{case.suggested_max:,.2f} 元"


# --- 类案不同罚 ----------------------------------------------------------------------------


@dataclass
class ConsistencyGroup:
    violation_code: str
    violation_title: str
    severity: str
    tier: str
    basis: str
    median: Decimal
    cases: list
    outliers: list  # (case, value, deviation percent)

    @property
    def tier_label(self) -> str:
        return TIER_LABELS.get(self.tier, self.tier)

    @property
    def severity_label(self) -> str:
        return dict(Severity.choices).get(self.severity, self.severity)


def consistency_report(
    *, year: int | None = None, tolerance_percent: int | None = None, min_group: int = 3
) -> list[ConsistencyGroup]:
    """Decisions whose fine deviates from the median of the same violation, 情节 and tier by more
    than the tolerance. Fines measured in multiples of the gains are compared as multiples."""
    from eduenforce.cases.models import Case
    from eduenforce.core import config

    tolerance = (
        Decimal(
            tolerance_percent
            if tolerance_percent is not None
            else config.get("cases.consistency_tolerance_percent")
        )
        / 100
    )
    qs = Case.objects.penalties().filter(fine_amount__gt=0).select_related("violation")
    if year:
        qs = qs.filter(decided_on__year=year)
    groups: dict[tuple, list] = {}
    for case in qs.order_by("decided_on", "id"):
        groups.setdefault((case.violation_code, case.severity, case.applied_tier), []).append(case)
    report = []
    for (code, severity, tier), cases in sorted(groups.items()):
        if len(cases) < min_group:
            continue
        multiple = cases[0].violation is not None and cases[0].violation.fine_basis == FineBasis.MULTIPLE
        values = [_measure(c, multiple) for c in cases]
        pairs = [(c, v) for c, v in zip(cases, values, strict=True) if v is not None]
        if len(pairs) < min_group:
            continue
        mid = Decimal(median([v for _, v in pairs]))
        outliers = [
            (c, v, ((v - mid) / mid * 100).quantize(Decimal("1")))
            for c, v in pairs
            if mid > 0 and abs(v - mid) / mid > tolerance
        ]
        title = cases[0].violation.title if cases[0].violation else code
        report.append(
            ConsistencyGroup(
                code,
                title,
                severity,
                tier,
                "违法所得倍数" if multiple else "罚款金额（元）",
                mid,
                [c for c, _ in pairs],
                outliers,
            )
        )
    return report


def _measure(case, multiple: bool) -> Decimal | None:
    if not multiple:
        return case.fine_amount
    if not case.illegal_gains:
        return None
    return (case.fine_amount / case.illegal_gains).quantize(Decimal("0.01"))
