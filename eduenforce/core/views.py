from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from eduenforce.core import config, nav
from eduenforce.core.forms import CalendarDayForm, DeadlineRuleForm, SettingsForm
from eduenforce.core.journal import append, snapshot
from eduenforce.core.models import CalendarDay, DeadlineRule
from eduenforce.core.permissions import capability_required
from eduenforce.core.workdays import calendar_gaps


@login_required
def home(request):
    cards = [(card, card.value(request.user)) for card in nav.cards_for(request.user)]
    today = date.today()
    gaps = calendar_gaps([today.year, today.year + 1])
    return render(request, "core/home.html", {"cards": cards, "calendar_gaps": gaps})


@capability_required("config.manage")
def calendar_days(request):
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day = form.save(commit=False)
        day.created_by = request.user
        day.save()
        append(
            actor=request.user,
            action="calendar.day_added",
            obj=day,
            changes=snapshot(day, ["date", "kind", "name"]),
        )
        messages.success(request, f"已添加 {day}")
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


@require_POST
@capability_required("config.manage")
def calendar_day_delete(request, pk):
    day = get_object_or_404(CalendarDay, pk=pk)
    append(
        actor=request.user,
        action="calendar.day_removed",
        obj=day,
        changes=snapshot(day, ["date", "kind", "name"]),
    )
    day.delete()
    messages.success(request, "已删除")
    return redirect("core:calendar")


@capability_required("config.manage")
def deadline_rules(request):
    return render(request, "core/deadline_rules.html", {"rules": DeadlineRule.objects.all()})


@capability_required("config.manage")
def deadline_rule_edit(request, code):
    rule = get_object_or_404(DeadlineRule, code=code)
    before = snapshot(rule, DeadlineRuleForm.Meta.fields)
    form = DeadlineRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        form.save()
        append(
            actor=request.user,
            action="deadline_rule.changed",
            obj=rule,
            changes={"before": before, "after": snapshot(rule, DeadlineRuleForm.Meta.fields)},
        )
        messages.success(request, f"已保存“{rule.name}”")
        return redirect("core:deadline-rules")
    return render(request, "core/deadline_rule_edit.html", {"form": form, "rule": rule})


@capability_required("config.manage")
def settings_view(request):
    form = SettingsForm(request.POST or None)
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
    return render(request, "500.html", status=500)
