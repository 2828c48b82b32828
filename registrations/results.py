"""Results counted from attendance: the people present at events of a category.

An indicator on the results page bound to "attendance:<category>" (see
core/live_figures.py) shows the number of distinct people (by canonical
e-mail address) marked present at least once at an event of that news
category, e.g. "Semināru dalībnieki" from the events in "Semināri". Its
date is the last session counted. The results and home pages are rebuilt
whenever a mark is made or taken back, a registration holding marks is
erased, or an event (and so its categories) is published.
"""

from __future__ import annotations

import uuid

from django.db.models import Count, Max
from django.utils.translation import gettext
from wagtail.models import Locale

from blog.models import BlogCategory, EventPage
from core import live_figures

from .models import Attendance

KIND = "attendance"


def category_subjects() -> list[tuple[str, str]]:
    """Every category, once per translation key, named as in the default language."""
    default = Locale.get_default()
    named: dict[str, str] = {}
    for category in BlogCategory.objects.order_by("name"):
        key = str(category.translation_key)
        if key not in named or category.locale_id == default.pk:
            named[key] = category.name
    return [(key, gettext("People present at events: %s") % name) for key, name in named.items()]


def present_at(category_key: str):
    """Attendance marks at events of the category, in any language's categories."""
    events = EventPage.objects.filter(categories__translation_key=category_key)
    return Attendance.objects.filter(
        registration__event__translation_key__in=events.values("translation_key")
    )


def people_present(category_key: str) -> live_figures.Figure | None:
    """Distinct people present at least once at the category's events; None: no such category."""
    try:
        uuid.UUID(category_key)
    except ValueError:
        return None
    counted = present_at(category_key).aggregate(
        people=Count("registration__email_key", distinct=True), last=Max("session")
    )
    # Only a figure of nobody asks whether the category is still there.
    if (
        not counted["people"]
        and not BlogCategory.objects.filter(translation_key=category_key).exists()
    ):
        return None
    return live_figures.Figure(value=counted["people"], as_of=counted["last"])


SOURCE = live_figures.Source(kind=KIND, subjects=category_subjects, count=people_present)


def attendance_changed(**kwargs) -> None:
    """A mark came or went: the figures bound to attendance may have moved."""
    live_figures.changed()


def event_published(instance, **kwargs) -> None:
    """An event's categories may have changed with its publish."""
    if isinstance(instance, EventPage):
        live_figures.changed()
