"""联席会议: series, meetings (agenda, attendance, minutes, decisions), action items."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eduenforce.accounts.models import Department
from eduenforce.coordination import forms, services
from eduenforce.coordination.choices import ActionStatus, MeetingStatus
from eduenforce.coordination.models import ActionItem, Meeting, MeetingSeries
from eduenforce.coordination.views.common import flash_errors, paginate, run
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability, scoped
from eduenforce.core.query import ListQuery, choice_filter, id_filter, list_filters
from eduenforce.records.documents import documents_for
from eduenforce.records.journal import append


@capability_required("coordination.view_meetings")
def meeting_list(request):
    meetings = scoped(Meeting.objects.select_related("series"), request.user)
    return render(
        request,
        "coordination/meetings.html",
        {
            "series": MeetingSeries.objects.prefetch_related("departments"),
            "upcoming": meetings.upcoming(),
            "page": paginate(request, meetings.exclude(status=MeetingStatus.SCHEDULED), 20),
        },
    )


@capability_required("coordination.manage")
def series_create(request):
    form = forms.SeriesForm(request.POST or None)
    if request.method == "POST":
        return run(
            request,
            form,
            lambda d: services.create_series(by=request.user, **d) and "已建立联席会议制度",
            success_url="coordination:meetings",
            on_error=lambda f: render(
                request, "coordination/form.html", {"form": f, "title": "建立联席会议制度"}, status=400
            ),
        )
    return render(request, "coordination/form.html", {"form": form, "title": "建立联席会议制度"})


@capability_required("coordination.manage")
def meeting_schedule(request, series_pk):
    series = get_object_or_404(MeetingSeries, pk=series_pk)
    form = forms.ScheduleForm(request.POST or None, initial={"place": series.default_place})
    title = f"{series.name}：排期"
    if request.method == "POST":

        def action(d):
            meeting = services.schedule_meeting(
                series, scheduled_on=d["scheduled_on"], place=d["place"], by=request.user
            )
            return f"已排期：{meeting.title}（未完成的督办事项已列入议题）"

        return run(
            request,
            form,
            action,
            success_url="coordination:meetings",
            on_error=lambda f: render(
                request, "coordination/form.html", {"form": f, "title": title}, status=400
            ),
        )
    return render(request, "coordination/form.html", {"form": form, "title": title})


def _meeting(request, pk) -> Meeting:
    return get_object_for_user(
        request.user, Meeting.objects.select_related("series"), "coordination.view_meetings", pk=pk
    )


MEETING_FORMS = {
    # name: (form class, states in which it is offered)
    "agenda": (forms.AgendaForm, (MeetingStatus.SCHEDULED, MeetingStatus.HELD)),
    "attendance": (forms.AttendanceForm, (MeetingStatus.SCHEDULED, MeetingStatus.HELD)),
    "hold": (forms.HoldForm, (MeetingStatus.SCHEDULED,)),
    "cancel": (forms.ReasonForm, (MeetingStatus.SCHEDULED,)),
    "minutes": (forms.MinutesForm, (MeetingStatus.HELD,)),
    "decision": (forms.DecisionForm, (MeetingStatus.HELD,)),
}


def _meeting_page(request, meeting: Meeting, bound: dict | None = None, status: int = 200):
    meeting_forms = {}
    if has_capability(request.user, "coordination.manage"):
        initial = {"minutes": {"minutes": meeting.minutes}, "hold": {"held_on": timezone.localdate()}}
        meeting_forms = {
            name: cls(initial=initial.get(name))
            for name, (cls, states) in MEETING_FORMS.items()
            if meeting.status in states
        }
        meeting_forms.update(bound or {})
    return render(
        request,
        "coordination/meeting_detail.html",
        {
            "m": meeting,
            "forms": meeting_forms,
            "agenda": meeting.agenda.select_related("carried_item__owning_department"),
            "attendances": meeting.attendances.select_related("department"),
            "decisions": meeting.decisions.prefetch_related("action_items__owning_department"),
            "documents": documents_for(meeting),
            "may_manage": has_capability(request.user, "coordination.manage"),
        },
        status=status,
    )


@capability_required("coordination.view_meetings")
def meeting_detail(request, pk):
    return _meeting_page(request, _meeting(request, pk))


@require_POST
@capability_required("coordination.manage")
def meeting_action(request, pk, name):
    """One endpoint per meeting form: agenda, attendance, hold, cancel, minutes, decision."""
    meeting = _meeting(request, pk)
    if name not in MEETING_FORMS:
        raise Http404
    form = MEETING_FORMS[name][0](request.POST)
    by = request.user
    actions = {
        "agenda": lambda d: (
            meeting.add_agenda_item(title=d["title"], description=d["description"], by=by) and "已增加议题"
        ),
        "attendance": lambda d: (
            meeting.set_attendance(
                department=d["department"], attendees=d["attendees"], present=d["present"], by=by
            )
            and "已登记参会情况"
        ),
        "hold": lambda d: (
            meeting.hold(
                held_on=d["held_on"], chair=d["chair"], recorder=d["recorder"], minutes=d["minutes"], by=by
            )
            and "已登记召开"
        ),
        "cancel": lambda d: _after(meeting.cancel(reason=d["reason"], by=by), "会议已取消"),
        "minutes": lambda d: meeting.update_minutes(minutes=d["minutes"], by=by) and "纪要已保存",
        "decision": lambda d: (
            meeting.add_decision(text=d["text"], actions=form.actions(), by=by) and "已记录议定事项及督办事项"
        ),
    }
    return run(
        request,
        form,
        actions[name],
        success_url=meeting_url(meeting),
        on_error=lambda f: _meeting_page(request, _meeting(request, pk), {name: f}, status=400),
    )


def _after(next_meeting, message: str) -> str:
    if next_meeting is None:
        return message
    return f"{message}；下次会议已排期：{next_meeting.scheduled_on:%Y-%m-%d}（未完成的督办事项已列入议题）"


@require_POST
@capability_required("coordination.manage")
def meeting_finalize(request, pk):
    meeting = _meeting(request, pk)
    form = forms.NoteForm(request.POST)  # no fields needed; keeps one code path for errors
    return run(
        request,
        form,
        lambda d: _after(meeting.finalize(by=request.user), "纪要已定稿"),
        success_url=meeting_url(meeting),
        on_error=lambda f: _meeting_page(request, _meeting(request, pk), {"finalize": f}, status=409),
    )


@require_POST
@capability_required("coordination.manage")
def meeting_export(request, pk):
    meeting = _meeting(request, pk)
    form = forms.NoteForm(request.POST)
    return run(
        request,
        form,
        lambda d: f"已生成纪要 {services.issue_minutes(meeting, by=request.user).number}",
        success_url=meeting_url(meeting),
        on_error=lambda f: _meeting_page(request, _meeting(request, pk), {"finalize": f}, status=409),
    )


@capability_required("coordination.view_meetings")
def meeting_document(request, pk, document_pk):
    meeting = _meeting(request, pk)
    document = get_object_or_404(documents_for(meeting), pk=document_pk)
    append(actor=request.user, action="document.downloaded", obj=meeting, changes={"number": document.number})
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.number}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def meeting_url(meeting: Meeting) -> str:
    from django.urls import reverse

    return reverse("coordination:meeting", args=[meeting.pk])


# --- action items ------------------------------------------------------------------------


class ActionQuery(ListQuery):
    status = choice_filter(
        "状态", ActionStatus.choices, extra=[("open", "未完成"), ("overdue", "已逾期"), ("all", "全部")]
    )
    department = id_filter("责任部门")


@capability_required("coordination.view")
@list_filters(ActionQuery)
def action_list(request):
    items = scoped(
        ActionItem.objects.select_related("owning_department", "decision__meeting__series"), request.user
    )
    status = request.query["status"] or "open"
    if status == "open":
        items = items.open()
    elif status == "overdue":
        items = items.overdue()
    elif status in ActionStatus.values:
        items = items.filter(status=status)
    department = request.query["department"] or ""
    if department:
        items = items.filter(owning_department_id=department)
    return render(
        request,
        "coordination/actions.html",
        {
            "page": paginate(request, items, 30),
            "status": status,
            "department": str(department),
            "statuses": ActionStatus.choices,
            "departments": Department.objects.exclude(kind="street"),
            "may_respond": has_capability(request.user, "coordination.respond"),
            "may_manage": has_capability(request.user, "coordination.manage"),
        },
    )


@require_POST
@capability_required("coordination.respond")
def action_update(request, pk, verb):
    """start / complete (the owning department or the bureau), cancel (the bureau's manager)."""
    item = get_object_for_user(request.user, ActionItem.objects.all(), "coordination.respond", pk=pk)
    if verb == "cancel" and not has_capability(request.user, "coordination.manage"):
        raise PermissionDenied("仅科室负责人可撤销督办事项")
    if verb not in ("start", "complete", "cancel"):
        raise Http404
    form = forms.NoteForm(request.POST)

    def action(d):
        getattr(item, verb)(note=d["note"], by=request.user)
        return f"督办事项“{item.title}”：{item.get_status_display()}"

    return run(
        request,
        form,
        action,
        success_url=_safe_next(request),
        on_error=lambda f: flash_errors(request, f, _safe_next(request)),
    )


def _safe_next(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    from django.urls import reverse

    return reverse("coordination:actions")
