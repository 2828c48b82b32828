"""The page cache's vocabulary, shared by every app: tags, their versions, variants.

A cached page is stored with the *tags* it was built from (``page:<id>``,
``subtree:<id>``, ``global``: navigation/page_cache.py says what each
covers) and their versions at the time. Bumping a tag's version makes every
page built from it stale. Pages declare their tags (core/pages.py) and, when
they read the query string, which parameters they accepted (declare_variant).
Versions live in the shared cache (``CACHE_URL``), so every web process sees
a purge at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.cache import cache
from django.http import HttpRequest

from . import cache_counters

GLOBAL = "global"


def page_tag(pk: int) -> str:
    """The tag of one page itself: bumped when it or a translation is published."""
    return f"page:{pk}"


def subtree_tag(pk: int) -> str:
    """The tag of everything below a page: bumped for every ancestor of a published page."""
    return f"subtree:{pk}"


def version_key(tag: str) -> str:
    """Where the shared cache keeps the tag's version."""
    return f"page-cache:version:{tag}"


def current_versions(tags: Iterable[str]) -> dict[str, int]:
    tags = list(tags)
    found = cache.get_many([version_key(tag) for tag in tags])
    return {tag: found.get(version_key(tag), 0) for tag in tags}


def global_version(request: HttpRequest | None) -> int:
    """The ``global`` tag's version, read from the shared cache once per request.

    The chrome, the site lookup and the cached cards of one render all key
    on it; a purge during a render shows from the next request on.
    """
    version = getattr(request, "_global_version", None)
    if version is None:
        version = current_versions([GLOBAL])[GLOBAL]
        if request is not None:
            request._global_version = version
    return version


def invalidate(tags: Iterable[str]) -> None:
    """Bump the tags' versions: every page built from them is stale from now on."""
    for tag in set(tags):
        cache_counters.increment(version_key(tag), timeout=None)


# Parameters that say where a visitor came from, never what a page shows:
# a newsletter link's utm_*, an ad click's id, Mailchimp's mc_*. They are left
# out of the key, so every such link is served the page's one entry.
TRACKING_PREFIXES = ("utm_", "mc_", "mtm_", "pk_", "hsa_", "_hs")
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "srsltid", "mkt_tok", "_ga", "_gl",
        "ref_src", "s_cid", "vero_id", "wickedid", "oly_anon_id", "oly_enc_id", "rb_clickid",
    }
)  # fmt: skip

Variant = tuple[tuple[str, tuple[str, ...]], ...]


def is_tracking_parameter(name: str) -> bool:
    """True for a parameter that only says where the visitor came from."""
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def requested_variant(request: HttpRequest) -> Variant:
    """The request's query parameters that may change a page, in a fixed order."""
    return tuple(
        sorted(
            (name, tuple(values))
            for name, values in request.GET.lists()
            if not is_tracking_parameter(name)
        )
    )


def declare_variant(request: HttpRequest, parameters: Mapping[str, object]) -> None:
    """Say which query parameters the response was built from, in their canonical spelling.

    A page that reads the query string (the news list's filters and page
    number) calls this with the values it accepted. The response is stored
    only when they are exactly the request's parameters (tracking ones
    aside): a page is never stored under a parameter it ignores or a value
    it refused, so made-up query strings cannot fill the cache. Pages that
    call nothing are stored only without parameters.
    """
    request.page_cache_variant = tuple(
        sorted((name, (str(value),)) for name, value in parameters.items())
    )
