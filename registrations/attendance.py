"""Who was present at which session, and what that adds up to in hours.

Staff screens, the commands, exports, certificates and results all read
attendance through these functions, so "a session" and "academic hours" mean
the same thing everywhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from blog.calendar import RIGA
from blog.models import EventPage
from newsletter.models import normalise_email

from .models import Attendance, Registration


class UnknownSession(ValueError):
    """The date is not one on which the event has a session."""


def sessions(event: EventPage) -> list[datetime.date]:
    """The event's sessions, by the Riga date each occurrence starts on, in order."""
    seat_page = event.seat_page()
    return [occurrence.start.astimezone(RIGA).date() for occurrence in seat_page.occurrences()]


def _check_session(event: EventPage, session: datetime.date) -> None:
    if session not in sessions(event):
        raise UnknownSession(session)


def mark(registration: Registration, session: datetime.date, present: bool = True) -> bool:
    """Mark one registrant present (or take it back); True when something changed."""
    _check_session(registration.event, session)
    if not present:
        deleted, _ = Attendance.objects.filter(registration=registration, session=session).delete()
        return bool(deleted)
    try:
        # A double tap on the check-in screen reaches here twice at once: the
        # unique constraint settles it, the savepoint keeps the caller's transaction.
        with transaction.atomic():
            _, created = Attendance.objects.get_or_create(
                registration=registration, session=session
            )
    except IntegrityError:
        return False
    return created


def mark_many(
    event: EventPage, session: datetime.date, emails: Iterable[str], present: bool = True
) -> tuple[list[Registration], list[str]]:
    """Mark the active registrants with these addresses; returns (marked, addresses not found)."""
    _check_session(event, session)
    wanted = {normalise_email(address): address for address in emails}
    found = {
        registration.email_key: registration
        for registration in Registration.objects.filter(
            event=event.seat_page(), email_key__in=wanted
        ).exclude(status=Registration.Status.CANCELLED)
    }
    for registration in found.values():
        mark(registration, session, present)
    missing = [address for key, address in wanted.items() if key not in found]
    return list(found.values()), missing


def attended_sessions(registration: Registration) -> list[datetime.date]:
    """The sessions this registrant was marked present at, in order."""
    return sorted(attendance.session for attendance in registration.attendances.all())


def academic_hours(event: EventPage, sessions_attended: int) -> int:
    """Hours earned: the event's hours per session times the sessions attended."""
    return (event.seat_page().academic_hours or 0) * sessions_attended
