"""Every state change declared once, as data next to its action.

A ``Transition`` says where a change may start (``sources``, enum members of the object's
status field), who may take it (a capability of ``core.permissions``, always narrowed by the
object scope of ``core.permissions.SCOPES`` — a case's handlers, a task's team — and optionally
by further object-level ``actor`` rules) and what the object must satisfy besides its state
(``requires``). The action (``<app>/actions.py do_<verb>``) calls ``check`` on the locked row
before it changes anything; views and templates call ``allowed`` / ``available`` on the row
they show. Offer and guard read the same record, so a button is shown exactly when the
action would accept it, and no view or template lists states again.

    SUBMIT = Transition("inspections.submit_task", "提交审批", "inspections.work",
                        {TaskStatus.DRAFT}, actor=TEAM)

    @transaction.atomic
    def do_submit_task(task, *, by):
        task = lock(task)
        SUBMIT.check(task, by)
        ...

    # view:     "can": available(task, request.user, TASK_TRANSITIONS)
    # template: {% if can.submit_task %}<button data-transition="{{ can.submit_task.name }}">…
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from eduenforce.core.errors import TransitionNotAllowed, status_refusal
from eduenforce.core.permissions import (
    CAPABILITIES,
    has_capability,
    in_scope,
    journal_denied,
    require,
    scope_refusal,
)

Message = str | Callable[[Any], str]

# Every declared transition by name: the parametrised tests walk it, and a name is unique.
REGISTRY: dict[str, Transition] = {}


@dataclass(frozen=True)
class Requirement:
    """A condition on the object besides its state; ``message`` (text, or a function of the
    object) is the Chinese refusal, naming the article where the law is the reason.

    ``show``: while only this condition stands in the way, the page shows the step disabled
    with the message (something the user can still bring about: a record, a waiting period),
    rather than hiding a step that does not apply."""

    test: Callable[[Any], bool]
    message: Message
    show: bool = False

    def refusal(self, obj: Any) -> str | None:
        if self.test(obj):
            return None
        return self.message(obj) if callable(self.message) else self.message


@dataclass(frozen=True)
class Actor:
    """An object-level rule on who may act (for example: only the task's team; not the person
    who asked for the approval). ``forbidden``: refuse with 403 rather than a message on the form."""

    test: Callable[[Any, Any], bool]
    message: str
    forbidden: bool = False


@dataclass(frozen=True)
class Transition:
    name: str  # "<app>.<verb>", unique; templates use the verb (``key``)
    label: str  # the Chinese verb phrase: the button and the refusal say it
    capability: str | tuple[str, ...]  # several: any one of them will do
    sources: frozenset
    field: str = "status"
    requires: tuple[Requirement, ...] = ()
    actor: Actor | tuple[Actor, ...] = ()  # object-level rules on who, checked in order
    system: bool = False  # the system (``by=None``: a sweep, a scheduled job) may take it too
    why: Message = ""  # the rule behind ``sources`` (an article), added to a state refusal

    def __post_init__(self) -> None:
        for capability in self.capabilities:
            if capability not in CAPABILITIES:
                raise KeyError(f"unknown capability {capability!r} in transition {self.name}")
        if not self.sources:
            raise ValueError(f"transition {self.name} declares no source state")
        object.__setattr__(self, "sources", frozenset(self.sources))
        object.__setattr__(self, "requires", tuple(self.requires))
        if isinstance(self.actor, Actor):
            object.__setattr__(self, "actor", (self.actor,))
        if self.name in REGISTRY:
            raise ValueError(f"transition {self.name} declared twice")
        REGISTRY[self.name] = self

    @property
    def capabilities(self) -> tuple[str, ...]:
        return (self.capability,) if isinstance(self.capability, str) else tuple(self.capability)

    def held_by(self, user: Any) -> bool:
        """Does the user's role hold the capability (one of them, where several are named)?"""
        return any(has_capability(user, c) for c in self.capabilities)

    @property
    def key(self) -> str:
        return self.name.rpartition(".")[2]

    @property
    def app(self) -> str:
        return self.name.partition(".")[0]

    # ------------------------------------------------------------------ offer and guard
    def refusal(self, obj: Any, user: Any) -> Exception | None:
        """The first reason the guard refuses ``user`` on ``obj`` now, or None: the one
        function behind both the offer (``allowed``) and the guard (``check``)."""
        found = self._refusal(obj, user)
        return found[0] if found else None

    def allowed(self, obj: Any, user: Any) -> bool:
        """Would ``check`` accept this user on this object now? (Nothing is journaled.)"""
        return self._refusal(obj, user) is None

    def blocked_by(self, obj: Any, user: Any) -> str | None:
        """The message of a shown requirement (``show=True``) that alone stops the step now."""
        found = self._refusal(obj, user)
        if found and found[1] is not None and found[1].show:
            return str(found[0])
        return None

    def check(self, obj: Any, by: Any) -> None:
        """The guard the action calls on the locked row before it changes anything."""
        self.check_actor(by)
        error = self.refusal(obj, by)
        if error is not None:
            if isinstance(error, PermissionDenied) and by is not None and self.held_by(by):
                journal_denied(by, self.capabilities[0], obj)  # out of scope, or an Actor rule
            raise error

    def check_actor(self, by: Any) -> None:
        """The role check alone, journaling a denial (an action may run it before it locks)."""
        if by is not None and getattr(by, "is_authenticated", False) and not self.held_by(by):
            require(by, self.capabilities[0])  # journals the denial and raises

    def _refusal(self, obj: Any, user: Any) -> tuple[Exception, Requirement | None] | None:
        if user is None:
            if not self.system:
                return PermissionDenied("须由已登录的用户办理"), None
        elif not getattr(user, "is_authenticated", False):
            return PermissionDenied("须由已登录的用户办理"), None
        elif not self.held_by(user):
            return PermissionDenied(f"当前角色无权执行此操作（{'/'.join(self.capabilities)}）"), None
        elif not in_scope(user, obj, acting=True):
            # core.permissions.SCOPES: only the object's handlers and the roles the law names.
            return PermissionDenied(scope_refusal(obj)), None
        why = self.why(obj) if callable(self.why) else self.why
        message = status_refusal(obj, self.sources, self.label, self.field, why)
        if message is not None:
            return TransitionNotAllowed(message), None
        for rule in self.actor if user is not None else ():
            if not rule.test(obj, user):
                return (PermissionDenied if rule.forbidden else TransitionNotAllowed)(rule.message), None
        for requirement in self.requires:
            message = requirement.refusal(obj)
            if message is not None:
                return TransitionNotAllowed(message), requirement
        return None


class Offer(dict):
    """The transitions a user may take on an object now, by ``key``: ``can.submit_task``."""

    def __missing__(self, key: str) -> None:
        return None


def available(obj: Any, user: Any, transitions: Iterable[Transition]) -> Offer:
    """What to offer: the given transitions this user may take on ``obj`` now."""
    return Offer((t.key, t) for t in transitions if t.allowed(obj, user))


def declared(app: str) -> list[Transition]:
    """Every transition an app declares (its actions module must have been imported)."""
    return [t for t in REGISTRY.values() if t.app == app]


def states_of(transition: Transition, model: type) -> list:
    """Every value of the field the transition guards (for tests parametrised over states)."""
    return [value for value, _ in model._meta.get_field(transition.field).flatchoices]
