"""Demo accounts: one per role, with a password printed for the local demo.

Roles that require two-factor login (``settings.MFA_REQUIRED_ROLES``) get an authenticator with a
fixed, published demo secret, so the demo stays usable: add the printed key to any TOTP app, or
print the current code with ``eduenforce demo-otp <用户名>`` (refused outside demo mode).
"""

import base64
import hashlib

from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from eduenforce.accounts.models import Department, User
from eduenforce.core.roles import Role
from eduenforce.records.journal import append

DEMO_PASSWORD = "Demo@2025"

DEMO_USERS = [
    # username, name, role, department code
    ("zhangwei", "张伟", Role.OFFICER, "zfdd"),
    ("liqiang", "李强", Role.SECTION_HEAD, "zfdd"),  # heads the section that handles the cases
    ("wangfang", "王芳", Role.LEGAL_REVIEWER, "zcfgk"),
    ("zhaomin", "赵敏", Role.LEADER, "bgs"),
    ("chenjing", "陈静", Role.LIAISON, "scjg"),
    ("sysadmin", "孙系统", Role.SYS_ADMIN, "bgs"),
    ("secadmin", "周安全", Role.SEC_ADMIN, "bgs"),
    ("auditor", "吴审计", Role.AUDIT_ADMIN, "bgs"),
]


def ensure_user(username: str, name: str, role: str, department_code: str | None) -> User:
    department = Department.objects.get(code=department_code) if department_code else None
    user, created = User.objects.get_or_create(
        username=username, defaults={"name": name, "role": role, "department": department}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        append(
            actor=None,
            action="account.created",
            obj=user,
            changes={"username": username, "role": role, "department": user.department_id, "source": "demo"},
        )
    return user


def load(log) -> None:
    log(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
    for username, name, role, dept in DEMO_USERS:
        ensure_user(username, name, role, dept)
        log(f"  {Role(role).label:<8} {username:<10} {name}")


def demo_totp_key(username: str) -> str:
    """The published demo secret of ``username`` (hex, 20 bytes): for the local demo only."""
    return hashlib.sha1(f"eduenforce-demo-totp:{username}".encode(), usedforsecurity=False).hexdigest()


def after_build(log) -> None:
    """Run once the demo's clock is back to today: passwords fresh, authenticators for MFA roles."""
    usernames = [u[0] for u in DEMO_USERS]
    # The demo is built on a 2025 clock; its passwords (the role accounts' and the officers' own,
    # opened with the officers) must not count as expired today.
    User.objects.filter(password_changed_at__lt=timezone.now()).update(password_changed_at=timezone.now())
    lines = []
    for user in User.objects.filter(username__in=usernames, role__in=settings.MFA_REQUIRED_ROLES):
        key = demo_totp_key(user.username)
        TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "演示验证器", "key": key}
        )
        lines.append(f"  {user.username:<10} 密钥 {base64.b32encode(bytes.fromhex(key)).decode()}")
    if lines:
        log(
            "以下账号须两步验证：把密钥加入任一 TOTP 验证器（如手机上的身份验证器），或运行 "
            "`EDUENFORCE_DEMO=1 .venv/bin/eduenforce demo-otp 用户名` 打印当前验证码："
        )
        for line in lines:
            log(line)
