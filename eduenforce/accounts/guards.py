"""三员分立: what no administrator may do to another administrator (等保 8.1.5, 8.1.4.2).

The system administrator manages accounts, the security administrator assigns roles and resets second
factors, the audit administrator reads the journal. None of them may disable, demote or reset an account
that holds an administrator role, nor their own: that needs the installation's operator on the command
line, outside the web application. So no administrator can take the only security or audit administrator
away either.
"""

from eduenforce.core.errors import DomainError
from eduenforce.core.roles import ADMIN_ROLES

_ACTIONS = {"disable": "停用", "role": "更改角色", "mfa_reset": "重置两步验证"}


def check_admin_change(target, *, by, action: str) -> None:
    """Refuse (``DomainError``) an administrator's change to ``target`` that 三员分立 forbids."""
    verb = _ACTIONS[action]
    if target.pk == getattr(by, "pk", None):
        raise DomainError(f"不能{verb}自己的账号")
    if target.role in ADMIN_ROLES:
        raise DomainError(
            f"{target} 是{target.get_role_display()}：管理员账号不能由其他管理员{verb}（三员分立），"
            "请由系统运维人员在服务器上处理"
        )
