"""Who may enforce: the certification rule and recusal for an inspection or case team.

行政处罚法第42条: enforcement is carried out by at least two officers holding an
administrative enforcement certificate. 行政处罚法第43条: an officer with a direct interest in
the matter (a declared conflict with the institution) shall recuse. Inspections, cases and
draws all ask this module.
"""

from collections.abc import Iterable
from datetime import date

from eduenforce.core.errors import DomainError
from eduenforce.officers.models import Conflict, Officer

MIN_TEAM_SIZE = 2
RECUSAL_ARTICLE = "《行政处罚法》第四十三条"


def check_team(officers: Iterable[Officer], on: date, *, institution=None) -> None:
    """At least two officers, each with a valid certificate on ``on``, none of them with a declared
    conflict with ``institution`` (when given); refuse naming who."""
    officers = list(officers)
    if len({o.pk for o in officers}) < MIN_TEAM_SIZE:
        raise DomainError(f"检查组至少需要 {MIN_TEAM_SIZE} 名执法人员", field="officers")
    lacking = [o.name for o in officers if o.certificate_on(on) is None]
    if lacking:
        raise DomainError(
            f"以下人员在 {on:%Y-%m-%d} 没有有效的行政执法证，不能参加检查：{'、'.join(lacking)}",
            field="officers",
        )
    if institution is not None:
        check_recusal(officers, institution, on)


def conflicted(officers: Iterable[Officer], institution, on: date) -> list[Officer]:
    """The officers among ``officers`` with a conflict with ``institution`` declared for ``on``."""
    officers = [o for o in officers if o is not None]
    if institution is None or not officers:
        return []
    ids = set(
        Conflict.objects.active_on(on)
        .filter(institution=institution, officer_id__in=[o.pk for o in officers])
        .values_list("officer_id", flat=True)
    )
    return [o for o in officers if o.pk in ids]


def check_recusal(officers: Iterable[Officer], institution, on: date, *, role: str = "", field="officers"):
    """Refuse when any of ``officers`` has a declared conflict with ``institution`` on ``on``."""
    found = conflicted(officers, institution, on)
    if found:
        who = "、".join(o.name for o in found)
        raise DomainError(
            f"{who}与“{institution}”有利益冲突申报，应当回避，不能担任{role or '执法人员'}（{RECUSAL_ARTICLE}）",
            field=field,
        )
