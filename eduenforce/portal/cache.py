"""Caching for the public portal: a generation number, cached counts and whole cached pages.

Every publication change bumps the generation (after commit), which retires every cached
count and page at once. With the default per-process memory cache another worker process
may serve its copy until the timeout (``portal.page_cache_seconds``); with Redis
(``EDUENFORCE_REDIS_URL``) the bump is seen by every worker at once.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

from eduenforce.core import config

_GENERATION = "portal:generation"


def generation() -> int:
    value = cache.get(_GENERATION)
    if value is None:
        cache.add(_GENERATION, 1, None)
        value = cache.get(_GENERATION, 1)
    return value


def _increment() -> None:
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, 2, None)


def bump() -> None:
    """Retire every cached portal page and count (call when a publication changes): now, and
    again after commit, so a page cached by a reader between the two cannot outlive the change."""
    _increment()
    transaction.on_commit(_increment)


def cached(key: str, compute, timeout: int | None = None):
    """``compute()`` cached under ``key`` for the current generation."""
    if not key.isascii() or any(c in key for c in " \t\n"):  # e.g. a filter with Chinese words
        key = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()
    full_key = f"portal:v{generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(
            full_key,
            value,
            timeout if timeout is not None else max(config.get("portal.page_cache_seconds"), 60),
        )
    return value


def public_page(view):
    """Cache a public page's HTML per URL for anonymous-equivalent GETs.

    Portal pages are the same for every visitor (no session, no CSRF token), so the body
    can be shared. It is not masked as a whole (that mangled identifiers): publications are
    masked field by field when they are stored (``portal.services``).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        timeout = config.get("portal.page_cache_seconds")
        if request.method not in ("GET", "HEAD") or timeout <= 0:
            return view(request, *args, **kwargs)
        digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        key = f"portal:page:v{generation()}:{digest}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response.public_masked = True
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            response.public_masked = True
            cache.set(key, (response.content, response["Content-Type"]), timeout)
        return response

    return wrapper
