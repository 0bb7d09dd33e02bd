"""Who may enforce: the certification rule for an inspection or case team.

行政处罚法第42条: enforcement is carried out by at least two officers holding an
administrative enforcement certificate. Inspections, cases and draws all ask this module.
"""

from collections.abc import Iterable
from datetime import date

from eduenforce.core.errors import DomainError
from eduenforce.officers.models import Officer

MIN_TEAM_SIZE = 2


def check_team(officers: Iterable[Officer], on: date) -> None:
    """At least two officers, each with a valid certificate on ``on``; refuse naming who."""
    officers = list(officers)
    if len({o.pk for o in officers}) < MIN_TEAM_SIZE:
        raise DomainError(f"检查组至少需要 {MIN_TEAM_SIZE} 名执法人员", field="officers")
    lacking = [o.name for o in officers if o.certificate_on(on) is None]
    if lacking:
        raise DomainError(
            f"以下人员在 {on:%Y-%m-%d} 没有有效的行政执法证，不能参加检查：{'、'.join(lacking)}",
            field="officers",
        )
