"""Attendance: a registrant present at a session, counted in sessions and hours."""

import datetime

import pytest
from django.utils import timezone

from blog.calendar import RIGA
from registrations import attendance
from registrations.models import Attendance
from tests.support.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(make_event):
    """Three monthly sessions of four academic hours, the first a month ago."""
    start = timezone.now() - datetime.timedelta(days=31)
    return make_event(
        start=start, recurrence="monthly", repeat_count=3, academic_hours=4, capacity=None
    )


def test_sessions_are_the_riga_dates_the_occurrences_start_on(training):
    days = attendance.sessions(training)
    assert len(days) == 3
    assert days[0] == training.start.astimezone(RIGA).date()
    assert days == sorted(days)


def test_marking_twice_keeps_one_row_and_taking_back_removes_it(training):
    registration = RegistrationFactory(event=training)
    first = attendance.sessions(training)[0]
    assert attendance.mark(registration, first) is True
    assert attendance.mark(registration, first) is False
    assert Attendance.objects.filter(registration=registration).count() == 1
    assert attendance.mark(registration, first, present=False) is True
    assert not Attendance.objects.exists()


def test_a_date_without_a_session_is_refused(training):
    registration = RegistrationFactory(event=training)
    with pytest.raises(attendance.UnknownSession):
        attendance.mark(registration, attendance.sessions(training)[0] + datetime.timedelta(days=1))
    assert not Attendance.objects.exists()


def test_hours_are_sessions_attended_times_hours_per_session(training):
    registration = RegistrationFactory(event=training)
    for day in attendance.sessions(training)[:2]:
        attendance.mark(registration, day)
    registration.refresh_from_db()
    assert len(attendance.attended_sessions(registration)) == 2
    assert attendance.academic_hours(training, 2) == 8


def test_mark_many_finds_addresses_in_any_spelling_and_names_the_unknown(training):
    anna = RegistrationFactory(event=training, email="anna@example.lv")
    RegistrationFactory(
        event=training,
        email="cancelled@example.lv",
        status="cancelled",
        email_key="cancelled@example.lv",
    )
    first = attendance.sessions(training)[0]
    marked, missing = attendance.mark_many(
        training, first, ["Anna@Example.LV", "cancelled@example.lv", "nobody@example.lv"]
    )
    assert marked == [anna]
    assert sorted(missing) == ["cancelled@example.lv", "nobody@example.lv"]
