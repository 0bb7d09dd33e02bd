"""联席会议: a recurring joint meeting, its agenda, attendance, minutes, decisions and action items.

``Meeting`` states::

    已排期 ──hold──► 已召开（纪要起草中） ──finalize──► 纪要已定稿
       └──cancel──► 已取消

Finalizing (or cancelling) a meeting schedules the next one of the series by its recurrence
(default monthly) and carries every open action item into the next meeting's agenda.

``ActionItem`` states: 待办 → 办理中 → 已完成, or 已撤销 (by the bureau). An open item past its
due date is overdue (flagged, counted on the dashboard).
"""

from datetime import date

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from eduenforce.coordination.choices import OPEN_ACTION_STATUSES, ActionStatus, MeetingStatus
from eduenforce.coordination.models.scope import liaison_department_id
from eduenforce.core.deadlines import add_months
from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.records.journal import append


class MeetingSeries(TimeStampedModel):
    """A standing joint meeting (e.g. 校外培训监管联席会议) and its recurrence."""

    name = models.CharField("会议名称", max_length=100, unique=True)
    purpose = models.TextField("会议职责", blank=True)
    interval_months = models.PositiveSmallIntegerField("召开周期（月）", default=1)
    default_place = models.CharField("默认地点", max_length=100, blank=True)
    departments = models.ManyToManyField(
        "accounts.Department", related_name="meeting_series", verbose_name="成员单位"
    )
    is_active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="创建人"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "联席会议制度"

    def __str__(self) -> str:
        return self.name

    def next_sequence(self) -> int:
        return (self.meetings.aggregate(n=Max("sequence"))["n"] or 0) + 1


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        # Minutes name every department's items: liaison officers see their items, not meetings.
        return self.none() if liaison_department_id(user) is not None else self

    def upcoming(self):
        return self.filter(status=MeetingStatus.SCHEDULED).order_by("scheduled_on")


