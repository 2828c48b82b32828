"""Registrations as personal data: retention and purge, a person's export and erase."""

import datetime
import json

import pytest
from celery import current_app
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from core import personal_data
from newsletter import privacy as newsletter_privacy
from newsletter.models import Subscriber
from registrations import attendance, privacy, seats
from registrations.models import Attendance, Registration
from tests.support.factories import RegistrationFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def past_event(make_event):
    """A seminar whose one session ended 40 days ago."""
    return make_event(slug="pagajusais", start=timezone.now() - 40 * DAY, capacity=None)


def anna_at(event, **fields):
    values = {"name": "Anna Bērziņa", "email": "Anna@Example.org", "email_key": "anna@example.org"}
    return RegistrationFactory(event=event, **{**values, **fields})


class TestPurge:
    def test_past_retention_the_person_goes_and_status_organisation_and_marks_stay(
        self, past_event, settings
    ):
        settings.REGISTRATIONS_RETENTION_DAYS = 30
        anna = anna_at(past_event, needs="Ratiņkrēsls")
        attendance.mark(anna, attendance.sessions(past_event)[0])
        assert privacy.purge() == (1, 0)
        anna.refresh_from_db()
        assert (anna.name, anna.email, anna.needs) == ("", "", "")
        assert anna.email_key.startswith("hmac-sha256:")
        assert anna.organisation == "Bauskas novada Sociālais dienests"
        assert anna.status == Registration.Status.CONFIRMED
        assert Attendance.objects.filter(registration=anna).count() == 1
        assert privacy.purge() == (0, 0)  # done once

    def test_within_retention_only_the_needs_go_once_the_event_is_a_month_over(
        self, past_event, make_event, settings
    ):
        settings.REGISTRATIONS_RETENTION_DAYS = 365
        anna = anna_at(past_event, needs="Ratiņkrēsls")
        recent = make_event(slug="nesens", start=timezone.now() - 3 * DAY)
        ilze = RegistrationFactory(event=recent, needs="Zīmju valodas tulks")
        assert privacy.purge() == (0, 1)
        anna.refresh_from_db()
        ilze.refresh_from_db()
        assert (anna.name, anna.email, anna.needs) == ("Anna Bērziņa", "Anna@Example.org", "")
        assert ilze.needs == "Zīmju valodas tulks"

    def test_the_last_session_of_a_series_counts_not_the_first(self, make_event, settings):
        settings.REGISTRATIONS_RETENTION_DAYS = 30
        series = make_event(start=timezone.now() - 100 * DAY, recurrence="monthly", repeat_count=4)
        anna = anna_at(series)  # last session about ten days ago
        assert privacy.purge() == (0, 0)
        anna.refresh_from_db()
        assert anna.email

    def test_the_default_keeps_five_years_and_beat_runs_the_purge_nightly(self, settings):
        assert settings.REGISTRATIONS_RETENTION_DAYS == 1826
        tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        assert "registrations.privacy.purge_registrations" in tasks
        assert "registrations.privacy.purge_registrations" in current_app.tasks


class TestExport:
    def test_every_registration_of_the_address_with_its_sessions(self, past_event, event):
        anna = anna_at(past_event, needs="Ratiņkrēsls")
        attendance.mark(anna, attendance.sessions(past_event)[0])
        anna_at(event, email="anna@example.org", language="en")
        RegistrationFactory(event=event, email="janis@example.org")
        records = personal_data.export("ANNA@example.org")["registrations"]
        assert [record["event"] for record in records] == [past_event.title, event.title]
        assert records[0]["needs"] == "Ratiņkrēsls"
        assert records[0]["sessions_attended"] == [attendance.sessions(past_event)[0].isoformat()]
        assert records[1]["language"] == "en"
        assert "janis" not in json.dumps(records)

    def test_a_subscribers_export_includes_their_registrations(self, event):
        subscriber = SubscriberFactory(email="anna@example.org")
        anna_at(event)
        data = newsletter_privacy.export_person(subscriber)
        assert [record["name"] for record in data["registrations"]] == ["Anna Bērziņa"]


class TestErase:
    def test_a_seat_to_come_goes_to_the_first_in_line_and_the_person_is_not_mailed(
        self, make_event, past_event, django_capture_on_commit_callbacks
    ):
        event = make_event(capacity=1)
        anna = anna_at(event)
        old = anna_at(past_event)
        attendance.mark(old, attendance.sessions(past_event)[0])
        waiting = RegistrationFactory(
            event=event, email="ilze@example.lv", status=Registration.Status.WAITLISTED
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert personal_data.erase("anna@example.org") == {"registrations": 2}
        anna.refresh_from_db()
        waiting.refresh_from_db()
        assert anna.status == Registration.Status.CANCELLED and anna.email == ""
        assert waiting.status == Registration.Status.CONFIRMED
        assert [message.to for message in mail.outbox] == [["ilze@example.lv"]]
        assert Attendance.objects.filter(registration=old).count() == 1
        assert not Registration.objects.filter(name="Anna Bērziņa").exists()

    def test_erasing_a_subscriber_erases_their_registrations_the_purge_does_not(self, event):
        anna_at(event, status=Registration.Status.CANCELLED)
        subscriber = SubscriberFactory(email="anna@example.org")
        newsletter_privacy.erase(subscriber)
        assert not Registration.objects.exclude(email="").exists()

    def test_the_purge_of_unconfirmed_subscribers_leaves_registrations(self, event):
        anna = anna_at(event)
        pending = SubscriberFactory(email="anna@example.org", status=Subscriber.Status.PENDING)
        newsletter_privacy.erase(pending, everywhere=False)
        anna.refresh_from_db()
        assert anna.email == "Anna@Example.org"

    def test_a_cancelled_registration_later_lets_the_address_sign_up_again(self, event):
        anna_at(event)
        personal_data.erase("anna@example.org")
        outcome = seats.register(
            event,
            seats.SignUp("Anna Bērziņa", "anna@example.org", "", "", "lv"),
        )
        assert outcome.created


class TestCommand:
    def test_exports_to_a_file_and_erases(self, event, tmp_path):
        anna_at(event)
        target = tmp_path / "anna.json"
        call_command("personal_data", "anna@example.org", str(target))
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["registrations"][0]["name"] == "Anna Bērziņa"
        call_command("personal_data", "anna@example.org", "--erase")
        assert not Registration.objects.exclude(email="").exists()

    def test_a_bad_address_or_no_file_is_a_clear_error(self):
        with pytest.raises(CommandError, match="Not an e-mail address"):
            call_command("personal_data", "nav-adrese", "--erase")
        with pytest.raises(CommandError, match="Give a FILE"):
            call_command("personal_data", "anna@example.org")


def test_the_privacy_page_says_why_and_how_long_in_both_languages(client, demo, settings):
    years = settings.REGISTRATIONS_RETENTION_DAYS // 365
    assert years == 5  # the page's "piecus gadus" / "five years"
    latvian = client.get("/lv/privatuma-politika/").content.decode()
    assert "Pieteikšanās pasākumiem" in latvian
    assert "piecus gadus pēc pasākuma pēdējās nodarbības" in latvian
    english = client.get("/en/privacy/").content.decode()
    assert "Event registrations" in english
    assert "five years after the event’s last session" in english
