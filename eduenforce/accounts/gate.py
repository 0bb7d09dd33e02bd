"""Holds a signed-in session at the door until it has done what the account owes.

1. The second factor (``accounts.mfa``): a session that still owes it may open only the
   verification page (or, with no authenticator yet on a role that requires one, the enrolment
   page) and log out.
2. An expired password (``accounts.password_max_age_days``, a [U] parameter: 等保 asks for
   periodic change, ASVS 6.2.10 advises against it, so 0 turns it off): only the password
   change page and log out until it is changed.

Public pages (portal, open-data API) and static files are never held.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from eduenforce.accounts import mfa
from eduenforce.core import config

_PUBLIC_PREFIXES = ("/static/", "/portal/", "/api/")


def password_expired(user) -> bool:
    if not settings.PASSWORD_EXPIRY_ENFORCED:
        return False
    days = config.get("accounts.password_max_age_days")
    if days <= 0 or not user.has_usable_password():
        return False
    return user.password_changed_at + timedelta(days=days) < timezone.now()


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not request.path.startswith(_PUBLIC_PREFIXES):
            held = self._hold(request)
            if held is not None:
                return held
        return self.get_response(request)

    def _hold(self, request):
        logout = reverse("accounts:logout")
        if mfa.must_verify(request):
            name = "accounts:mfa-verify" if mfa.enrolled(request.user) else "accounts:mfa-setup"
            return self._redirect(request, name, {logout})
        if password_expired(request.user):
            if request.path not in {reverse("accounts:password"), logout}:
                messages.warning(
                    request,
                    f"密码已超过 {config.get('accounts.password_max_age_days')} 天未修改，请先修改密码。",
                )
            return self._redirect(request, "accounts:password", {logout})
        return None

    @staticmethod
    def _redirect(request, name: str, allowed: set[str]):
        target = reverse(name)
        if request.path == target or request.path in allowed:
            return None
        if request.method == "GET" and name != "accounts:password":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return redirect(target)
