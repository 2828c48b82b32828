"""Whole-page cache for anonymous visitors, purged precisely on publish.

Each cached page remembers the versions of the *tags* it was built from:

- ``page:<id>``     the page itself (bumped when it or a translation is published);
- ``subtree:<id>``  anything below the page (bumped for every ancestor of a
                    published page, so the home page and the news list refresh);
- ``global``        page chrome shared by all pages: the menu (pages right
                    under the home page), the footer (site settings, the
                    featured project, legal pages) and snippets.

A read compares the stored versions with the current ones in one
``get_many``; publishing bumps a few versions instead of clearing the cache,
so a new post refreshes its list, its siblings and the home page, not the
event pages. Versions live in the shared cache (``CACHE_URL``), so every web
process sees a purge at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from wagtail.models import Page

from website import cache_counters

from .models import ProjectPage

TIMEOUT = 300  # upcoming-event lists change with time, not only on publish
CACHED_PREFIXES = tuple(f"/{code}/" for code, _ in settings.LANGUAGES)
UNCACHED_SEGMENTS = ("/search/",)
GLOBAL = "global"


def page_tags(page: Page) -> list[str]:
    """What a rendered page depends on."""
    tags = [GLOBAL, f"page:{page.pk}", f"subtree:{page.pk}"]
    if getattr(page, "lists_siblings", False):
        tags.append(f"subtree:{page.get_parent().pk}")
    return tags


def tags_for_change(page: Page) -> list[str]:
    """Which tags a publish, unpublish, move or deletion of page invalidates."""
    tags = [
        f"page:{pk}" for pk in page.get_translations(inclusive=True).values_list("pk", flat=True)
    ]
    tags += [
        f"subtree:{pk}" for pk in page.get_ancestors(inclusive=True).values_list("pk", flat=True)
    ]
    if page.depth <= 3 or issubclass(page.specific_class, ProjectPage):
        tags.append(GLOBAL)  # in the menu or the footer of every page
    return tags


def _version_key(tag: str) -> str:
    return f"page-cache:version:{tag}"


def current_versions(tags: Iterable[str]) -> dict[str, int]:
    tags = list(tags)
    found = cache.get_many([_version_key(tag) for tag in tags])
    return {tag: found.get(_version_key(tag), 0) for tag in tags}


def invalidate(tags: Iterable[str]) -> None:
    """Bump the tags' versions: every page built from them is stale from now on."""
    for tag in set(tags):
        cache_counters.increment(_version_key(tag), timeout=None)


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(CACHED_PREFIXES)
        and not any(segment in request.path for segment in UNCACHED_SEGMENTS)
        # Anyone with a session (editors) sees fresh pages and the user bar.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _entry_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:entry:{digest}"


class AnonymousPageCacheMiddleware:
    """Serves cached pages to anonymous visitors (``X-Page-Cache: hit``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = _entry_key(request)
        entry = cache.get(key)
        if entry is not None and current_versions(entry["versions"]) == entry["versions"]:
            response = HttpResponse(entry["content"], status=entry["status"])
            for header, value in entry["headers"].items():
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        tags = getattr(request, "page_cache_tags", None)
        if (
            tags
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
        ):
            cache.set(
                key,
                {
                    "versions": current_versions(tags),
                    "content": response.content,
                    "status": response.status_code,
                    "headers": {
                        name: value
                        for name, value in response.items()
                        if name.lower()
                        in ("content-type", "content-disposition", "content-language")
                    },
                },
                TIMEOUT,
            )
        response["X-Page-Cache"] = "miss"
        return response
