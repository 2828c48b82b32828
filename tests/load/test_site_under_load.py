"""The public site under load while an editor publishes (SPEC section 7, issue 7).

gunicorn with two workers and Redis as the shared cache serves 50 concurrent
wrk clients on the home, news and event pages for 30 s; halfway through an
editor publishes a news post. No request may fail, and afterwards every
worker serves the new post on the news list and in its feed: the purge
went through the shared cache, not one process's memory. How fast the pages
are is `make bench`'s to measure (docs/benchmarks.md), not this test's.
"""

import collections
import json
import os
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from blog.models import BlogIndexPage, BlogPage
from tests.support.servers import ROOT, free_port, gunicorn, worker_pids
from tests.support.workers import worker_database_url

LUA = Path(__file__).with_name("load.lua")
PATHS = [
    "/lv/",
    "/lv/jaunumi/",
    "/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/",
    "/lv/pasakumi/",
    "/lv/pasakumi/supervizija-gimenu-grupu-konference/",
    "/en/",
    "/en/news/",
]
SECONDS = 30
TITLE = "Slodzes tests: jauna ziņa publicēta zem slodzes"


def get(url: str, probe: str) -> str:
    request = urllib.request.Request(url, headers={"X-Probe": probe})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return response.read().decode()


@pytest.fixture
def shared_cache(settings, redis_url):
    """This process and gunicorn's workers share one Redis cache, as in production."""
    location = redis_url.removesuffix("/0") + "/3"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    from django.core.cache import cache

    cache.clear()
    yield location
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_fifty_clients_while_an_editor_publishes(committed_demo, shared_cache, tmp_path):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    access_log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": worker_database_url(),
        "CACHE_URL": shared_cache,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": origin,
    }
    log_args = (
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        "%(p)s %({x-probe}i)s %(s)s",
    )
    with gunicorn(env, port, workers=2, extra_args=log_args) as server:
        for path in PATHS:  # renditions and the cache filled before the clock starts
            get(origin + path, "warm")

        load = subprocess.Popen(
            ["wrk", "-t2", "-c50", f"-d{SECONDS}s", "--timeout", "20s", "-s", str(LUA), origin]
            + ["--", *PATHS],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(SECONDS / 2)
        news = BlogIndexPage.objects.get(locale__language_code="lv")
        post = news.add_child(instance=BlogPage(title=TITLE, slug="slodzes-tests", live=False))
        post.save_revision().publish()
        output, _ = load.communicate(timeout=SECONDS + 60)
        summary = json.loads(output.strip().splitlines()[-1])

        # Ask the news list and its feed many times at once, so that both workers answer.
        probes = [
            f"{path}#{n}" for n in range(30) for path in ("/lv/jaunumi/", "/lv/jaunumi/feed/rss/")
        ]
        with ThreadPoolExecutor(8) as pool:
            answers = pool.map(lambda probe: get(origin + probe.split("#")[0], probe), probes)
            pages = dict(zip(probes, answers, strict=True))
        workers = set(worker_pids(server))

    assert summary["requests"] > 1000, summary
    assert summary["socket_errors"] == 0 and summary["bad_status"] == 0, summary
    assert all(TITLE in html for html in pages.values()), "a page still shows the old news"

    served_by = collections.defaultdict(set)
    for line in access_log.read_text().splitlines():
        pid, probe, status = line.split(" ")
        pid = pid.strip("<>")  # gunicorn writes the pid as <1234>
        assert status == "200", line
        if probe in pages:
            served_by[int(pid)].add(probe)
    assert set(served_by) == workers, f"not every worker answered: {dict(served_by)}"
