"""A small cache-based rate limiter for public search (per client address, per minute)."""

import time

from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, scope: str, per_minute: int) -> bool:
    """Count this request in the current minute; False once ``per_minute`` is exceeded."""
    if per_minute <= 0:
        return True
    key = f"portal:rate:{scope}:{client_address(request)}:{int(time.time() // 60)}"
    if cache.add(key, 1, 70):
        return True
    try:
        return cache.incr(key) <= per_minute
    except ValueError:  # expired between add and incr
        cache.add(key, 1, 70)
        return True
