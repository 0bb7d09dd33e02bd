"""Demo accounts: one per role, with a password printed for the local demo."""

from eduenforce.accounts.choices import Role
from eduenforce.accounts.models import Department, User
from eduenforce.records.journal import append

DEMO_PASSWORD = "Demo@2025"

DEMO_USERS = [
    # username, name, role, department code
    ("zhangwei", "张伟", Role.OFFICER, "zfdd"),
    ("liqiang", "李强", Role.SECTION_HEAD, "xwpxk"),
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
