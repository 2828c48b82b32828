"""System checks that only make sense for a production deployment.

Registered by ``website.settings.production``.
"""

from django.conf import settings
from django.core import checks

PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches)
def shared_cache_for_several_processes(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Several web processes with a process-local cache: a publish purges only one of them."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.WEB_CONCURRENCY > 1 and backend in PROCESS_LOCAL_CACHES:
        return [
            checks.Warning(
                f"WEB_CONCURRENCY is {settings.WEB_CONCURRENCY} but the cache is {backend}: "
                "each web process would keep its own cached pages and purge counters.",
                hint="Set CACHE_URL to a Redis server shared by every web process.",
                id="website.W001",
            )
        ]
    return []
