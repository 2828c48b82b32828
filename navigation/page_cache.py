"""Whole-page cache for anonymous visitors, purged precisely on publish.

Each cached page remembers the versions of the *tags* it was built from:

- ``page:<id>``     the page itself (bumped when it or a translation is published);
- ``subtree:<id>``  anything below the page (bumped for every ancestor of a
                    published page, so the home page and the news list refresh);
- ``global``        page chrome shared by all pages: the menu (pages right
                    under the home page), the footer (site settings, the
                    featured project, legal pages) and snippets.

A read fetches the entry and the current versions of its tags in one
``get_many`` (one round trip to Redis) once the process has seen the URL,
and compares them; publishing bumps a few versions instead of clearing the cache,
so a new post refreshes its list, its siblings and the home page, not the
event pages. Versions live in the shared cache (``CACHE_URL``), so every web
process sees a purge at once (core/cache_tags.py keeps them).

What a page shows is declared by its type (``cache_dependencies()``, see
core/pages.py); the models shown around every page (menu, footer) are
declared by their apps (navigation/purges.py). Stored and served pages carry
``Cache-Control: public, s-maxage=…`` so a CDN in front may hold them too.

An entry holds what a hit sends, ready to go: status, the page's own headers
and the HTML gzip-compressed once when it is stored. A hit sends it as it is
to a client that accepts gzip (every browser), with ``Content-Encoding:
gzip``, so nothing is compressed per request, and decompresses it for the
rare client that does not; a quarter of the bytes cross from Redis on each
hit. Hits carry ``Vary: Accept-Encoding`` so that a shared cache in front
keeps the two apart.
The pages are the same for every anonymous visitor and echo nothing of the
request, so compressing them gives nothing away (BREACH needs a secret and
a reflected input in one compressed answer).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Page

from core.cache_tags import (
    GLOBAL,
    current_versions,
    page_tag,
    requested_variant,
    subtree_tag,
    version_key,
)
from core.pages import SitePage

from .sites import remember_site

TIMEOUT = 300  # upcoming-event lists change with time, not only on publish
CACHED_PREFIXES = tuple(f"/{code}/" for code, _ in settings.LANGUAGES)
# Search results are per query: never cached (Latvian /lv/meklet/, English /en/search/).
UNCACHED_SEGMENTS = ("/search/", "/meklet/")
# Compressed once per stored page; 6 is zlib's default, nearly as small as 9
# for HTML and several times quicker.
GZIP_LEVEL = 6
# The test Django's GZipMiddleware applies to Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The middleware runs first of all (website/settings/base.py), so a page is
# stored with every header the rest of the chain gave it (security headers,
# the Content-Security-Policy, X-Frame-Options) and a hit is sent with them
# without running that chain again. Left out: what each answer sets itself.
UNSTORED_HEADERS = frozenset(
    {"content-length", "content-encoding", "vary", "cache-control", "expires", "set-cookie"}
    | {"x-page-cache"}
)
# Bumped when an entry's layout changes: a deploy then renders pages anew
# instead of misreading what the release before stored (2: gzip only;
# 3: every header of the answer).
ENTRY_FORMAT = 3


def page_tags(page: Page) -> list[str]:
    """What a rendered page depends on: what its type declares (SitePage.cache_dependencies)."""
    if isinstance(page, SitePage):
        return page.cache_dependencies()
    # Wagtail's own page types (none is served on this site) depend on the rest.
    return [GLOBAL, page_tag(page.pk), subtree_tag(page.pk)]


def tags_for_change(page: Page) -> list[str]:
    """Which tags a publish, unpublish, move or deletion of page invalidates."""
    tags = [
        f"page:{pk}" for pk in page.get_translations(inclusive=True).values_list("pk", flat=True)
    ]
    tags += [
        f"subtree:{pk}" for pk in page.get_ancestors(inclusive=True).values_list("pk", flat=True)
    ]
    # Right under a home page (the menu), or of a type shown around every page.
    if page.depth <= 3 or getattr(page.specific_class, "shown_around_pages", False):
        tags.append(GLOBAL)
    return tags


def tags_for_restriction_change(page: Page) -> list[str]:
    """Which tags adding, changing or removing a view restriction on page invalidates.

    What a publish of the page invalidates, and every page below it too: a
    restriction covers the whole subtree, and each subpage may be cached or
    listed (its own subtree tag) on its own.
    """
    below = page.get_descendants().values_list("pk", flat=True)
    return tags_for_change(page) + [tag for pk in below for tag in (f"page:{pk}", f"subtree:{pk}")]


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(CACHED_PREFIXES)
        and not any(segment in request.path for segment in UNCACHED_SEGMENTS)
        # Anyone with a session (editors) sees fresh pages and the user bar.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # Plain HTTP where HTTPS is required: SecurityMiddleware redirects it.
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def _entry_key(request: HttpRequest) -> str:
    # The host is part of the key: nothing stored for one allowed host is
    # served to another (get_host() has already refused a foreign one). So is
    # the scheme: an answer over HTTPS carries headers (HSTS) one over HTTP must not.
    variant = urlencode(requested_variant(request), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{variant}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:entry:{digest}"


# The tags each entry was stored with, as far as this process knows: a hit
# can then ask for the entry and its tags' versions at once. Only a hint: the
# entry carries its own tags, and any this guess missed are fetched after.
_known_tags: dict[str, tuple[str, ...]] = {}
KNOWN_TAGS_LIMIT = 20_000


def _remember_tags(key: str, tags: Iterable[str]) -> None:
    if len(_known_tags) >= KNOWN_TAGS_LIMIT:
        _known_tags.clear()
    _known_tags[key] = tuple(tags)


def forget_known_tags() -> None:
    """Start as a new process would, knowing no URL's tags."""
    _known_tags.clear()


