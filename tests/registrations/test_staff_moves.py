"""Staff moving a registrant between the waiting list and a seat (registrations.seats)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from registrations import seats
from registrations.models import Registration
from tests.support.factories import RegistrationFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def person(event, n, status=Status.CONFIRMED):
    return RegistrationFactory(
        event=event,
        status=status,
        registered_at=timezone.now() + datetime.timedelta(minutes=n),
    )


def test_seating_someone_waiting_needs_a_free_seat(event, django_capture_on_commit_callbacks):
    first, second = person(event, 1), person(event, 2)
    waiting = person(event, 3, Status.WAITLISTED)
    with pytest.raises(seats.NoSeatFree):
        seats.seat(waiting)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    event.capacity = 3
    event.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        seats.seat(waiting)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert seats.seats_taken(event) == 3
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert {first.status, second.status} == {Status.CONFIRMED}


def test_moving_to_the_waiting_list_gives_the_seat_to_the_first_in_line(
    event, django_capture_on_commit_callbacks
):
    seated, other = person(event, 1), person(event, 2)
    first_in_line = person(event, 3, Status.WAITLISTED)
    second_in_line = person(event, 4, Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        moved = seats.to_waiting_list(seated)
    assert moved == [first_in_line]
    for registration in (seated, other, first_in_line, second_in_line):
        registration.refresh_from_db()
    assert seated.status == Status.WAITLISTED
    assert first_in_line.status == Status.CONFIRMED
    assert second_in_line.status == Status.WAITLISTED
    assert seats.seats_taken(event) == 2
    # Both are told: the one moved down their place, the one moved up their seat.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seated.email, first_in_line.email])
    # They registered earliest: first for the next seat.
    assert seated.place_in_line() == 1


def test_a_move_from_the_wrong_state_changes_nothing(event):
    cancelled = person(event, 1, Status.CANCELLED)
    with pytest.raises(seats.WrongStatus):
        seats.seat(cancelled)
    with pytest.raises(seats.WrongStatus):
        seats.to_waiting_list(cancelled)
    seated = person(event, 2)
    with pytest.raises(seats.WrongStatus):
        seats.seat(seated)
    assert Registration.objects.get(pk=cancelled.pk).status == Status.CANCELLED


def test_staff_may_add_someone_after_the_form_has_closed(make_event):
    closed = make_event(registration_closes=timezone.now() - datetime.timedelta(hours=1))
    sign_up = seats.SignUp("Pēteris Kalniņš", "peteris@example.lv", "", "", "lv")
    with pytest.raises(seats.RegistrationClosed):
        seats.register(closed, sign_up)
    outcome = seats.register(closed, sign_up, by_staff=True)
    assert outcome.created
    assert outcome.registration.status == Status.CONFIRMED
