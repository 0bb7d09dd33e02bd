"""Permissions, checked in one place.

Every view asks this module, never a role directly: ``capability_required`` guards a
view, ``get_object_for_user`` fetches one object through the user's scope, and
``scoped`` narrows a queryset through its ``visible_to(user)`` method when it has one
(for example a liaison officer sees only their own department's action items) and through
the object scope below.

Two tables are the whole policy: ``CAPABILITIES`` (a capability and the roles that hold it)
and ``SCOPES`` (for the models whose objects are assigned to people: which of them a user
of a role may see and act on). ``in_scope(user, obj)`` / ``can_act_on(user, obj, capability)``
answer for one object; ``core.transitions`` asks ``in_scope`` before every declared state
change, and ``scoped`` narrows list querysets the same way.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
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
    "security.unlock": frozenset({R.SEC_ADMIN}),  # lifting a login lockout
    "config.manage": frozenset({R.SYS_ADMIN}),
    # Each administrator sets its own parameters (core.config owners): the page is theirs alike.
    "config.settings": frozenset({R.SYS_ADMIN, R.SEC_ADMIN, R.AUDIT_ADMIN}),
    "security.manage_settings": frozenset({R.SEC_ADMIN}),
    "audit.manage_settings": frozenset({R.AUDIT_ADMIN}),
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


@dataclass(frozen=True)
class Scope:
    """Which objects of one model a user may see and act on, beyond the role's capability.

    - ``handlers``: the lookup from the object to the accounts it is assigned to (a case's
      承办人, a task's team); these users always see and act on it.
    - ``department``: the lookup to the departments it belongs to (the handlers' departments);
      a user of a ``by_department`` role reaches the objects of their own department.
    - ``act_all``: roles the law gives every object of the kind (局领导 decides every case,
      法制审核员 reviews every case).
    - ``see_all``: roles that see every object (and act only within the rules above).
    - ``refusal``: the Chinese 403 text.
    """

    handlers: str
    refusal: str
    department: str = ""
    by_department: frozenset = frozenset()
    act_all: frozenset = frozenset()
    see_all: frozenset = frozenset()


# Keyed by model label (``app_label.modelname``): core never imports the apps.
SCOPES: dict[str, Scope] = {
    # 行政处罚法 / 53号令: the 承办人 investigate; the 承办部门负责人 approves filing, preservation,
    # closing; 法制审核 and the 负责人's decision reach every case of the bureau.
    "cases.case": Scope(
        handlers="members__officer__user",
        department="members__officer__department",
        by_department=frozenset({R.SECTION_HEAD}),
        act_all=frozenset({R.LEADER, R.LEGAL_REVIEWER}),
        see_all=frozenset({R.LEADER, R.LEGAL_REVIEWER}),
        refusal="只有本案承办人、承办部门负责人、法制审核人员和局领导可以办理本案",
    ),
    # An inspection is worked by its team; a section head may step in; every officer sees the
    # bureau's inspections (a liaison only the joint ones, through ``visible_to``).
    "inspections.inspectiontask": Scope(
        handlers="members__officer__user",
        act_all=frozenset({R.SECTION_HEAD, R.LEADER}),
        see_all=frozenset(Role),
        refusal="只有本任务检查组成员（或科室负责人）可以操作",
    ),
}


def handler_roles() -> frozenset:
    """The roles whose holders may be a case's 承办人: those who may investigate. A 法制审核员
    reviews the handlers' work and a leader decides on it, so neither is ever a handler."""
    return CAPABILITIES["cases.investigate"]


def may_be_handler_q(path: str = "user") -> Q:
    """Officers who may be chosen as handlers: no account yet, or an account of a handler role."""
    return Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__role__in": handler_roles()})


def may_be_handler(officer) -> bool:
    user = getattr(officer, "user", None)
    return user is None or user.role in handler_roles()


def scope_of(model) -> Scope | None:
    label = getattr(getattr(model, "_meta", None), "label_lower", None)
    return SCOPES.get(label) if label else None


def scope_q(user, model, *, acting: bool = False) -> Q | None:
    """The filter that keeps the objects of ``model`` in ``user``'s scope, or None for all."""
    scope = scope_of(model)
    if scope is None:
        return None
    role = getattr(user, "role", None)
    if role in scope.act_all or (not acting and role in scope.see_all):
        return None
    q = Q(**{scope.handlers: user.pk})
    if scope.department and role in scope.by_department and user.department_id:
        q |= Q(**{scope.department: user.department_id})
    return q


def in_scope(user, obj, *, acting: bool = True) -> bool:
    """Is ``obj`` within ``user``'s scope (to act on it, or with ``acting=False`` to see it)?
    Models without a declared scope are in everybody's scope (the capability decides)."""
    if not getattr(user, "is_authenticated", False):
        return False
    q = scope_q(user, type(obj), acting=acting)
    if q is None:
        return True
    cache = obj.__dict__.setdefault("_scope_cache", {})
    key = (user.pk, user.role, user.department_id, acting)
    if key not in cache:
        cache[key] = type(obj)._base_manager.filter(q, pk=obj.pk).exists()
    return cache[key]


def can_act_on(user, obj, capability: str) -> bool:
    """Does the user's role hold ``capability`` and is ``obj`` within their scope?"""
    return has_capability(user, capability) and in_scope(user, obj, acting=True)


def scope_refusal(obj) -> str:
    scope = scope_of(type(obj))
    return scope.refusal if scope else "无权办理此事项"


def has_capability(user, capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}: add it to core.permissions.CAPABILITIES")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.role in CAPABILITIES[capability]


def require(user, capability: str) -> None:
    if not has_capability(user, capability):
        journal_denied(user, capability)
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


def scoped(queryset, user, *, acting: bool = False):
    """Narrow a queryset to what ``user`` may see (or, ``acting``, act on): its ``visible_to``
    where defined, then the model's ``SCOPES`` entry."""
    visible_to = getattr(queryset, "visible_to", None)
    queryset = visible_to(user) if visible_to else queryset
    if scope_of(queryset.model) is None:
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    q = scope_q(user, queryset.model, acting=acting)
    if q is None:
        return queryset
    # A subquery, so the joins through the team never duplicate rows of the list.
    return queryset.filter(pk__in=queryset.model._base_manager.filter(q).values("pk"))


def get_object_for_user(user, queryset, capability: str, **lookup):
    """Fetch one object the user may act on, or refuse (403 for the role, 404 out of scope)."""
    require(user, capability)
    return get_object_or_404(scoped(queryset, user), **lookup)


def require_scope(user, obj, capability: str) -> None:
    """The object-level check: 403 (journaled) unless ``obj`` is within the user's scope."""
    if not in_scope(user, obj, acting=True):
        journal_denied(user, capability, obj)
        raise PermissionDenied(scope_refusal(obj))


def journal_denied(user, capability: str, obj=None) -> None:
    # Failed authorisation is a security event (等保 8.1.4.3; ASVS 16.3.2).
    from eduenforce.core.journal import append

    if getattr(user, "is_authenticated", False):
        changes = {"capability": capability}
        if obj is not None:
            changes["scope"] = f"{obj._meta.label_lower}:{obj.pk}"
        append(actor=user, action="authz.denied", obj=None, changes=changes)
