"""The registrant's e-mails: their language, the manage link, the calendar file."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from registrations import tasks
from registrations.models import Registration
from registrations.tokens import manage_path
from tests.support.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_a_seat_is_confirmed_in_latvian_with_the_calendar_file(client, sign_up, event):
    sign_up(client, event)
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == "Jūsu vieta ir rezervēta: Reģionālais seminārs Kurzemē"
    assert "Labdien, Anna Bērziņa!" in message.body
    registration = Registration.objects.get()
    assert "http://" in message.body and manage_path(registration) in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    assert b"BEGIN:VEVENT" in (content if isinstance(content, bytes) else content.encode())


def test_the_waiting_list_notice_is_in_english_with_the_place_in_line(
    client, sign_up, event, english_event
):
    sign_up(client, event, email="a@example.org")
    sign_up(client, event, email="b@example.org")
    mail.outbox.clear()
    sign_up(client, english_event, email="c@example.org", name="Anna Smith")
    (message,) = mail.outbox
    assert message.subject == "You are on the waiting list: Regional seminar in Kurzeme"
    assert "you are number 1 on the waiting list" in message.body
    assert "/en/registrations/" in message.body
    assert not message.attachments


def test_a_failed_sign_up_mails_nobody(client, event):
    client.post(event.url, {"name": "Anna", "email": "nav-adrese"})
    assert not mail.outbox


def test_each_notice_has_an_inlined_html_part_with_absolute_links(client, sign_up, event):
    sign_up(client, event)
    (message,) = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<style" not in html  # inlined, as the bulletin's
    assert 'style="' in html
    assert 'href="/' not in html
    assert "Apskatīt vai atcelt pieteikumu" in html
    assert "Anna Bērziņa" in html


def test_a_cancellation_receipt_has_no_manage_link(client, sign_up, committed, event):
    sign_up(client, event)
    mail.outbox.clear()
    committed(client, manage_path(Registration.objects.get()))
    (message,) = mail.outbox
    assert message.subject.startswith("Jūsu pieteikums ir atcelts")
    assert "/registrations/" not in message.body
    assert not message.attachments


class TestReminder:
    def test_two_days_before_the_seated_are_reminded_once(self, client, sign_up, make_event):
        event = make_event(start=timezone.now() + datetime.timedelta(days=1, hours=20))
        sign_up(client, event, email="a@example.org")
        sign_up(client, event, email="b@example.org")
        sign_up(client, event, email="c@example.org")  # waiting: no reminder
        mail.outbox.clear()
        tasks.send_reminders()
        tasks.send_reminders()
        assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
        assert mail.outbox[0].subject.startswith("Atgādinājums: ")
        assert mail.outbox[0].attachments[0][2] == "text/calendar"

    def test_not_earlier_than_two_days_before(self, client, sign_up, event):
        sign_up(client, event)  # ten days ahead
        mail.outbox.clear()
        tasks.send_reminders()
        assert not mail.outbox

    def test_beat_runs_the_reminders(self, settings):
        tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        assert "registrations.tasks.send_reminders" in tasks


@pytest.fixture
def featured(home):
    """The home page features an ESF+ project: its acknowledgement travels in every e-mail."""
    project = ProjectPageFactory(parent=home, title="Cilvēks: izmaiņu veicinātājs!")
    home.featured_project = project
    home.save()
    return project


def test_every_notice_carries_the_funders_acknowledgement_and_emblem(
    client, sign_up, event, featured, english_event
):
    sign_up(client, event)
    sign_up(client, english_event, email="b@example.org", name="Anna Smith")
    latvian, english = mail.outbox
    assert "Līdzfinansē Eiropas Savienība" in latvian.body
    html, _ = latvian.alternatives[0]
    emblem = re.search(r'<img src="([^"]+)" alt="([^"]+)"', html)
    assert emblem.group(1).startswith("http://") and emblem.group(1).endswith(".svg")
    assert emblem.group(2) == "Eiropas Savienības emblēma"
    english_html, _ = english.alternatives[0]
    assert 'alt="Emblem of the European Union"' in english_html
    assert "Co-funded by the European Union" in english.body


def test_without_a_featured_project_the_footer_has_no_acknowledgement(client, sign_up, event):
    sign_up(client, event)
    html, _ = mail.outbox[0].alternatives[0]
    assert "<img" not in html
