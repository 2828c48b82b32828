"""Counting SQL queries per page, shared by the tests and `make bench`.

A page is counted as a visitor gets it right after a publish: the page cache
misses (the URL has a query string never seen before), while the menu,
footer and image renditions, made once and kept, are warm.
"""

import itertools

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# One page of each type of the demo site, in Latvian.
PAGES = {
    "home": "/lv/",
    "blog_index": "/lv/jaunumi/",
    "blog_post": "/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/",
    "event_index": "/lv/pasakumi/",
    "event": "/lv/pasakumi/supervizija-gimenu-grupu-konference/",
    "results": "/lv/rezultati/",
}
FRESH = itertools.count()


def count_queries(client: Client, path: str) -> int:
    """Queries of a render that misses the page cache, with chrome and renditions warm."""
    client.get(path, {"warm": next(FRESH)})  # renditions and chrome are made once, then kept
    with CaptureQueriesContext(connection) as context:
        # A URL not seen before misses the page cache, like a page just purged.
        response = client.get(path, {"fresh": next(FRESH)})
    if response.status_code != 200 or response.get("X-Page-Cache") != "miss":
        raise RuntimeError(f"{path}: {response.status_code} {response.get('X-Page-Cache')}")
    return len(context.captured_queries)
