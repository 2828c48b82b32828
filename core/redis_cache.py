"""Django's Redis cache, reusing one Redis client per connection pool.

Django's RedisCacheClient makes a new ``redis.Redis`` object for every cache
operation (``get_client``). With redis-py 8 that object builds its table of
response callbacks each time: about 0.26 ms of CPU on the bench machine,
more than the whole trivial view, paid by every hit of the page cache and by
every fragment, rendition or version read of a render (docs/benchmarks.md,
issue 16). A client is only a front for its pool, safe to share between
threads, and its pool reconnects after a fork; so one client per pool serves
every operation.

Django makes each pool on first use with a check-then-create that threads can
race through; choosing the pool and its client is therefore done under a lock.
"""

from __future__ import annotations

import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    """RedisCacheClient that makes one ``redis.Redis`` per connection pool, once."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self._lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        # An uncontended lock costs well under a microsecond, a thousandth of
        # the client it saves making; without it two threads could both make
        # the pool and the client.
        with self._lock:
            pool = self._get_connection_pool(write)
            client = self._clients.get(id(pool))
            if client is None:
                client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """The site's shared cache (CACHE_URL=redis://…): Django's, with reused clients."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
