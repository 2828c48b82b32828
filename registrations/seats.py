"""Taking, giving back and handing on seats, never more than the event has.

Every change to an event's list runs in one transaction that first locks the
event (the Latvian page's row): on PostgreSQL with ``SELECT ... FOR UPDATE``,
on SQLite by the write lock every transaction takes at its start
(``transaction_mode = IMMEDIATE`` in the settings). Counting the seated and
adding the newcomer therefore happen one event at a time, whatever the number
of simultaneous sign-ups and web processes; the waiting list keeps the order
in which the lock was won. The unique constraint on (event, canonical
address) stands behind the "one seat per address" check.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from blog.models import EventPage
from core.cache_tags import invalidate
from navigation.page_cache import tags_for_change
from newsletter.models import normalise_email

from . import notices
from .models import Registration

Status = Registration.Status


class RegistrationClosed(Exception):
    """The event takes no sign-ups (switched off, or the deadline has passed)."""


class NoSeatFree(Exception):
    """Every seat is taken: nobody can be moved from the waiting list to a seat."""


class WrongStatus(Exception):
    """The registration is not where the move starts from (already moved, or cancelled)."""


@dataclasses.dataclass(frozen=True)
class SignUp:
    """What the form gives: the person and the language of the page they used."""

    name: str
    email: str
    organisation: str
    needs: str
    language: str


@dataclasses.dataclass(frozen=True)
class Outcome:
    registration: Registration
    created: bool  # False: the address was on the list already


def _lock(event: EventPage) -> EventPage:
    """The event, re-read under its row lock (held until the transaction ends)."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def seats_taken(event: EventPage) -> int:
    return Registration.objects.filter(event=event, status=Status.CONFIRMED).count()


def seats_left(event: EventPage) -> int | None:
    """Free seats of the event's shared list; None when there is no limit."""
    seat_page = event.seat_page()
    if seat_page.capacity is None:
        return None
    return max(seat_page.capacity - seats_taken(seat_page), 0)


def _purge(event: EventPage) -> None:
    """The seats left show on the event's pages and lists: refresh them after a change."""
    tags: set[str] = set()
    for page in event.get_translations(inclusive=True):
        tags.update(tags_for_change(page))
    invalidate(tags)


def register(event: EventPage, sign_up: SignUp, *, by_staff: bool = False) -> Outcome:
    """A seat if one is free, else a place on the waiting list; the same address once.

    Raises RegistrationClosed when the event takes no sign-ups; nothing is stored then.
    Staff adding someone by hand (a phone sign-up, ``by_staff``) may do so after the
    form has closed; seats and the waiting list are counted the same way.
    """
    seat_page = event.seat_page()
    email_key = normalise_email(sign_up.email)
    try:
        with transaction.atomic():
            seat_page = _lock(seat_page)
            existing = (
                Registration.objects.filter(event=seat_page, email_key=email_key)
                .exclude(status=Status.CANCELLED)
                .first()
            )
            if existing is not None:
                return Outcome(existing, created=False)
            if not by_staff and not seat_page.takes_registrations():
                raise RegistrationClosed
            full = seat_page.capacity is not None and seats_taken(seat_page) >= seat_page.capacity
            registration = Registration.objects.create(
                event=seat_page,
                name=sign_up.name,
                email=sign_up.email,
                email_key=email_key,
                organisation=sign_up.organisation,
                needs=sign_up.needs,
                language=sign_up.language,
                status=Status.WAITLISTED if full else Status.CONFIRMED,
                registered_at=timezone.now(),
            )
            notices.queue(registration, notices.WAITLISTED if full else notices.CONFIRMED)
            transaction.on_commit(lambda: _purge(seat_page))
    except IntegrityError:
        # Only reachable without the lock (a database that ignores it): the
        # constraint caught a second seat for the address.
        existing = Registration.objects.exclude(status=Status.CANCELLED).get(
            event=seat_page, email_key=email_key
        )
        return Outcome(existing, created=False)
    return Outcome(registration, created=True)


def _fill_free_seats(
    event: EventPage, passed_over: Registration | None = None
) -> list[Registration]:
    """Seat the first in line while seats are free (the caller holds the lock)."""
    waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED)
    if passed_over is not None:
        waiting = waiting.exclude(pk=passed_over.pk)
    if event.capacity is None:
        moved = list(waiting)
    else:
        free = event.capacity - seats_taken(event)
        moved = list(waiting[: max(free, 0)])
    for registration in moved:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "changed_at"])
        notices.queue(registration, notices.SEAT_OFFERED)
    return moved


def cancel(registration: Registration) -> list[Registration]:
    """Give the seat back and move the first in line up at once; returns who moved up.

    Cancelling twice changes nothing the second time.
    """
    with transaction.atomic():
        event = _lock(registration.event)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return []
        current.status = Status.CANCELLED
        current.save(update_fields=["status", "changed_at"])
        registration.status = current.status
        notices.queue(current, notices.CANCELLED)
        moved = _fill_free_seats(event)
        transaction.on_commit(lambda: _purge(event))
    return moved


def waiting_list(event: EventPage) -> Iterable[Registration]:
    """Who waits for a seat, first in line first."""
    return Registration.objects.filter(event=event.seat_page(), status=Status.WAITLISTED)


def _locked_registration(
    registration: Registration, expected: str
) -> tuple[EventPage, Registration]:
    """The event under its lock and the registration re-read, in the state a move starts from."""
    event = _lock(registration.event)
    current = Registration.objects.get(pk=registration.pk)
    if current.status != expected:
        raise WrongStatus(current.status)
    return event, current


def seat(registration: Registration) -> Registration:
    """Staff move someone from the waiting list to a seat, if a seat is free; they are told.

    Raises NoSeatFree when the event is full (staff then raise the number of
    seats on the event's page, or move someone to the waiting list first) and
    WrongStatus when the person is not waiting.
    """
    with transaction.atomic():
        event, current = _locked_registration(registration, Status.WAITLISTED)
        if event.capacity is not None and seats_taken(event) >= event.capacity:
            raise NoSeatFree
        current.status = Status.CONFIRMED
        current.save(update_fields=["status", "changed_at"])
        notices.queue(current, notices.SEAT_OFFERED)
        transaction.on_commit(lambda: _purge(event))
    registration.status = current.status
    return current


def to_waiting_list(registration: Registration) -> list[Registration]:
    """Staff move someone from a seat to the waiting list; returns who got the seat.

    The seat goes at once to the first in line other than this person (the
    list never waits while a seat is free), and the person is told their place.
    They keep their place by the time they registered, so they are usually
    first for the next seat. Raises WrongStatus when the person is not seated.
    """
    with transaction.atomic():
        event, current = _locked_registration(registration, Status.CONFIRMED)
        current.status = Status.WAITLISTED
        current.save(update_fields=["status", "changed_at"])
        moved = _fill_free_seats(event, passed_over=current)
        notices.queue(current, notices.WAITLISTED)
        transaction.on_commit(lambda: _purge(event))
    registration.status = current.status
    return moved
