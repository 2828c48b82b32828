"""Event occurrences and iCalendar files.

An EventPage is one event with an optional simple rule (weekly or monthly,
until a date or for a number of times). Occurrences are computed from the
rule, never stored, so editing the rule moves every future date at once.

The rules live here and read an event through `Recurring`, so this module
does not import the models (blog.models.events imports it).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from icalendar import Calendar, Event, vRecur

RIGA = ZoneInfo("Europe/Riga")
# An open-ended rule is expanded this far at most.
HORIZON = datetime.timedelta(days=2 * 365)
ICAL_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
RRULE_NAMES = {"weekly": "WEEKLY", "monthly": "MONTHLY", "monthly_weekday": "MONTHLY"}
RRULE_FREQUENCIES = {
    "weekly": rrule.WEEKLY,
    "monthly": rrule.MONTHLY,
    "monthly_weekday": rrule.MONTHLY,
}


def nth_weekday(day: datetime.date) -> rrule.weekday:
    """The weekday of `day` counted within its month: the 11th, a Thursday, is TH(+2).

    A fifth weekday exists in some months only, so it means the last one, TH(-1).
    """
    nth = (day.day - 1) // 7 + 1
    return rrule.weekday(day.weekday(), -1 if nth == 5 else nth)


# "on the second Thursday": the words differ by case in Latvian (otrajā ceturtdienā).
ORDINALS = {
    1: pgettext_lazy("on the nth weekday", "first"),
    2: pgettext_lazy("on the nth weekday", "second"),
    3: pgettext_lazy("on the nth weekday", "third"),
    4: pgettext_lazy("on the nth weekday", "fourth"),
    -1: pgettext_lazy("on the nth weekday", "last"),
}
WEEKDAYS_ON = [
    pgettext_lazy("on the nth weekday", "Monday"),
    pgettext_lazy("on the nth weekday", "Tuesday"),
    pgettext_lazy("on the nth weekday", "Wednesday"),
    pgettext_lazy("on the nth weekday", "Thursday"),
    pgettext_lazy("on the nth weekday", "Friday"),
    pgettext_lazy("on the nth weekday", "Saturday"),
    pgettext_lazy("on the nth weekday", "Sunday"),
]


def nth_weekday_label(day: datetime.date) -> str:
    """ "Every month on the second Thursday" for a series that starts on `day`."""
    weekday = nth_weekday(day)
    return _("Every month on the %(nth)s %(weekday)s") % {
        "nth": ORDINALS[weekday.n],
        "weekday": WEEKDAYS_ON[weekday.weekday],
    }


class Recurring(Protocol):
    """What the calendar reads from an event (blog.models.EventPage)."""

    pk: Any
    start: datetime.datetime
    recurrence: str
    repeat_count: int | None
    repeat_until: datetime.date | None

    @property
    def duration(self) -> datetime.timedelta: ...


@dataclass(frozen=True)
class Occurrence:
    """One sitting of an event."""

    event: Any  # the Recurring event itself: templates read its title and URL
    start: datetime.datetime
    end: datetime.datetime


def occurrence_starts(event: Recurring) -> list[datetime.datetime]:
    """Every start of the event, in Riga time (wall-clock hours kept across DST)."""
    first = event.start.astimezone(RIGA)
    if event.recurrence == "none":
        return [first]
    # The rule runs on naive Riga wall-clock time so that a 17.00 group stays
    # at 17.00 after the clocks change.
    naive_first = first.replace(tzinfo=None)
    kwargs: dict = {"dtstart": naive_first}
    if event.repeat_count:
        kwargs["count"] = event.repeat_count
    elif event.repeat_until:
        kwargs["until"] = datetime.datetime.combine(event.repeat_until, datetime.time.max)
    else:
        kwargs["until"] = naive_first + HORIZON
    if event.recurrence == "monthly_weekday":
        kwargs["byweekday"] = nth_weekday(naive_first.date())
    rule = rrule.rrule(RRULE_FREQUENCIES[event.recurrence], **kwargs)
    return [start.replace(tzinfo=RIGA) for start in rule]


def occurrences(events: Iterable[Recurring]) -> list[Occurrence]:
    """All occurrences of the events, in time order."""
    result = [
        Occurrence(event=event, start=start, end=start + event.duration)
        for event in events
        for start in occurrence_starts(event)
    ]
    return sorted(result, key=lambda occurrence: (occurrence.start, occurrence.event.pk))


def upcoming(events: Iterable[Recurring], now: datetime.datetime | None = None) -> list[Occurrence]:
    """Occurrences not yet over, soonest first."""
    now = now or timezone.now()
    return [occurrence for occurrence in occurrences(events) if occurrence.end >= now]


def past(events: Iterable[Recurring], now: datetime.datetime | None = None) -> list[Occurrence]:
    """Occurrences already over, latest first."""
    now = now or timezone.now()
    return [occurrence for occurrence in reversed(occurrences(events)) if occurrence.end < now]


def ical_rule(event: Recurring) -> vRecur | None:
    """The event's rule as an iCalendar RRULE; None when it does not repeat."""
    if event.recurrence == "none":
        return None
    rule: dict = {"freq": RRULE_NAMES[event.recurrence]}
    if event.recurrence == "monthly_weekday":
        weekday = nth_weekday(event.start.astimezone(RIGA).date())
        rule["byday"] = f"{weekday.n:+d}{ICAL_WEEKDAYS[weekday.weekday]}"
    if event.repeat_count:
        rule["count"] = event.repeat_count
    elif event.repeat_until:
        until = datetime.datetime.combine(event.repeat_until, datetime.time(23, 59, 59))
        rule["until"] = until.replace(tzinfo=RIGA).astimezone(datetime.UTC)
    return vRecur(rule)


def calendar_file(entries: Iterable[Event], name: str) -> bytes:
    """An .ics file with the events (each page's ical_entry()) and the Riga time zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//Cilveks izmainu veicinatajs//Events//LV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Riga")
    for entry in entries:
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
