"""Creating an account outside the system administrator's page: an in-service officer's account,
opened by the section head who registers the officer (``officers.actions.open_account``).

三员分立: the roles a section head may give are the enforcement roles only; administrator roles (and
the section head's and leader's roles) stay with the security administrator's role page.

    grantable_roles(by) -> tuple[Role, ...]
    create_account(by=, username=, name=, department=, password=, role=) -> User
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from eduenforce.accounts.models import User
from eduenforce.core.errors import DomainError
from eduenforce.core.roles import Role
from eduenforce.records.journal import append

OFFICER_ACCOUNT_ROLES = (Role.OFFICER, Role.LEGAL_REVIEWER)
SEPARATION_RULE = "三员分立（等保 8.1.4.2）"


def grantable_roles(by) -> tuple:
    """The roles ``by`` may give to an officer's new account."""
    return OFFICER_ACCOUNT_ROLES if getattr(by, "role", None) == Role.SECTION_HEAD else ()


def _check_role(role: str, by) -> None:
    if role not in grantable_roles(by):
        label = Role(role).label if role in Role.values else role or "（未选择）"
        allowed = "、".join(f"“{r.label}”" for r in OFFICER_ACCOUNT_ROLES)
        raise DomainError(
            f"科室负责人为执法人员开通账号只能授予{allowed}角色，不能授予“{label}”：管理员及负责人角色"
            f"须由安全管理员分配（{SEPARATION_RULE}）",
            field="role",
        )


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not username or len(username) > 150:
        raise DomainError("请填写用户名（150 个字符以内）", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(f"用户名“{username}”已存在（不区分大小写）", field="username")
    return username


@transaction.atomic
def create_account(*, by, username: str, name: str, department, password: str, role: str) -> User:
    """An active account with ``role`` (one of ``grantable_roles(by)``), journaled."""
    _check_role(role, by)
    username = _check_username(username)
    user = User(username=username, name=name, department=department, role=role)
    try:
        validate_password(password or "", user)
    except ValidationError as error:
        raise DomainError("初始密码：" + "；".join(error.messages), field="password") from None
    user.set_password(password)
    user.save()
    append(
        actor=by,
        action="account.created",
        obj=user,
        changes={"username": username, "name": name, "department": department.pk, "role": role},
    )
    return user