class Meeting(TimeStampedModel):
    series = models.ForeignKey(
        MeetingSeries, models.PROTECT, related_name="meetings", verbose_name="联席会议"
    )
    sequence = models.PositiveSmallIntegerField("届次")
    scheduled_on = models.DateField("计划日期", db_index=True)
    place = models.CharField("地点", max_length=100, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED, db_index=True
    )
    held_on = models.DateField("召开日期", null=True, blank=True)
    chair = models.CharField("主持人", max_length=50, blank=True)
    recorder = models.CharField("记录人", max_length=50, blank=True)
    minutes = models.TextField("会议纪要", blank=True)
    finalized_at = models.DateTimeField("定稿时间", null=True, blank=True)
    finalized_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="定稿人"
    )
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["series", "sequence"], name="coordination_meeting_sequence")
        ]
        verbose_name = verbose_name_plural = "联席会议"

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.series.name}第{self.sequence}次会议"

    def _lock(self) -> None:
        self.refresh_from_db(from_queryset=Meeting.objects.select_for_update())

    @transaction.atomic
    def add_agenda_item(self, *, title: str, by, description: str = "") -> "AgendaItem":
        self._lock()
        require_status(self, [MeetingStatus.SCHEDULED, MeetingStatus.HELD], "增加议题")
        title = (title or "").strip()
        if not title:
            raise DomainError("请填写议题", field="title")
        order = (self.agenda.aggregate(n=Max("order"))["n"] or 0) + 1
        item = AgendaItem.objects.create(
            meeting=self,
            order=order,
            title=title[:200],
            description=(description or "").strip(),
            created_by=by,
        )
        append(
            actor=by,
            action="coordination.agenda_added",
            obj=self,
            changes={"agenda_item": item.pk, "title": title},
        )
        return item

    @transaction.atomic
    def set_attendance(self, *, department, attendees: str, by, present: bool = True) -> "Attendance":
        """参会单位及人员 (one row per department, replaced when recorded again)."""
        self._lock()
        require_status(self, [MeetingStatus.SCHEDULED, MeetingStatus.HELD], "登记参会情况")
        attendees = (attendees or "").strip()
        if present and not attendees:
            raise DomainError(f"请填写{department.display_name}的参会人员", field="attendees")
        row, _ = Attendance.objects.update_or_create(
            meeting=self, department=department, defaults={"attendees": attendees[:200], "present": present}
        )
        append(
            actor=by,
            action="coordination.attendance_recorded",
            obj=self,
            changes={"department": department.pk, "present": present},
        )
        return row

    @transaction.atomic
    def hold(self, *, by, held_on: date, chair: str, recorder: str, minutes: str = "") -> "Meeting":
        """召开: record that the meeting took place; the minutes may still be drafted."""
        self._lock()
        require_status(self, [MeetingStatus.SCHEDULED], "登记召开")
        if held_on > timezone.localdate():
            raise DomainError("召开日期不能晚于今天", field="held_on")
        if not (chair or "").strip():
            raise DomainError("请填写主持人", field="chair")
        self.status, self.held_on = MeetingStatus.HELD, held_on
        self.chair, self.recorder, self.minutes = (
            chair.strip(),
            (recorder or "").strip(),
            (minutes or "").strip(),
        )
        self.save()
        carry_open_items(self, by=by)  # items that came due since it was scheduled
        append(
            actor=by,
            action="coordination.meeting_held",
            obj=self,
            changes={"held_on": held_on, "chair": self.chair},
        )
        return self

    @transaction.atomic
    def update_minutes(self, *, minutes: str, by) -> "Meeting":
        self._lock()
        require_status(self, [MeetingStatus.HELD], "修改纪要")
        self.minutes = (minutes or "").strip()
        self.save(update_fields=["minutes", "updated_at"])
        append(
            actor=by, action="coordination.minutes_updated", obj=self, changes={"length": len(self.minutes)}
        )
        return self

    @transaction.atomic
    def add_decision(self, *, text: str, actions, by) -> "Decision":
        """A decision and its action items: ``actions`` is a list of (title, department, due_on)."""
        self._lock()
        require_status(self, [MeetingStatus.HELD], "记录议定事项")
        text = (text or "").strip()
        if not text:
            raise DomainError("请填写议定事项", field="text")
        actions = list(actions)
        for i, (title, department, due_on) in enumerate(actions, start=1):
            if not (title or "").strip():
                raise DomainError(f"第 {i} 项督办事项：请填写事项内容", field="actions")
            if department is None:
                raise DomainError(f"第 {i} 项督办事项：请选择责任单位", field="actions")
            if due_on is None or due_on < self.held_on:
                raise DomainError(f"第 {i} 项督办事项：完成时限须不早于会议召开日期", field="actions")
        order = (self.decisions.aggregate(n=Max("order"))["n"] or 0) + 1
        decision = Decision.objects.create(meeting=self, order=order, text=text)
        items = [
            ActionItem.objects.create(
                decision=decision,
                series=self.series,
                title=title.strip()[:200],
                owning_department=department,
                due_on=due_on,
            )
            for title, department, due_on in actions
        ]
        append(
            actor=by,
            action="coordination.decision_recorded",
            obj=self,
            changes={
                "decision": decision.pk,
                "action_items": [
                    {"id": a.pk, "department": a.owning_department_id, "due_on": a.due_on} for a in items
                ],
            },
        )
        return decision

    @transaction.atomic
    def finalize(self, *, by) -> "Meeting | None":
        """定稿: freeze the minutes; schedule the next meeting and carry open items into it.

        Returns the next meeting (None when the series is inactive).
        """
        self._lock()
        require_status(self, [MeetingStatus.HELD], "纪要定稿")
        if len(self.minutes) < 10:
            raise DomainError("请先填写会议纪要（至少 10 个字）", field="minutes")
        if not self.attendances.filter(present=True).exists():
            raise DomainError("请先登记参会单位及人员", field="attendees")
        self.status, self.finalized_at, self.finalized_by = MeetingStatus.FINALIZED, timezone.now(), by
        self.save()
        append(
            actor=by,
            action="coordination.minutes_finalized",
            obj=self,
            changes={"decisions": self.decisions.count()},
        )
        return schedule_following(self, by=by)

    @transaction.atomic
    def cancel(self, *, reason: str, by) -> "Meeting | None":
        """取消: the recurrence continues; open items go to the next meeting."""
        self._lock()
        require_status(self, [MeetingStatus.SCHEDULED], "取消")
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("请填写取消原因", field="reason")
        self.status, self.cancel_reason = MeetingStatus.CANCELLED, reason[:200]
        self.save()
        append(actor=by, action="coordination.meeting_cancelled", obj=self, changes={"reason": reason})
        return schedule_following(self, by=by)


def schedule_meeting(series: MeetingSeries, *, scheduled_on: date, by, place: str = "") -> Meeting:
    """排期: the next meeting of ``series``; open action items are put on its agenda."""
    with transaction.atomic():
        series = MeetingSeries.objects.select_for_update().get(pk=series.pk)
        if not series.is_active:
            raise DomainError("该联席会议已停用，不能排期")
        meeting = Meeting.objects.create(
            series=series,
            sequence=series.next_sequence(),
            scheduled_on=scheduled_on,
            place=place or series.default_place,
        )
        append(
            actor=by,
            action="coordination.meeting_scheduled",
            obj=meeting,
            changes={"series": series.pk, "sequence": meeting.sequence, "scheduled_on": scheduled_on},
        )
        carry_open_items(meeting, by=by)
        return meeting