def _current_entry(key: str) -> dict | None:
    """The stored entry for key if none of its tags changed since, else None."""
    guessed = _known_tags.get(key, ())
    found = cache.get_many([key, *(version_key(tag) for tag in guessed)])
    entry = found.get(key)
    if entry is None or entry.get("format") != ENTRY_FORMAT:  # none, or an older release's
        return None
    stored = entry["versions"]
    current = {tag: found.get(version_key(tag), 0) for tag in stored if tag in guessed}
    missed = [tag for tag in stored if tag not in guessed]
    if missed:
        current.update(current_versions(missed))
        _remember_tags(key, stored)
    return entry if current == stored else None


def allow_shared_caches(response: HttpResponse) -> None:
    """Let a CDN or proxy in front hold the page as this cache does (``s-maxage``).

    Only what this cache stores or serves is marked: the same page for every
    anonymous visitor. Browsers ignore ``s-maxage`` and ask again each time;
    a shared cache keeps the page for at most PAGE_CACHE_SHARED_MAX_AGE
    seconds, since a publish purges this cache but not one it cannot reach.
    """
    patch_cache_control(response, public=True, s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE)


def _entry(response: HttpResponse, versions: dict[str, int]) -> dict:
    """What a hit needs, ready to send: status, headers and the HTML gzipped.

    A dict of bytes and short strings: unpickling it is one copy of the
    compressed page (a few microseconds), no response object is pickled.
    """
    return {
        "format": ENTRY_FORMAT,
        "versions": versions,
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
        # mtime=0: the same page gives the same bytes in every process.
        "gzip": gzip.compress(response.content, GZIP_LEVEL, mtime=0),
    }


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _served(entry: dict, request: HttpRequest) -> HttpResponse:
    """The stored page as a response, compressed for a client that accepts gzip."""
    compressed = accepts_gzip(request)
    body = entry["gzip"] if compressed else gzip.decompress(entry["gzip"])
    response = HttpResponse(body, status=entry["status"])
    for header, value in entry["headers"]:
        response[header] = value
    if compressed:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    response["Vary"] = "Accept-Encoding"
    response["X-Page-Cache"] = "hit"
    allow_shared_caches(response)
    return response


class AnonymousPageCacheMiddleware:
    """Serves cached pages to anonymous visitors (``X-Page-Cache: hit``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        # ALLOWED_HOSTS holds for cached pages too: DisallowedHost is a 400
        # before anything is read (CommonMiddleware would check only on a miss).
        request.get_host()
        key = _entry_key(request)
        entry = _current_entry(key)
        if entry is not None:
            return _served(entry, request)

        remember_site(request)
        response = self.get_response(request)
        tags = getattr(request, "page_cache_tags", None)
        if (
            tags
            and getattr(request, "page_cache_variant", ()) == requested_variant(request)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
        ):
            _remember_tags(key, tags)
            cache.set(key, _entry(response, current_versions(tags)), TIMEOUT)
            allow_shared_caches(response)
            patch_vary_headers(response, ("Accept-Encoding",))
        response["X-Page-Cache"] = "miss"
        return response
