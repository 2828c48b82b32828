"""The Wagtail site of a request, kept in the shared cache while the ``global`` tag holds.

Wagtail looks the site up in the database on every request it serves, a
query with a CASE over every site (about 1.5 ms of a 20 ms render). Sites
change with the ``global`` tag (navigation/apps.py declares them shown
around pages), so the answer is kept per host, port and version of that tag:
one round trip to the cache instead of the query. Kept in the shared cache,
not in the process: a flushed cache starts the versions again, and a copy
in memory could then pass for current.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site

from core.cache_tags import global_version

TIMEOUT = 24 * 3600


def site_for(request: HttpRequest) -> Site | None:
    """The site Wagtail would find for the request (its own lookup, keyed as it matches)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"site-for:{hostname}:{request.get_port()}:{global_version(request)}"
    found = cache.get(key)
    if found is None:
        # A host no site answers is kept as False: None means "not kept".
        found = Site._find_for_request(request) or False
        cache.set(key, found, TIMEOUT)
    return found or None


def remember_site(request: HttpRequest) -> None:
    """Hand Wagtail the request's site, so that its own lookup asks nothing."""
    request._wagtail_site = site_for(request)
