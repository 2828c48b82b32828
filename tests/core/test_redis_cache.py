"""The shared cache reuses one Redis client per pool (core/redis_cache.py, issue 16)."""

import sys
import threading

import pytest

from core.redis_cache import RedisCache


def backend(location: str = "redis://127.0.0.1:1/0") -> RedisCache:
    return RedisCache(location, {})


def test_every_operation_gets_the_same_client():
    cache = backend()._cache
    first = cache.get_client("a")
    assert cache.get_client("b") is first
    assert cache.get_client("c", write=True) is first  # one server: one pool for both


@pytest.fixture
def eager_thread_switching():
    """Switch threads every microsecond, so a check-then-create race shows up."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def clients_taken_together(cache, threads: int) -> list:
    """Have ``threads`` threads ask ``cache`` for a client at the same moment."""
    start_together = threading.Barrier(threads)
    clients = []

    def take() -> None:
        start_together.wait()
        clients.append(cache.get_client())

    workers = [threading.Thread(target=take) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return clients


def test_threads_share_the_client_and_its_pool(eager_thread_switching):
    # Before the lock, about half of such rounds made two or more clients
    # (and pools): CI caught it once with four threads and no barrier.
    for _ in range(30):
        clients = clients_taken_together(backend()._cache, threads=8)
        assert len(clients) == 8
        assert len({id(client) for client in clients}) == 1
        assert len({id(client.connection_pool) for client in clients}) == 1


def test_each_server_keeps_its_own_client():
    cache = backend("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0")._cache
    writer = cache.get_client(write=True)
    assert cache.get_client(write=True) is writer
    assert cache.get_client() is not writer  # reads go to the replica's pool


@pytest.mark.processes
def test_it_stores_reads_and_counts_against_a_real_redis(redis_url):
    cache = backend(redis_url.removesuffix("/0") + "/5")
    cache.clear()
    cache.set("page", {"content": b"<p>Sveiki</p>"}, 30)
    assert cache.get("page") == {"content": b"<p>Sveiki</p>"}
    assert cache.add("counter", 1, 30)
    assert cache.incr("counter") == 2
    assert cache.get_many(["page", "counter", "nothing"]) == {
        "page": {"content": b"<p>Sveiki</p>"},
        "counter": 2,
    }
