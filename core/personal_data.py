"""One person's records kept by the apps, found by e-mail address (GDPR Art. 15, 17, 20).

The newsletter's export and erase (newsletter/privacy.py) start from a
subscriber, but the same person may also have registered for events. The
apps that keep such records import the newsletter, so the newsletter cannot
import them: each registers a *holder* here in its ``AppConfig.ready``, and
the newsletter's export and erase (and ``manage.py personal_data``) go
through every holder.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any


@dataclasses.dataclass(frozen=True)
class Holder:
    """An app's records of a person: what to export, and how to erase them."""

    name: str  # the key of its records in an export, e.g. "registrations"
    export: Callable[[str], list[dict[str, Any]]]
    erase: Callable[[str], int]  # returns how many records it erased


_holders: dict[str, Holder] = {}


def register(holder: Holder) -> None:
    """Offer an app's records to the exports and erasures (from its ``ready``)."""
    _holders[holder.name] = holder


def export(email: str) -> dict[str, list[dict[str, Any]]]:
    """Every holder's records of the address, JSON-ready, by holder name."""
    return {name: holder.export(email) for name, holder in sorted(_holders.items())}


def erase(email: str) -> dict[str, int]:
    """Erase the address's records in every holder; how many each erased."""
    return {name: holder.erase(email) for name, holder in sorted(_holders.items())}
