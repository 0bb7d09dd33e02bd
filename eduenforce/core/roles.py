"""The roles an account can hold: the vocabulary of the capability matrix (core.permissions).

Defined in core because permissions are checked in core; ``accounts.User.role`` stores one.
"""

from django.db import models


class Role(models.TextChoices):
    """One role per account. The three administrator roles are separated (三员分立):
    holding one excludes the others, which a single role field enforces by construction."""

    OFFICER = "officer", "执法人员"
    SECTION_HEAD = "section_head", "科室负责人"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核员"
    LEADER = "leader", "局领导"
    LIAISON = "liaison", "合作部门联络员"
    SYS_ADMIN = "sys_admin", "系统管理员"
    SEC_ADMIN = "sec_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


ADMIN_ROLES = frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN})
BUSINESS_ROLES = frozenset(set(Role) - ADMIN_ROLES)
