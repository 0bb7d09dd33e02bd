"""Notices: a line for one user (a deadline that moved, …), on their 工作台 until they read it."""

from collections.abc import Iterable

from django.utils import timezone


def notify(users: Iterable, text: str, *, link: str = "") -> int:
    """One unread notice for each distinct active user in ``users``; returns how many."""
    from eduenforce.core.models import Notice

    seen, rows = set(), []
    for user in users:
        if user is None or user.pk in seen or not getattr(user, "is_active", True):
            continue
        seen.add(user.pk)
        rows.append(Notice(user=user, text=text[:300], link=link[:300]))
    Notice.objects.bulk_create(rows)
    return len(rows)


def unread(user):
    from eduenforce.core.models import Notice

    return Notice.objects.filter(user=user, read_at__isnull=True)


def mark_read(user, pk: int | None = None) -> int:
    """Mark one notice (or all of the user's) read; returns how many changed."""
    rows = unread(user)
    if pk is not None:
        rows = rows.filter(pk=pk)
    return rows.update(read_at=timezone.now())
