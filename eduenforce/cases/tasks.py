"""Deadline reminders: a django-tasks task, run daily (``eduenforce case-reminders`` enqueues it).

For every open case whose next obligation falls within ``cases.reminder_days_ahead`` days
or is already past, each team member with an account and the filing approver get one
reminder per deadline and kind (the unique constraint makes reruns harmless). Every
deadline is a date fixed when its action ran, so nothing needs recomputing here.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from eduenforce.cases import deadlines
from eduenforce.cases.choices import ReminderKind
from eduenforce.cases.models import Case, CaseReminder
from eduenforce.core import config
from eduenforce.records.journal import append


def recipients(case: Case) -> set:
    users = {m.officer.user for m in case.members.select_related("officer__user") if m.officer.user_id}
    for user in (case.filing_submitted_by, case.filing_decided_by):
        if user is not None:
            users.add(user)
    return {u for u in users if u.is_active}


def remind(today=None) -> int:
    """Write the reminders due ``today``; returns how many new ones were written."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=config.get("cases.reminder_days_ahead"))
    written = 0
    due = Case.objects.open().filter(next_deadline_on__isnull=False, next_deadline_on__lte=horizon)
    for case in due.select_related("filing_submitted_by", "filing_decided_by").iterator():
        for deadline in deadlines.obligations(case):
            if deadline.due_on > horizon:
                continue
            kind = ReminderKind.OVERDUE if deadline.due_on < today else ReminderKind.UPCOMING
            for user in recipients(case):
                written += _write(case, user, kind, deadline)
    return written


def _write(case, user, kind, deadline) -> int:
    try:
        with transaction.atomic():
            reminder = CaseReminder.objects.create(
                case=case, recipient=user, kind=kind, label=deadline.label, due_on=deadline.due_on
            )
            append(
                actor=None,
                action="cases.reminder_sent",
                obj=case,
                changes={
                    "reminder": reminder.pk,
                    "recipient": user.pk,
                    "kind": kind,
                    "label": deadline.label,
                    "due_on": deadline.due_on,
                },
            )
    except IntegrityError:
        return 0  # already reminded of this deadline
    return 1


@task()
def send_deadline_reminders() -> int:
    return remind()