def schedule_following(meeting: Meeting, *, by) -> Meeting | None:
    """The recurrence: one meeting ``interval_months`` after this one, unless one is already pending."""
    series = meeting.series
    pending = (
        series.meetings.filter(status=MeetingStatus.SCHEDULED).exclude(pk=meeting.pk).order_by("scheduled_on")
    )
    if pending.exists():
        upcoming = pending.first()
        carry_open_items(upcoming, by=by)
        return upcoming
    if not series.is_active:
        return None
    base = meeting.held_on or meeting.scheduled_on
    return schedule_meeting(series, scheduled_on=add_months(base, series.interval_months), by=by)


def carry_open_items(meeting: Meeting, *, by) -> list["AgendaItem"]:
    """Put every open action item of the series from earlier meetings on ``meeting``'s agenda (idempotent)."""
    already = meeting.agenda.exclude(carried_item=None).values("carried_item")
    items = (
        ActionItem.objects.open()
        .filter(series=meeting.series, decision__meeting__sequence__lt=meeting.sequence)
        .exclude(pk__in=already)
        .select_related("owning_department")
        .order_by("due_on", "pk")
    )
    last = meeting.agenda.aggregate(n=Max("order"))["n"] or 0
    created = []
    for order, item in enumerate(items, start=last + 1):
        created.append(
            AgendaItem.objects.create(
                meeting=meeting,
                order=order,
                carried_item=item,
                title=f"督办：{item.title}（{item.owning_department.display_name}，时限 {item.due_on:%Y-%m-%d}）"[
                    :200
                ],
            )
        )
    if created:
        append(
            actor=by,
            action="coordination.items_carried",
            obj=meeting,
            changes={"action_items": [a.carried_item_id for a in created]},
        )
    return created


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="agenda", verbose_name="会议")
    order = models.PositiveSmallIntegerField("序号")
    title = models.CharField("议题", max_length=200)
    description = models.TextField("说明", blank=True)
    carried_item = models.ForeignKey(
        "coordination.ActionItem",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_into",
        verbose_name="结转督办事项",
    )
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="提出人"
    )

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "carried_item"], name="coordination_carry_once")
        ]
        verbose_name = verbose_name_plural = "会议议题"

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendances", verbose_name="会议")
    department = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="+", verbose_name="单位"
    )
    attendees = models.CharField("参会人员", max_length=200, blank=True)
    present = models.BooleanField("出席", default=True)

    class Meta:
        ordering = ["meeting", "department__kind", "department__order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "department"], name="coordination_attend_once")
        ]
        verbose_name = verbose_name_plural = "参会情况"

    def __str__(self) -> str:
        return f"{self.department} {self.attendees}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="decisions", verbose_name="会议")
    order = models.PositiveSmallIntegerField("序号")
    text = models.TextField("议定事项")

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = verbose_name_plural = "议定事项"

    def __str__(self) -> str:
        return self.text[:30]


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        department = liaison_department_id(user)
        return self if department is None else self.filter(owning_department_id=department)

    def open(self):
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today: date | None = None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class ActionItem(TimeStampedModel):
    decision = models.ForeignKey(
        Decision, models.PROTECT, related_name="action_items", verbose_name="议定事项"
    )
    series = models.ForeignKey(
        MeetingSeries, models.PROTECT, related_name="action_items", verbose_name="联席会议"
    )
    title = models.CharField("督办事项", max_length=200)
    owning_department = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="action_items", verbose_name="责任单位"
    )
    due_on = models.DateField("完成时限", db_index=True)
    status = models.CharField(
        "状态", max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN, db_index=True
    )
    progress_note = models.TextField("进展情况", blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    updated_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="最后更新人"
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = verbose_name_plural = "督办事项"

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES and self.due_on < timezone.localdate()

    @property
    def meeting(self) -> Meeting:
        return self.decision.meeting

    def _change(self, status: str, allowed, label: str, note: str, by) -> "ActionItem":
        self.refresh_from_db(from_queryset=ActionItem.objects.select_for_update())
        require_status(self, allowed, label)
        before = self.status
        self.status, self.updated_by = status, by
        if (note or "").strip():
            self.progress_note = note.strip()
        if status == ActionStatus.DONE:
            self.completed_on = timezone.localdate()
        self.save()
        append(
            actor=by,
            action=f"coordination.action_{status}",
            obj=self,
            changes={"status": [before, status], "note": (note or "").strip()},
        )
        return self

    @transaction.atomic
    def start(self, *, by, note: str = "") -> "ActionItem":
        return self._change(ActionStatus.IN_PROGRESS, [ActionStatus.OPEN], "开始办理", note, by)

    @transaction.atomic
    def complete(self, *, by, note: str) -> "ActionItem":
        if not (note or "").strip():
            raise DomainError("请填写办理结果", field="note")
        return self._change(ActionStatus.DONE, OPEN_ACTION_STATUSES, "办结", note, by)

    @transaction.atomic
    def cancel(self, *, by, note: str) -> "ActionItem":
        if not (note or "").strip():
            raise DomainError("请填写撤销原因", field="note")
        return self._change(ActionStatus.CANCELLED, OPEN_ACTION_STATUSES, "撤销", note, by)
