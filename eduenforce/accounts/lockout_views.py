"""The security administrator's page of locked accounts, and the unlock."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from eduenforce.accounts import lockouts
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required


class UnlockForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150, widget=forms.HiddenInput)
    reason = forms.CharField(label="解锁理由", max_length=200, help_text="如：已电话核实为本人输错密码")


@capability_required("security.unlock")
def locked(request):
    return render(
        request,
        "accounts/lockouts.html",
        {
            "locks": lockouts.locked_accounts(),
            "limit": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@require_POST
@capability_required("security.unlock")
def unlock(request):
    form = UnlockForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("accounts:lockouts")
    try:
        lockouts.do_unlock(form.cleaned_data["username"], by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已解锁账号 {form.cleaned_data['username']}，已记入执法记录日志。")
    return redirect("accounts:lockouts")
