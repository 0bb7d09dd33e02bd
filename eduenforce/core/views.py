from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from eduenforce.core import calendar, config, nav, notices
from eduenforce.core.errors import DomainError
from eduenforce.core.forms import CalendarBulkForm, CalendarDayForm, DeadlineRuleForm, SettingsForm
from eduenforce.core.models import CalendarDay, DeadlineRule
from eduenforce.core.permissions import capability_required
from eduenforce.core.workdays import calendar_gaps


@login_required
def home(request):
    cards = [(card, card.value(request.user)) for card in nav.cards_for(request.user)]
    today = date.today()
    gaps = calendar_gaps([today.year, today.year + 1])
    return render(
        request,
        "core/home.html",
        {"cards": cards, "calendar_gaps": gaps, "notices": list(notices.unread(request.user)[:30])},
    )


class _Preview(Exception):
    def __init__(self, entered):
        self.entered = entered


def _dry_run(days, user):
    """What entering ``days`` would change (the transaction is rolled back)."""
    try:
        with transaction.atomic():
            raise _Preview(calendar.do_enter_days(days, by=user))
    except _Preview as preview:
        return preview.entered


def _entered_message(entered) -> str:
    moved = len(entered.moved)
    text = f"已录入 {len(entered.written)} 天"
    if moved:
        return text + f"，{moved} 个已存储的期限已重新计算，并已通知相关承办人"
    return text + "，已存储的期限无需调整"


@capability_required("config.manage")
def calendar_days(request):
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data
        try:
            entered = calendar.do_enter_days(
                [(day["date"], day["kind"], day["name"])], by=request.user, note="单日录入"
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _entered_message(entered))
            return redirect("core:calendar")
    today = date.today()
    return render(
        request,
        "core/calendar.html",
        {
            "form": form,
            "days": CalendarDay.objects.order_by("-date")[:200],
            "gaps": calendar_gaps(range(today.year, today.year + 3)),
        },
    )


@capability_required("config.manage")
def calendar_bulk(request):
    from eduenforce.core.choices import DayKind

    if request.method != "POST":
        form = CalendarBulkForm(initial={"year": date.today().year + 1})
        return render(request, "core/calendar_bulk.html", {"form": form})
    form = CalendarBulkForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "core/calendar_bulk.html", {"form": form})
    days = form.cleaned_data["days"]
    note = form.cleaned_data["note"]
    if request.POST.get("confirm"):
        try:
            entered = calendar.do_enter_days(days, by=request.user, note=note)
        except DomainError as error:
            form.add_error(None, error.message)
            return render(request, "core/calendar_bulk.html", {"form": form})
        messages.success(request, _entered_message(entered))
        return redirect("core:calendar")
    # Preview: the uploaded table's rows join the text, so that confirming posts them again.
    data = request.POST.copy()
    data["text"] = "\n".join(p for p in (form.cleaned_data["text"], form.cleaned_data["table"]) if p)
    form = CalendarBulkForm(data)
    form.is_valid()
    labels = dict(DayKind.choices)
    existing = {d.date: d for d in CalendarDay.objects.filter(date__in=[d for d, _k, _n in days])}
    rows = [
        {
            "date": day,
            "kind_label": labels[kind],
            "name": name,
            "before": str(existing[day]) if day in existing else "",
        }
        for day, kind, name in days
    ]
    moved = len(_dry_run(days, request.user).moved)
    return render(request, "core/calendar_bulk.html", {"form": form, "days": rows, "moved": moved})


@require_POST
@capability_required("config.manage")
def calendar_day_delete(request, pk):
    day = get_object_or_404(CalendarDay, pk=pk)
    entered = calendar.do_remove_day(day, by=request.user)
    moved = len(entered.moved)
    messages.success(request, f"已删除{f'，{moved} 个已存储的期限已重新计算' if moved else ''}")
    return redirect("core:calendar")


@require_POST
@login_required
def notice_read(request, pk):
    notices.mark_read(request.user, pk)
    return redirect("core:home")


@require_POST
@login_required
def notices_read(request):
    notices.mark_read(request.user)
    return redirect("core:home")


@capability_required("config.manage")
def deadline_rules(request):
    return render(request, "core/deadline_rules.html", {"rules": DeadlineRule.objects.all()})


@capability_required("config.manage")
def deadline_rule_edit(request, code):
    from eduenforce.core.deadline_rules import do_change_rule

    rule = get_object_or_404(DeadlineRule, code=code)
    form = DeadlineRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            do_change_rule(
                rule, by=request.user, **{f: form.cleaned_data[f] for f in DeadlineRuleForm.Meta.fields}
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"已保存“{rule.name}”")
            return redirect("core:deadline-rules")
    return render(request, "core/deadline_rule_edit.html", {"form": form, "rule": rule})


@capability_required("config.settings")
def settings_view(request):
    form = SettingsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        for key, value in form.changed_values().items():
            config.set_value(key, value, by=request.user)
        messages.success(request, "参数已保存")
        return redirect("core:settings")
    return render(request, "core/settings.html", {"form": form})


def _error(request, code: int, title: str, message: str):
    return render(request, "error.html", {"code": code, "title": title, "message": message}, status=code)


def bad_request(request, exception=None):
    return _error(request, 400, "请求有误", "提交的内容无法识别，请检查后重试。")


def permission_denied(request, exception=None):
    return _error(request, 403, "无权访问", "当前账号的角色无权访问此页面或执行此操作。")


def page_not_found(request, exception=None):
    return _error(request, 404, "页面不存在", "您访问的页面不存在，或已被撤回。")


def server_error(request):
    """Rendered without the request's context processors (they may be what failed): the public
    portal gets its own page with no link to the staff login, the API a JSON body."""
    from django.http import HttpResponseServerError, JsonResponse
    from django.template import loader

    path = getattr(request, "path", "") or ""
    if path.startswith("/api/"):
        return JsonResponse(
            {"detail": "服务器内部错误，已记录，请稍后再试"},
            status=500,
            json_dumps_params={"ensure_ascii": False},
        )
    public = path.startswith("/portal/")
    return HttpResponseServerError(loader.get_template("500.html").render({"public": public}))
