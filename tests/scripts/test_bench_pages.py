"""`make bench` measures what it says: uncached runs render, cached runs hit (issue 16).

wrk.lua's query strings carry a value of the run, so a second run never asks
for an address an earlier one asked for; the bench refuses a run whose
responses or cache writes show it measured something else.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scripts.bench import pages


class RememberingCache(BaseHTTPRequestHandler):
    """Answers like a page cache that stores every address: a hit the second time."""

    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn answers wrk
    seen: set[str] = set()

    def do_GET(self) -> None:
        state = "hit" if self.path in self.seen else "miss"
        self.seen.add(self.path)
        self.send_response(200)
        self.send_header("X-Page-Cache", state)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def remembering_server():
    RememberingCache.seen = set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), RememberingCache)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def wrk_fresh(origin: str, run: str) -> dict:
    return pages.run_wrk(origin, "/lv/", "fresh", [], seconds=1, run=run, check=True)


@pytest.mark.processes
def test_a_second_uncached_run_asks_for_addresses_never_asked_before(remembering_server):
    first = wrk_fresh(remembering_server, "aaaa")
    second = wrk_fresh(remembering_server, "bbbb")
    for run in (first, second):
        assert run["requests"] > 0
        assert run["page_cache"] == {"hit": 0, "miss": run["requests"]}
    assert all("bench=" in path for path in RememberingCache.seen)


@pytest.mark.processes
def test_the_same_run_value_twice_is_caught(remembering_server):
    """What the old script did (numbering from 1 on every run) shows up as hits."""
    first = wrk_fresh(remembering_server, "same")
    again = wrk_fresh(remembering_server, "same")
    assert again["page_cache"]["hit"] > 0, (first, again)


class FakeCache:
    def __init__(self, entries: list[int], sets: list[int]) -> None:
        self.entries, self._sets = iter(entries), iter(sets)

    def page_entries(self) -> int:
        return next(self.entries)

    def sets(self) -> int:
        return next(self._sets)


def fake_wrk(requests: int, hits: int, misses: int):
    def run_wrk(*args, **kwargs) -> dict:
        return {"requests": requests, "page_cache": {"hit": hits, "miss": misses}}

    return run_wrk


def test_an_uncached_run_with_a_hit_stops_the_bench(monkeypatch):
    monkeypatch.setattr(pages, "run_wrk", fake_wrk(100, 1, 99))
    with pytest.raises(pages.BenchMismatch, match="not all misses"):
        pages.measure_uncached("", "/lv/", [], 1, FakeCache([0, 0], []))


def test_an_uncached_run_that_stored_pages_stops_the_bench(monkeypatch):
    monkeypatch.setattr(pages, "run_wrk", fake_wrk(100, 0, 100))
    with pytest.raises(pages.BenchMismatch, match="stored pages"):
        pages.measure_uncached("", "/lv/", [], 1, FakeCache([3, 5], []))


def test_a_cached_run_that_rendered_stops_the_bench(monkeypatch):
    monkeypatch.setattr(pages, "run_wrk", fake_wrk(100, 0, 0))
    monkeypatch.setattr(pages, "page_cache_state", lambda origin, path: "hit")
    with pytest.raises(pages.BenchMismatch, match="rendered the page"):
        pages.measure_cached("", "/lv/", [], 1, FakeCache([], [10, 11]))


def test_a_page_not_served_from_the_cache_stops_the_bench(monkeypatch):
    monkeypatch.setattr(pages, "page_cache_state", lambda origin, path: "miss")
    with pytest.raises(pages.BenchMismatch, match="not served from the page cache"):
        pages.measure_cached("", "/lv/", [], 1, FakeCache([], []))


def test_runs_that_measured_what_they_say_pass(monkeypatch):
    monkeypatch.setattr(pages, "run_wrk", fake_wrk(100, 0, 100))
    monkeypatch.setattr(pages, "page_cache_state", lambda origin, path: "hit")
    assert pages.measure_uncached("", "/lv/", [], 1, FakeCache([2, 2], []))["requests"] == 100
    assert pages.measure_cached("", "/lv/", [], 1, FakeCache([], [7, 7]))["requests"] == 100
