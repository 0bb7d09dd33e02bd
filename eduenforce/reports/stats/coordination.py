"""部门协同: joint meetings held and their action items (due in the period), joint operations."""

from django.db.models import Count, F, Q
from django.utils import timezone

from eduenforce.coordination.choices import ActionStatus, MeetingStatus, OperationStatus
from eduenforce.coordination.models import ActionItem, JointOperation, Meeting
from eduenforce.reports.stats.period import Period

OPEN = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]


def _reference_day(period: Period):
    return min(period.end, timezone.localdate())


def action_items_due(period: Period):
    return ActionItem.objects.filter(**period.date_lookup("due_on")).exclude(status=ActionStatus.CANCELLED)


def coordination_figures(period: Period) -> dict:
    meetings = Meeting.objects.filter(**period.date_lookup("held_on")).aggregate(
        joint_meetings_held=Count("id", filter=Q(status__in=[MeetingStatus.HELD, MeetingStatus.FINALIZED]))
    )
    items = action_items_due(period).aggregate(
        action_items=Count("id"),
        action_items_done=Count("id", filter=Q(status=ActionStatus.DONE)),
        action_items_done_on_time=Count(
            "id", filter=Q(status=ActionStatus.DONE, completed_on__lte=F("due_on"))
        ),
        action_items_overdue=Count("id", filter=Q(status__in=OPEN, due_on__lt=_reference_day(period))),
        action_items_open=Count("id", filter=Q(status__in=OPEN)),
    )
    operations = JointOperation.objects.filter(
        starts_on__lte=period.end, ends_on__gte=period.start
    ).aggregate(joint_operations=Count("id", filter=~Q(status=OperationStatus.CANCELLED)))
    return {**meetings, **items, **operations}


def overdue_action_items(period: Period):
    return action_items_due(period).filter(status__in=OPEN, due_on__lt=_reference_day(period))
