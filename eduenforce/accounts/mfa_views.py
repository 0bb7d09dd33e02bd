"""Two-factor login pages: the user's own page, enrolment, verification after the password, and the
security administrator's reset. The rules are in ``accounts.mfa``; ``accounts.gate`` sends sessions here."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from eduenforce.accounts import mfa
from eduenforce.accounts.models import User
from eduenforce.accounts.views import _end_sessions_of
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required
from eduenforce.core.query import ListQuery, list_filters


class CodeForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=20,
        help_text="验证器上的 6 位数字，或一个恢复码",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@login_required
def home(request):
    user = request.user
    return render(
        request,
        "accounts/mfa_home.html",
        {
            "enrolled": mfa.enrolled(user),
            "required": mfa.required_for(user),
            "remaining": mfa.remaining_recovery_codes(user),
            "form": CodeForm(),
        },
    )


@login_required
def setup(request):
    user = request.user
    # Replacing an authenticator needs the current one first: a password alone never re-enrols.
    if mfa.enrolled(user) and not user.is_verified():
        return redirect("accounts:mfa-verify")
    form = CodeForm(request.POST or None)
    form.fields["code"].help_text = "绑定后验证器显示的 6 位数字"
    if request.method == "POST" and form.is_valid():
        try:
            codes = mfa.confirm_enrolment(request, form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            messages.success(request, "两步验证已启用。")
            return render(request, "accounts/mfa_codes.html", {"codes": codes, "next": _next_url(request)})
    device = mfa.pending_authenticator(user)
    uri = mfa.provisioning_uri(device)
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr": mfa.qr_data_uri(uri),
            "key": mfa.base32_key(device),
            "required": mfa.required_for(user),
            "next": _next_url(request),
        },
    )


@login_required
def verify(request):
    if not mfa.must_verify(request):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mfa.verify(request, form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            return redirect(_next_url(request))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request)})


@require_POST
@login_required
def recovery_codes(request):
    if not mfa.enrolled(request.user):
        return redirect("accounts:mfa")
    codes = mfa.regenerate_recovery_codes(request.user)
    return render(request, "accounts/mfa_codes.html", {"codes": codes, "next": "/"})


@require_POST
@login_required
def disable(request):
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            mfa.disable(request, form.cleaned_data["code"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "两步验证已关闭。")
    return redirect("accounts:mfa")


@capability_required("security.reset_mfa")
@list_filters(ListQuery)
def users(request):
    from django.db.models import Exists, OuterRef
    from django_otp.plugins.otp_totp.models import TOTPDevice

    qs = User.objects.annotate(
        mfa_enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    ).order_by("username")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/mfa_users.html", {"page": page, "required_roles": mfa.required_roles()})


@require_POST
@capability_required("security.reset_mfa")
def reset(request, pk):
    target = get_object_or_404(User, pk=pk)
    try:
        mfa.reset(target, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        _end_sessions_of(target)
        messages.success(request, f"已重置 {target} 的两步验证，其下次登录时须重新绑定验证器。")
    return redirect("accounts:mfa-users")
