"""Rendered pieces of pages kept between renders: the cards of a list.

The first visitor after a publish gets the page rendered anew (the page
cache's tags, core/cache_tags.py), but most of what a list shows has not
changed: nine of the news list's ten cards, say. A card is kept in the
shared cache under a key made of everything it shows (the item's last
publish and address, its picture, the language, the site) and of the
``global`` tag's version, which snippets such as the news categories bump.
A changed item gets a new key, so nothing is ever purged by hand, and a
whole list costs two round trips to the cache, plus one to store the cards
it had to render.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.http import HttpRequest

from .cache_tags import global_version

TIMEOUT = 24 * 3600  # unused keys simply expire; changed cards get new keys


def fragment_key(kind: str, request: HttpRequest | None, *shown: object) -> str:
    """The cache key of one fragment: its kind and a digest of what it shows."""
    version = global_version(request)
    host = request.get_host() if request is not None else ""
    raw = "\x1f".join(str(part) for part in (host, version, *shown))
    return f"fragment:{kind}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def cached_fragments(
    keys: Sequence[str],
    render: Callable[[int], str],
    prepare: Callable[[list[int]], None] | None = None,
) -> list[str]:
    """Each fragment from the cache, else ``render(index)`` and stored for the next render.

    ``prepare(indices)`` runs first with the fragments to render, e.g. to
    fetch what only they need (a list's pictures) in one query for all.
    """
    found = cache.get_many(keys)
    missing = [index for index, key in enumerate(keys) if key not in found]
    if missing and prepare is not None:
        prepare(missing)
    rendered = {keys[index]: render(index) for index in missing}
    if rendered:
        cache.set_many(rendered, TIMEOUT)
    return [found[key] if key in found else rendered[key] for key in keys]
