"""Factories for the coordination tests (registry/officer ones are shared with the complaints tests)."""

from datetime import date

from eduenforce.accounts.models import Department
from eduenforce.complaints.tests.factories import (  # noqa: F401  (re-exported for these tests)
    InstitutionFactory,
    OfficerFactory,
    PublishedItemFactory,
    department,
)
from eduenforce.coordination import services


def series(by, *, codes=("zfdd", "scjg", "xf"), **kwargs):
    return services.create_series(
        name=kwargs.pop("name", "校外培训监管联席会议"),
        departments=Department.objects.filter(code__in=codes),
        by=by,
        **kwargs,
    )


def held_meeting(by, *, on: date, series_obj=None):
    """A meeting of ``series_obj`` (a new series if None) that took place on ``on``, with attendance."""
    s = series_obj or series(by)
    meeting = services.schedule_meeting(s, scheduled_on=on, by=by)
    meeting.set_attendance(department=department("zfdd"), attendees="张队长、李科员", by=by)
    meeting.set_attendance(department=department("scjg"), attendees="王科长", by=by)
    meeting.hold(
        held_on=on,
        chair="张局长",
        recorder="李科员",
        by=by,
        minutes="会议研究了寒假校外培训治理工作，通报了近期投诉情况。",
    )
    return meeting


def task(by, *, institution=None, planned_date: date, officers=None, **kwargs):
    from eduenforce.inspections.services import create_task

    return create_task(
        institution=institution or InstitutionFactory(),
        item=PublishedItemFactory(),
        source="campaign",
        planned_date=planned_date,
        officers=officers or [OfficerFactory(), OfficerFactory()],
        by=by,
        **kwargs,
    )
