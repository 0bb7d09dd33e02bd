"""Login throttling per client address, in the shared cache (Redis in production), and the rule that
keeps failed logins from flooding the journal.

The account lock (django-axes, 5 failures, 15 minutes, docs/decisions/0002) is not extended by attempts
made while it holds (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``): an attacker cannot keep an
administrator locked out by trying on. Per address, more than ``LOGIN_IP_FAILURE_LIMIT`` failures within a
window of ``LOGIN_IP_WINDOW_SECONDS`` (counted from the first failure; attempts do not prolong it) refuse
further attempts from that address until the window ends, whatever account they name. The limit is high
enough for a school district behind one NAT address.

Journal: a failure naming an existing account is journaled each time (there are at most five before the
lock); a failure naming no account, and attempts against a locked account, are journaled once per address
and window, so a password-spraying client cannot grow the journal by one row per guess.
"""

from django.conf import settings
from django.core.cache import cache


def _window() -> int:
    return settings.LOGIN_IP_WINDOW_SECONDS


def _failures_key(ip: str) -> str:
    return f"accounts:login-failures:{ip}"


def blocked(ip: str) -> bool:
    return (cache.get(_failures_key(ip)) or 0) >= settings.LOGIN_IP_FAILURE_LIMIT


def note_failure(ip: str) -> int:
    key = _failures_key(ip)
    cache.add(key, 0, _window())  # the window starts at the first failure and is never prolonged
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, _window())
        return 1


def first_in_window(kind: str, ip: str) -> bool:
    """True once per ``kind`` and address per window: whether this event is to be journaled."""
    return cache.add(f"accounts:journaled:{kind}:{ip}", 1, _window())
