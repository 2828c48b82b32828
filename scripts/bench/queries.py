"""SQL queries per page type, with the demo content and with 500 more posts and 100 more events.

Run in its own process (`python -m scripts.bench.queries`) with the settings
and database chosen by the environment; prints JSON. Each page is counted as
a visitor gets it right after a publish: the page cache misses (the URL has a
query string never seen before), while the menu, footer and image renditions,
made once and kept, are warm. Counts with everything cold are kept too.
"""

import datetime
import json
import sys
from zoneinfo import ZoneInfo

import django

MORE_POSTS = 500
MORE_EVENTS = 100


def count_cold(client, path: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        client.get(path)
    return len(context.captured_queries)


def add_posts_and_events() -> None:
    from blog.models import BlogIndexPage, BlogPage, EventIndexPage, EventPage

    news = BlogIndexPage.objects.get(locale__language_code="lv")
    for n in range(MORE_POSTS):
        news.add_child(
            instance=BlogPage(
                title=f"Papildu ziņa {n}",
                slug=f"papildu-zina-{n}",
                date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
                lead="Īsumā par notikušo.",
            )
        )
    events = EventIndexPage.objects.get(locale__language_code="lv")
    start = datetime.datetime.now(ZoneInfo("Europe/Riga")).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    for n in range(MORE_EVENTS):
        begins = start + datetime.timedelta(days=3 + n)
        events.add_child(
            instance=EventPage(
                title=f"Papildu pasākums {n}",
                slug=f"papildu-pasakums-{n}",
                start=begins,
                end=begins + datetime.timedelta(hours=2),
                venue="Bauskas novada Sociālais dienests",
            )
        )


def main() -> None:
    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.support.queries import PAGES, count_queries

    setup_test_environment()  # the test client's host, "testserver", is allowed
    client = Client()
    demo = {name: count_queries(client, path) for name, path in PAGES.items()}
    cold = {name: count_cold(client, path) for name, path in PAGES.items()}
    add_posts_and_events()
    more = {name: count_queries(client, path) for name, path in PAGES.items()}
    json.dump(
        {
            "queries": {name: [demo[name], more[name]] for name in PAGES},
            "queries_cold_cache": cold,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
