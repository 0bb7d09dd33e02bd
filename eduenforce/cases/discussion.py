"""负责人集体讨论: the cases the law requires it for, and whether it was held.

《行政处罚法》第五十七条第二款: 对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定.
53号令 第三十三、三十四条: the discussion comes before the 事先告知书 for the cases that must pass
法制审核 and for complex or major cases; the bureau lists among them 吊销许可证件、责令停止招生（举办）
and 较大数额罚款, whose amounts are configurable ([U]: ``cases.discussion_fine_individual`` and
``cases.discussion_fine_organisation``, ``core.config``).
"""

from decimal import Decimal

from eduenforce.cases.choices import DiscussionResult, PartyKind, PenaltyKind
from eduenforce.core import config

ARTICLE = "《行政处罚法》第五十七条第二款；53号令第三十四条"
KINDS = {
    PenaltyKind.REVOKE_LICENCE: "吊销许可证件",
    PenaltyKind.STOP_ENROLMENT: "责令停止招收学员",
    PenaltyKind.STOP_RUNNING: "责令停止举办",
}


def fine_threshold(party_kind: str) -> Decimal:
    key = (
        "cases.discussion_fine_individual"
        if party_kind == PartyKind.PERSON
        else "cases.discussion_fine_organisation"
    )
    return Decimal(config.get(key))


def grounds(case, kinds, fine) -> list[str]:
    """Why the law requires 负责人集体讨论 before a penalty of ``kinds`` and ``fine`` (empty: it does not)."""
    found = []
    if case.is_major:
        found.append(f"情节复杂或者重大违法行为（{case.major_reason or '重大复杂案件'}）")
    found += [f"拟{label}" for kind, label in KINDS.items() if kind in (kinds or ())]
    threshold = fine_threshold(case.party_kind)
    if fine is not None and Decimal(fine) >= threshold:
        found.append(f"较大数额罚款（{Decimal(fine):,.2f} 元，达到 {threshold:,.0f} 元）")
    return found


def held(case) -> bool:
    """An agreed discussion of the current conclusion (a reopened investigation clears ``discussed_on``)."""
    return bool(
        case.discussed_on
        and case.discussions.filter(
            change=None, result=DiscussionResult.AGREED, held_on=case.discussed_on
        ).exists()
    )


def refusal(case, kinds, fine, *, before: str) -> str | None:
    """The Chinese refusal when the law requires a discussion that was not held, else None."""
    found = grounds(case, kinds, fine)
    if not found or held(case):
        return None
    return f"本案{'、'.join(found)}，须经负责人集体讨论，方可{before}（{ARTICLE}）"


def proposal_refusal(case, *, before: str) -> str | None:
    return refusal(case, case.proposed_kinds, case.proposed_fine, before=before)
