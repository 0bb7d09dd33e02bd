"""Cached list totals: COUNT(*) over a million rows costs more than the page itself.

A count is cached per filter for a few minutes under a generation number that every write
(``changed()``) bumps, so a change shows in the next total. Filtered totals are capped: the
list says "10,000+" rather than scanning the whole table for an exact figure nobody reads.
"""

import hashlib

from django.core.cache import cache

CAP = 10_000
TTL = 300
_GENERATION = "registry:count-generation"


def changed() -> None:
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, 1, None)


def cached_count(queryset, key: str, *, capped: bool) -> tuple[int, bool]:
    """``(count, is_capped)`` of ``queryset``, from the cache when fresh."""
    generation = cache.get_or_set(_GENERATION, 1, None)
    cache_key = "registry:count:" + hashlib.sha256(f"{generation}|{capped}|{key}".encode()).hexdigest()[:32]
    found = cache.get(cache_key)
    if found is None:
        # order_by(): the model's ordering inside a LIMITed subquery would sort the whole match set.
        found = queryset.order_by()[: CAP + 1].count() if capped else queryset.count()
        cache.set(cache_key, found, TTL)
    if capped and found > CAP:
        return CAP, True
    return found, False
