"""Two-factor login (等保 8.1.4.1 d): TOTP through django-otp, with single-use recovery codes.

- Required for the roles in ``settings.MFA_REQUIRED_ROLES`` (the three administrators and the
  bureau's leaders); optional for everyone else. Anyone with a confirmed authenticator must use it.
- After the password, a session is "verified" only once a code from the user's authenticator or
  one recovery code has been accepted (``django_otp.login``); ``accounts.gate`` holds every other
  page until then. A user of a role that requires it and has no authenticator yet is sent to
  enrol before anything else.
- The security administrator can reset a user's second factor (lost phone); it is journaled and
  ends the user's sessions, and the user enrols again at the next login.
- django-otp throttles wrong codes per device (growing delays), so a code cannot be guessed.
"""

import base64
import io

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eduenforce.core.errors import DomainError
from eduenforce.records.journal import append

RECOVERY_CODES = 10
TOTP_NAME = "验证器"
RECOVERY_NAME = "恢复码"


def required_roles() -> frozenset:
    return frozenset(settings.MFA_REQUIRED_ROLES)


def required_for(user) -> bool:
    return getattr(user, "role", "") in settings.MFA_REQUIRED_ROLES


def authenticator(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_verify(request) -> bool:
    """True while this session still owes its second factor."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return required_for(user) or enrolled(user)


def pending_authenticator(user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (a new secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def provisioning_uri(device: TOTPDevice) -> str:
    return device.config_url  # issuer: settings.OTP_TOTP_ISSUER (the bureau's short name)


def base32_key(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (the CSP allows data: images, not inline script)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _clean(code: str) -> str:
    return "".join((code or "").split()).lower()


@transaction.atomic
def confirm_enrolment(request, code: str) -> list[str]:
    """Check the first code of the new authenticator, make it the user's one, issue recovery codes."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise DomainError("没有待绑定的验证器，请重新开始绑定", field="code")
    if not device.verify_token(_clean(code)):
        raise DomainError("验证码不正确，请核对手机上显示的 6 位数字（注意手机时间要准确）", field="code")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    append(actor=user, action="account.mfa_enrolled", obj=user, changes={"recovery_codes": len(codes)})
    django_otp.login(request, device)
    return codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def regenerate_recovery_codes(user) -> list[str]:
    codes = _new_recovery_codes(user)
    append(actor=user, action="account.recovery_codes_regenerated", obj=user, changes={"count": len(codes)})
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify(request, code: str) -> None:
    """Accept a code from the authenticator or one recovery code (spent on use)."""
    user, code = request.user, _clean(code)
    with transaction.atomic():
        for device in [authenticator(user), StaticDevice.objects.filter(user=user, confirmed=True).first()]:
            if device is not None and device.verify_is_allowed()[0] and device.verify_token(code):
                django_otp.login(request, device)
                changes = {"method": "recovery_code" if isinstance(device, StaticDevice) else "totp"}
                append(actor=user, action="auth.mfa_passed", obj=user, changes=changes)
                return
    # Journaled in its own transaction: the refusal below must not roll the record back.
    with transaction.atomic():
        append(actor=user, action="auth.mfa_failed", obj=user)
    raise DomainError("验证码不正确或已使用。连续输错后需等待片刻再试。", field="code")


@transaction.atomic
def disable(request, code: str) -> None:
    """A user for whom two-factor login is optional may turn it off, proving the authenticator."""
    user = request.user
    if required_for(user):
        raise DomainError(f"“{user.get_role_display()}”角色必须使用两步验证，不能关闭", field="code")
    device = authenticator(user)
    if device is None or not device.verify_token(_clean(code)):
        raise DomainError("验证码不正确", field="code")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    append(actor=user, action="account.mfa_disabled", obj=user)


@transaction.atomic
def reset(user, *, by) -> None:
    """The security administrator removes a user's second factor (lost phone); journaled."""
    if user == by:
        raise DomainError("不能重置自己的两步验证")
    from eduenforce.accounts.guards import check_admin_change

    check_admin_change(user, by=by, action="mfa_reset")
    had = enrolled(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    append(actor=by, action="account.mfa_reset", obj=user, changes={"had_authenticator": had})
