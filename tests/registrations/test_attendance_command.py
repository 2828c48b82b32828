"""manage.py registrations_attendance EVENT --session YYYY-MM-DD EMAIL… [--absent]."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from registrations import attendance
from registrations.models import Attendance
from tests.support.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(make_event):
    start = timezone.now() - datetime.timedelta(days=31)
    return make_event(start=start, recurrence="monthly", repeat_count=2, capacity=None)


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("registrations_attendance", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_marks_present_and_takes_it_back(training):
    anna = RegistrationFactory(event=training, email="anna@example.lv")
    day = attendance.sessions(training)[1].isoformat()
    out, _ = run(str(training.pk), "--session", day, "ANNA@example.lv")
    assert "1 marked present" in out
    assert Attendance.objects.get().registration == anna
    out, _ = run("regionalais-seminars", "--session", day, "--absent", "anna@example.lv")
    assert "1 marked absent" in out
    assert not Attendance.objects.exists()


def test_unknown_addresses_are_named(training):
    RegistrationFactory(event=training, email="anna@example.lv")
    day = attendance.sessions(training)[0].isoformat()
    out, err = run(str(training.pk), "--session", day, "anna@example.lv", "nav@example.lv")
    assert "1 marked present" in out
    assert "nav@example.lv" in err
    with pytest.raises(CommandError, match="Nobody was marked"):
        run(str(training.pk), "--session", day, "nav@example.lv")


def test_a_date_without_a_session_lists_the_sessions(training):
    RegistrationFactory(event=training, email="anna@example.lv")
    first = attendance.sessions(training)[0]
    wrong = (first + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match=first.isoformat()) as error:
        run(str(training.pk), "--session", wrong, "anna@example.lv")
    # manage.py exits with this status on a CommandError.
    assert error.value.returncode != 0
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("value", ["01.12.2026", "2026-13-01", "rīt"])
def test_a_date_not_in_iso_form_is_refused(training, value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run(str(training.pk), "--session", value, "anna@example.lv")
