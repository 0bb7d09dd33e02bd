"""Every login, failed login and logout is journaled (等保 8.1.4.3 a)."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

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
    append(
        actor=None,
        action="auth.login_failed",
        object_type="accounts.user",
        changes={"username": str(credentials.get("username", ""))[:150]},
    )


@receiver(user_locked_out)
def journal_locked_out(sender, request, username, ip_address, **kwargs):
    append(actor=None, action="auth.locked_out", object_type="accounts.user", changes={"username": username})
