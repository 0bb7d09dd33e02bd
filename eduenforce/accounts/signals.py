"""Every login, failed login and logout is journaled (等保 8.1.4.3 a)."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from eduenforce.accounts import throttle
from eduenforce.core.middleware import client_ip, current_ip
from eduenforce.records.journal import append


@receiver(user_logged_in)
def journal_login(sender, request, user, **kwargs):
    request.session["login_at"] = time.time()
    append(actor=user, action="auth.login", obj=user)


@receiver(user_logged_out)
def journal_logout(sender, request, user, **kwargs):
    if user is not None:
        append(actor=user, action="auth.logout", obj=user)


@receiver(user_login_failed)
def journal_login_failed(sender, credentials, request=None, **kwargs):
    from eduenforce.accounts.models import User

    username = str(credentials.get("username", ""))[:150]
    ip = client_ip(request) if request is not None else current_ip.get()
    throttle.note_failure(ip)
    locked = getattr(request, "axes_locked_out", False)
    known = User.objects.filter(username__iexact=username.strip()).exists()
    if known and not locked:
        append(
            actor=None,
            action="auth.login_failed",
            object_type="accounts.user",
            changes={"username": username},
        )
        return
    kind = "locked" if known else "unknown"
    if throttle.first_in_window(kind, ip):
        append(
            actor=None,
            action="auth.login_failed",
            object_type="accounts.user",
            changes={
                "username": username,
                "account": "已锁定" if known else "不存在",
                "note": "同一地址在本时段内的后续同类失败不再逐条记录",
            },
        )


@receiver(user_locked_out)
def journal_locked_out(sender, request, username, ip_address, **kwargs):
    # Sent again for each attempt while the lock holds: journaled once per account and window.
    if throttle.first_in_window(f"lockout:{username}", ""):
        append(
            actor=None, action="auth.locked_out", object_type="accounts.user", changes={"username": username}
        )
