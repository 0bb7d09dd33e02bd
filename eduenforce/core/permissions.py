"""Permissions, checked in one place.

Every view asks this module, never a role directly: ``capability_required`` guards a
view, ``get_object_for_user`` fetches one object through the user's scope, and
``scoped`` narrows a queryset through its ``visible_to(user)`` method when it has one
(for example a liaison officer sees only their own department's action items).

The matrix below is the whole policy: a capability and the roles that hold it.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from eduenforce.core.roles import Role

R = Role
STAFF = frozenset({R.OFFICER, R.SECTION_HEAD, R.LEGAL_REVIEWER, R.LEADER})
FIELD = frozenset({R.OFFICER, R.SECTION_HEAD})
HEADS = frozenset({R.SECTION_HEAD, R.LEADER})

CAPABILITIES: dict[str, frozenset] = {
    "home.view": frozenset(Role),
    # Administration (三员分立)
    "accounts.manage": frozenset({R.SYS_ADMIN}),
    "accounts.assign_roles": frozenset({R.SEC_ADMIN}),
    "security.view_login_log": frozenset({R.SEC_ADMIN}),
    "security.reset_mfa": frozenset({R.SEC_ADMIN}),
    "config.manage": frozenset({R.SYS_ADMIN}),
    "journal.read": frozenset({R.AUDIT_ADMIN}),
    # Officers and institutions
    "officers.view": STAFF,
    "officers.manage": frozenset({R.SECTION_HEAD}),
    "registry.view": STAFF | {R.LIAISON},
    "registry.manage": FIELD,
    "registry.import": frozenset({R.SECTION_HEAD}),
    "registry.view_identity": frozenset({R.SECTION_HEAD, R.LEGAL_REVIEWER}),
    # Planning and draws
    "planning.view": STAFF,
    "planning.manage": frozenset({R.SECTION_HEAD}),
    "planning.approve": HEADS,
    "sampling.view": STAFF,
    "sampling.run": frozenset({R.SECTION_HEAD}),
    "sampling.approve_redraw": HEADS,
    # Inspections and evidence
    "inspections.view": STAFF | {R.LIAISON},
    "inspections.work": FIELD,
    "inspections.approve": frozenset({R.SECTION_HEAD}),
    "inspections.decide": HEADS,  # 责令停止招生 / 停办关停 outcomes
    "evidence.upload": FIELD,
    "evidence.view": STAFF,
    # Cases
    "cases.view": STAFF,
    "cases.investigate": FIELD,
    "cases.approve": HEADS,
    "cases.review": frozenset({R.LEGAL_REVIEWER}),
    "cases.decide": frozenset({R.LEADER}),
    "cases.catalogue": frozenset({R.LEGAL_REVIEWER, R.SECTION_HEAD}),
    "cases.hearing": frozenset(
        {R.LEGAL_REVIEWER, R.SECTION_HEAD}
    ),  # 53号令 第30条: organised by the 法制审核 unit
    # Complaints and coordination
    "complaints.view": STAFF,
    "complaints.handle": FIELD,
    "complaints.view_identity": frozenset({R.SECTION_HEAD, R.OFFICER}),
    "coordination.view": STAFF | {R.LIAISON},
    "coordination.manage": frozenset({R.SECTION_HEAD}),
    "coordination.respond": frozenset({R.LIAISON, R.SECTION_HEAD, R.OFFICER}),
    "complaints.triage": frozenset({R.SECTION_HEAD}),
    "coordination.view_meetings": STAFF,
    "coordination.refer": frozenset({R.LIAISON, R.SECTION_HEAD, R.OFFICER}),
    # Publication and reports
    "portal.view": STAFF,
    "portal.write": FIELD,
    "portal.publish": HEADS,
    "reports.view": STAFF,
    "reports.edit": HEADS,
    "reports.dashboard": STAFF | {R.LIAISON},  # each role sees its own charts (liaison: own department)
    "reports.publish": frozenset({R.LEADER}),  # publishing the annual report is the leader's decision
}


def has_capability(user, capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}: add it to core.permissions.CAPABILITIES")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.role in CAPABILITIES[capability]


def require(user, capability: str) -> None:
    if not has_capability(user, capability):
        _journal_denied(user, capability)
        raise PermissionDenied(f"当前角色无权执行此操作（{capability}）")


def capability_required(capability: str):
    """View decorator: anonymous users go to the login page; others need the capability."""
    CAPABILITIES[capability]  # fail at import time on a typo

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require(request.user, capability)
            return view(request, *args, **kwargs)

        wrapper.capability = capability
        return wrapper

    return decorator


def scoped(queryset, user):
    """Narrow a queryset to what ``user`` may see, through ``visible_to`` where defined."""
    visible_to = getattr(queryset, "visible_to", None)
    return visible_to(user) if visible_to else queryset


def get_object_for_user(user, queryset, capability: str, **lookup):
    """Fetch one object the user may act on, or refuse (403 for the role, 404 out of scope)."""
    require(user, capability)
    return get_object_or_404(scoped(queryset, user), **lookup)


def _journal_denied(user, capability: str) -> None:
    # Failed authorisation is a security event (等保 8.1.4.3; ASVS 16.3.2).
    from eduenforce.core.journal import append

    if getattr(user, "is_authenticated", False):
        append(actor=user, action="authz.denied", obj=None, changes={"capability": capability})
