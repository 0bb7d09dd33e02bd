"""The limits of discretion the law itself sets, checked when a penalty is proposed and decided.

Beside the catalogue's suggestion (``cases.discretion``) the law fixes three things no
approval can lift:

- the statutory range of the violation and 情节: above the maximum never; below the minimum
  (减轻) only with a ground of 行政处罚法 第30–32条 recorded with its facts;
- found illegal gains are confiscated (第28条第二款: 当事人有违法所得，除依法应当退赔的外，
  应当予以没收) — the recorded gains are net of lawful refunds (53号令 第42条);
- a 裁量基准 is applied only once it has been published (第34条: 裁量基准应当向社会公布).
"""

from decimal import Decimal

from django.utils import timezone

from eduenforce.cases.choices import FineBasis, MitigationGround, Outcome, PenaltyKind, Severity, Tier
from eduenforce.core.errors import DomainError

ZERO = Decimal("0")
# The tiers that stay inside the statutory range (减轻 goes below it, 不予处罚 imposes nothing).
IN_RANGE_TIERS = frozenset({Tier.LIGHTER, Tier.GENERAL, Tier.HEAVIER})
GROUND_LABELS = dict(MitigationGround.choices)


def legal_min(violation, severity: str, gains: Decimal | None) -> Decimal:
    """The lowest fine the law sets for ``violation`` under ``severity``, in yuan.

    The violation's statutory minimum, raised to the floor of the 情节's in-range tiers
    (53号令 第18、23条: 情节特别严重 5万元以上); a multiple of the illegal gains is converted."""
    if violation.fine_basis == FineBasis.NONE or violation.statutory_max is None:
        return ZERO
    rows = violation.tiers_for(severity) or violation.tiers_for(Severity.ORDINARY)
    floors = [r.fine_min or ZERO for r in rows if r.has_fine and r.tier in IN_RANGE_TIERS]
    floor = max(violation.statutory_min or ZERO, min(floors)) if floors else violation.statutory_min or ZERO
    if violation.fine_basis == FineBasis.MULTIPLE:
        return (floor * (gains or ZERO)).quantize(Decimal("0.01"))
    return floor


def clean_grounds(grounds, facts: str) -> tuple[list[str], str]:
    """The 第30–32条 grounds a conclusion records, with the facts that support them."""
    grounds = [str(g) for g in grounds or ()]
    unknown = [g for g in grounds if g not in MitigationGround.values]
    if unknown:
        raise DomainError(
            "从轻、减轻情形不正确，请从《行政处罚法》第三十条至第三十二条的情形中选择",
            field="mitigation_grounds",
        )
    facts = (facts or "").strip()
    if grounds and not facts:
        raise DomainError(
            "选择了从轻、减轻的法定情形，请写明支持该情形的事实和证据（《行政处罚法》第三十二条）",
            field="mitigation_facts",
        )
    return list(dict.fromkeys(grounds)), facts


def check_minimum(case, kinds, fine: Decimal | None) -> Decimal:
    """A fine below the statutory minimum (减轻) needs a recorded 第30–32条 ground. Returns the minimum."""
    violation = case.violation
    floor = legal_min(violation, case.severity, case.illegal_gains)
    fine = fine if PenaltyKind.FINE in kinds and fine else ZERO
    if floor > 0 and fine < floor and not case.mitigation_grounds:
        raise DomainError(
            f"罚款 {fine:,.2f} 元低于{violation.article}规定的最低罚款 {floor:,.2f} 元：减轻处罚须有"
            "《行政处罚法》第三十条至第三十二条规定的情形并在调查终结时记录其事实；"
            "没有法定情形的，应在法定幅度内处罚",
            field="fine",
        )
    return floor


def check_confiscation(case, kinds, confiscation: Decimal | None) -> None:
    """Found illegal gains are confiscated in full (行政处罚法 第二十八条第二款)."""
    gains = case.illegal_gains or ZERO
    if gains <= 0:
        return
    if PenaltyKind.CONFISCATE_GAINS not in kinds or (confiscation or ZERO) < gains:
        raise DomainError(
            f"已认定违法所得 {gains:,.2f} 元，应当依法全部没收（《行政处罚法》第二十八条第二款；"
            "依法应当退赔的已在认定时扣除）：请将“没收违法所得”列入处罚，没收金额为认定的违法所得",
            field="confiscation",
        )


def check_published(violation, at=None) -> None:
    """The 裁量基准 version applied must have been published before (行政处罚法 第三十四条)."""
    if violation is None:
        return
    version = violation.version
    at = at or timezone.now()
    if version.published_at is None or version.published_at > at:
        raise DomainError(
            f"《{version.title}》（第{version.number}版）尚未向社会公布，不得适用"
            "（《行政处罚法》第三十四条：行政处罚裁量基准应当向社会公布）；请先发布该版本裁量基准",
            field="violation",
        )


def check_penalty(case, kinds, fine: Decimal | None, confiscation: Decimal | None) -> None:
    """Everything above, for a proposed or decided penalty (the catalogue's limits run first)."""
    check_confiscation(case, kinds, confiscation)
    check_minimum(case, kinds, fine)


def mitigation_text(case, fine: Decimal | None) -> str:
    """What the decision says about a 减轻 below the statutory minimum (empty when none)."""
    if case.violation is None or not case.mitigation_grounds:
        return ""
    floor = legal_min(case.violation, case.severity, case.illegal_gains)
    if floor <= 0 or (fine or ZERO) >= floor:
        return ""
    grounds = "；".join(GROUND_LABELS.get(g, g) for g in case.mitigation_grounds)
    return (
        f"当事人具有{grounds}的情形（{case.mitigation_facts}），依法减轻处罚，"
        f"在法定最低罚款 {floor:,.2f} 元以下处罚。"
    )


def check_decision(case, *, outcome: str, kinds, fine, confiscation) -> None:
    """The decide guard's legal limits (called by ``do_decide`` after the notice checks)."""
    if outcome == Outcome.PENALTY:
        check_published(case.violation)
        check_penalty(case, list(kinds), fine, confiscation)
