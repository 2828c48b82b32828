"""The registrant's e-mails: their language, the manage link, the calendar file."""

import pytest
from django.core import mail

from registrations.models import Registration
from registrations.tokens import manage_path

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
