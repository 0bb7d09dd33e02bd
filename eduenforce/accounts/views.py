from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.models import Session
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eduenforce.accounts import throttle
from eduenforce.accounts.forms import LoginForm, PasswordChangeForm, RoleForm, UserCreateForm
from eduenforce.accounts.guards import check_admin_change
from eduenforce.accounts.models import User
from eduenforce.core.errors import DomainError
from eduenforce.core.middleware import client_ip
from eduenforce.core.permissions import capability_required
from eduenforce.core.query import ListQuery, list_filters
from eduenforce.records.journal import append
from eduenforce.records.models import JournalEntry


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Per-address throttle (accounts.throttle): refused before any password is checked.
        if throttle.blocked(client_ip(request)):
            form = self.get_form_class()(request)  # unbound: no password is looked at
            form.cleaned_data = {}
            form.add_error(None, "该地址登录失败次数过多，请稍后再试。")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    pass


def _end_sessions_of(user: User) -> None:
    """Changing or disabling an account ends all its sessions (ASVS 7.4.2)."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


@capability_required("accounts.manage")
@list_filters(ListQuery)
def users(request):
    page = Paginator(User.objects.select_related("department").order_by("username"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/users.html", {"page": page})


@capability_required("accounts.manage")
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save(commit=False)
            user.set_password(form.cleaned_data["password"])
            user.save()
            append(
                actor=request.user,
                action="account.created",
                obj=user,
                changes={"username": user.username, "name": user.name, "department": user.department_id},
            )
        messages.success(request, f"已创建账号 {user.username}，请安全管理员分配角色。")
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form})


@require_POST
@capability_required("accounts.manage")
def user_toggle_active(request, pk):
    user = get_object_or_404(User, pk=pk)
    if user == request.user:
        messages.error(request, "不能停用自己的账号。")
        return redirect("accounts:users")
    try:
        check_admin_change(user, by=request.user, action="disable")
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("accounts:users")
    with transaction.atomic():
        user.is_active = not user.is_active
        user.save(update_fields=["is_active"])
        append(
            actor=request.user, action="account.enabled" if user.is_active else "account.disabled", obj=user
        )
    if not user.is_active:
        _end_sessions_of(user)
    messages.success(request, f"账号 {user.username} 已{'启用' if user.is_active else '停用'}。")
    return redirect("accounts:users")


@capability_required("accounts.assign_roles")
@list_filters(ListQuery)
def roles(request):
    page = Paginator(User.objects.select_related("department").order_by("role", "username"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/roles.html", {"page": page})


@capability_required("accounts.assign_roles")
def role_edit(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST or None, initial={"role": user.role, "department": user.department})
    if request.method == "POST" and form.is_valid():
        if user == request.user:
            messages.error(request, "不能修改自己的角色。")
            return redirect("accounts:roles")
        try:
            check_admin_change(user, by=request.user, action="role")
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("accounts:roles")
        before = {"role": user.role, "department": user.department_id}
        with transaction.atomic():
            user.role = form.cleaned_data["role"]
            user.department = form.cleaned_data["department"]
            user.save(update_fields=["role", "department"])
            append(
                actor=request.user,
                action="account.role_changed",
                obj=user,
                changes={"before": before, "after": {"role": user.role, "department": user.department_id}},
            )
        _end_sessions_of(user)
        messages.success(request, f"已将 {user} 的角色设为“{user.get_role_display() or '未分配'}”。")
        return redirect("accounts:roles")
    return render(request, "accounts/role_form.html", {"form": form, "target": user})


@capability_required("security.view_login_log")
@list_filters(ListQuery)
def login_log(request):
    entries = JournalEntry.objects.filter(action__startswith="auth.").order_by("-seq")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/login_log.html", {"page": page})


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            append(actor=request.user, action="account.password_changed", obj=request.user)
        messages.success(request, "密码已修改，请重新登录。")
        return redirect("accounts:login")
    return render(request, "accounts/password_change.html", {"form": form})
