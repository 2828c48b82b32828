"""Counters kept in the shared cache (CACHE_URL), safe with several processes."""

from django.core.cache import cache


def increment(key: str, timeout: float | None) -> int:
    """Add one to the counter at key (created at 1, kept for timeout seconds)."""
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired or evicted between add and incr
        cache.set(key, 1, timeout)
        return 1
