"""How many web processes this installation runs, read by the settings and by gunicorn.

Kept free of Django imports: ``eduenforce.settings`` needs the number to decide whether a shared
cache is required, and the gunicorn configuration module runs before Django is set up.
"""

import os


def cpu_count() -> int:
    """Cores this process may use (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover (not Linux)
        return os.cpu_count() or 1


def web_workers() -> int:
    """``EDUENFORCE_WEB_WORKERS``, else gunicorn's rule of thumb for sync workers: 2 × cores + 1."""
    raw = os.getenv("EDUENFORCE_WEB_WORKERS", "").strip()
    if not raw:
        return 2 * cpu_count() + 1
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"EDUENFORCE_WEB_WORKERS must be a positive integer, got {raw!r}")
    return value
