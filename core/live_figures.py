"""Result figures that count themselves from what other apps record.

An indicator on the results page may be bound to a *source* instead of a
number typed by an editor: e.g. "people present at events of the category
Semināri", which the registrations app counts from its attendance marks.
core cannot import the apps that keep such records (they import core), so
each app registers its sources here in its ``AppConfig.ready`` and the
indicator block stores only the binding's key, ``"<kind>:<subject>"``.

Pages that show such figures declare the tag ``TAG`` among their cache
dependencies; a source calls ``changed()`` when its figure may have moved.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Callable

from django.core.cache import cache

from .cache_tags import current_versions, invalidate

TAG = "live-figures"
SEPARATOR = ":"
KEPT_FOR = 24 * 3600  # a new version of the tag makes a new key; old ones expire
_NOT_KEPT = object()


@dataclasses.dataclass(frozen=True)
class Figure:
    """A counted figure and the day it was last moved (None: nothing counted yet)."""

    value: int
    as_of: datetime.date | None


@dataclasses.dataclass(frozen=True)
class Source:
    """What an app offers: the subjects one can bind to and how to count one."""

    kind: str
    # (subject key, label shown to editors) for every subject there is now.
    subjects: Callable[[], list[tuple[str, str]]]
    count: Callable[[str], Figure | None]


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    """Offer a source to the indicators (called from an app's ``ready``)."""
    _sources[source.kind] = source


def binding(kind: str, subject: str) -> str:
    """The key an indicator stores for this source's subject."""
    return f"{kind}{SEPARATOR}{subject}"


def choices() -> list[tuple[str, str]]:
    """Every binding an editor can choose, for the indicator block's select."""
    return [
        (binding(source.kind, key), label)
        for source in _sources.values()
        for key, label in source.subjects()
    ]


def figure(key: str) -> Figure | None:
    """The current figure of a binding; None when its source or subject is gone.

    Kept in the shared cache under the tag's version, as the pages showing
    it are: counting is a query over every mark, and a source calls
    ``changed()`` whenever its figure may have moved.
    """
    kind, _, subject = key.partition(SEPARATOR)
    source = _sources.get(kind)
    if source is None or not subject:
        return None
    digest = hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
    cache_key = f"live-figure:{current_versions([TAG])[TAG]}:{digest}"
    counted = cache.get(cache_key, _NOT_KEPT)
    if counted is _NOT_KEPT:
        counted = source.count(subject)
        cache.set(cache_key, counted, KEPT_FOR)
    return counted


def changed() -> None:
    """A source's figure may have moved: pages showing bound indicators are rebuilt."""
    invalidate([TAG])
