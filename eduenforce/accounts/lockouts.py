"""Locked accounts and the security administrator's unlock (等保 8.1.4.1 b: login-failure handling).

An account is locked after ``AXES_FAILURE_LIMIT`` failures for ``AXES_COOLOFF_TIME`` (see
docs/decisions/0002). ``locked_accounts`` lists the accounts locked now; ``do_unlock`` lifts the
lock of one (its failed attempts are cleared), with a reason, journaled as ``security.unlocked``.
"""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from eduenforce.accounts.models import User
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import require
from eduenforce.records.journal import append


@dataclass(frozen=True)
class Lock:
    username: str
    failures: int
    last_attempt: datetime
    user: User | None  # None: the name matches no account (an attacker's guess)

    @property
    def until(self) -> datetime:
        return self.last_attempt + settings.AXES_COOLOFF_TIME


def _locked_attempts():
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return (
        AccessAttempt.objects.filter(username__isnull=False, attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last", "username")
    )


def locked_accounts(*, known_only: bool = True) -> list[Lock]:
    """The accounts locked now, latest first (``known_only``: only names of real accounts)."""
    rows = list(_locked_attempts())
    users = {u.username.lower(): u for u in User.objects.filter(username__in=[r["username"] for r in rows])}
    locks = [Lock(r["username"], r["failures"], r["last"], users.get(r["username"].lower())) for r in rows]
    return [lock for lock in locks if lock.user is not None] if known_only else locks


def is_locked(username: str) -> bool:
    return any(lock.username.lower() == username.lower() for lock in locked_accounts(known_only=False))


@transaction.atomic
def do_unlock(username: str, *, by, reason: str) -> int:
    """Lift the lock of ``username``: its failed attempts are cleared, the unlock journaled."""
    require(by, "security.unlock")
    username = (username or "").strip()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写解锁理由（如已核实为本人操作）", field="reason")
    if len(reason) > 200:
        raise DomainError("解锁理由不能超过 200 字", field="reason")
    lock = next((lock for lock in locked_accounts() if lock.username.lower() == username.lower()), None)
    if lock is None:
        raise DomainError("该账号当前未被锁定", field="username")
    if lock.user.pk == getattr(by, "pk", None):
        raise DomainError("不能为自己的账号解锁", field="username")
    cleared = reset(username=lock.username)
    append(
        actor=by,
        action="security.unlocked",
        obj=lock.user,
        changes={"username": lock.user.username, "failures": lock.failures, "reason": reason},
    )
    return cleared
