"""Pages per second through gunicorn against a trivial view on the same server.

gunicorn with two workers under production settings, Redis as the shared
cache, wrk on loopback (two threads, 16 connections, 10 s a run). The trivial
view is robots.txt: a real view of the site that builds a few lines of text
without the database, behind the same middleware as every page. Each page
type is measured cached (the same URL again and again, asking for gzip as
every browser does; the news list once more without) and uncached (a query
string never used before on every request, with a value of this run in it: a
page-cache miss that renders the page, what the first visitors after a
publish get). Worker CPU is read from /proc before and after each run.

What each run measured is checked, and a run that measured something else
stops the bench (BenchMismatch): every response of an uncached run must say
``X-Page-Cache: miss`` (wrk counts the header) and the cache must hold no
entry more after it (the page cache stores only the query parameters a page
declares, so ``?bench=`` variants are rendered and never stored: they cannot
fill the cache nor be served from it by a later run). A cached run must be a
hit before and after, and the shared cache must see no SET during it (a miss
would render the page and store it again); counting each response's header
there would cost wrk more than the trivial view it is compared with pays.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from tests.support.queries import PAGES
from tests.support.servers import worker_pids

LUA = Path(__file__).with_name("wrk.lua")
# What a browser says: the page cache sends a hit compressed to such a client.
BROWSER = ("-H", "Accept-Encoding: gzip, deflate, br, zstd")
TRIVIAL = "/robots.txt"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        # utime and stime are fields 14 and 15; the command name may hold spaces.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


class BenchMismatch(RuntimeError):
    """A run did not measure what it says (a cached run that rendered, an uncached one that hit)."""


class SharedCache:
    """What the bench reads from the site's Redis to check its runs."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def page_entries(self) -> int:
        return sum(1 for _ in self.client.scan_iter(match="*page-cache:entry:*", count=1000))

    def sets(self) -> int:
        """SET commands the server has run so far (each stored page is one)."""
        return self.client.info("commandstats").get("cmdstat_set", {}).get("calls", 0)


def page_cache_state(origin: str, path: str) -> str:
    with urllib.request.urlopen(origin + path, timeout=60) as response:
        return response.headers.get("X-Page-Cache", "")


def run_wrk(
    origin: str,
    path: str,
    mode: str,
    pids: list[int],
    seconds: int,
    run: str,
    check: bool,
    headers: tuple[str, ...] = BROWSER,
) -> dict:
    before = cpu_seconds(pids)
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", *headers]
        + ["-s", str(LUA), origin, "--"]
        + [path, mode, run]
        + (["check"] if check else []),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = cpu_seconds(pids) - before
    result = json.loads(output.strip().splitlines()[-1])
    requests = result["requests"]
    return {
        "rps": round(requests / (result["duration_us"] / 1e6), 1),
        "cpu_ms_per_request": round(cpu * 1000 / max(requests, 1), 2),
        "requests": requests,
        "errors": result["socket_errors"] + result["bad_status"],
        "p50_ms": result["p50_ms"],
        "p99_ms": result["p99_ms"],
        "page_cache": {"hit": result["hits"], "miss": result["misses"]} if check else None,
    }


def measure_cached(
    origin: str,
    path: str,
    pids: list[int],
    seconds: int,
    cache: SharedCache,
    headers: tuple[str, ...] = BROWSER,
):
    """The page served from the page cache over and over; refuses a run that rendered it."""
    if page_cache_state(origin, path) != "hit":
        raise BenchMismatch(f"{path} is not served from the page cache")
    sets = cache.sets()
    result = run_wrk(origin, path, "same", pids, seconds, run="", check=False, headers=headers)
    stored = cache.sets() - sets
    if stored or page_cache_state(origin, path) != "hit":
        raise BenchMismatch(f"the cached run of {path} rendered the page ({stored} SETs)")
    return result


def measure_uncached(origin: str, path: str, pids: list[int], seconds: int, cache: SharedCache):
    """Every request renders the page; refuses a run in which any was a hit or was stored."""
    entries = cache.page_entries()
    result = run_wrk(origin, path, "fresh", pids, seconds, run=secrets.token_hex(4), check=True)
    counted = result["page_cache"]
    if counted["hit"] or counted["miss"] != result["requests"]:
        raise BenchMismatch(f"the uncached run of {path} was not all misses: {counted}")
    if cache.page_entries() != entries:
        raise BenchMismatch(f"the uncached run of {path} stored pages")
    return result


def measure(origin: str, server: subprocess.Popen, cache_url: str, seconds: int = 10) -> dict:
    """Requests per second and worker CPU per request, trivial view and every page type."""
    pids = worker_pids(server)
    cache = SharedCache(cache_url)
    for path in [TRIVIAL, *PAGES.values()]:  # renditions are made on a page's first view
        for _ in range(3):
            urllib.request.urlopen(origin + path, timeout=60).read()
    results = {"trivial": run_wrk(origin, TRIVIAL, "same", pids, seconds, run="", check=False)}
    for name, path in PAGES.items():
        results[f"{name}_cached"] = measure_cached(origin, path, pids, seconds, cache)
        results[f"{name}_uncached"] = measure_uncached(origin, path, pids, seconds, cache)
    # The largest page once more for a client that takes no gzip (wrk's default).
    results["blog_index_cached_uncompressed"] = measure_cached(
        origin, PAGES["blog_index"], pids, seconds, cache, headers=()
    )
    return results


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.blocking: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            if (attributes.get("media") or "all") != "print":
                self.css.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.js.append(attributes["src"])
            deferred = {"async", "defer"} & attributes.keys() or attributes.get("type") == "module"
            if self.in_head and not deferred:
                self.blocking.append(attributes["src"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def page_weight(origin: str, path: str = "/lv/") -> dict:
    """Bytes of the home page's HTML, stylesheets and scripts, uncompressed."""
    html = urllib.request.urlopen(origin + path).read()
    assets = _Assets()
    assets.feed(html.decode())

    def size(url: str) -> int:
        return len(urllib.request.urlopen(urllib.parse.urljoin(origin + path, url)).read())

    css = sum(size(url) for url in assets.css)
    js = sum(size(url) for url in assets.js)
    return {
        "html_bytes": len(html),
        "css_bytes": css,
        "js_bytes": js,
        "total_bytes": len(html) + css + js,
        "stylesheets": assets.css,
        "scripts": assets.js,
        "render_blocking_scripts": assets.blocking,
    }
