"""部门协同: liaison officers, joint meetings with action items, joint operations, referrals.

Liaison officers of partner departments (role ``liaison``) see only their own department's
action items, referrals and joint operations: every queryset here has ``visible_to(user)``,
and views read through ``core.permissions.scoped`` / ``get_object_for_user``.
"""

from eduenforce.coordination.models.liaisons import LiaisonOfficer
from eduenforce.coordination.models.meetings import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingSeries,
)
from eduenforce.coordination.models.operations import JointOperation, OperationDepartment, OperationTask
from eduenforce.coordination.models.referrals import Referral

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Attendance",
    "Decision",
    "JointOperation",
    "LiaisonOfficer",
    "Meeting",
    "MeetingSeries",
    "OperationDepartment",
    "OperationTask",
    "Referral",
]
