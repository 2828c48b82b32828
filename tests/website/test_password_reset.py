"""The staff password-reset form: a few e-mails per address and per client, the same answer."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

RESET = "/admin/password_reset/"


@pytest.fixture
def editors(db) -> list[User]:
    return [
        User.objects.create_user(f"redaktors{n}", f"redaktors{n}@example.org", "x", is_staff=True)
        for n in range(12)
    ]


def ask(email: str, address: str = "198.51.100.7"):
    return Client(REMOTE_ADDR=address).post(RESET, {"email": email})


def test_six_requests_for_one_address_send_three_emails(editors):
    answers = [ask("redaktors0@example.org", address=f"198.51.100.{n}") for n in range(6)]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/admin/password_reset/done/")
    }
    assert len(mail.outbox) == 3


def test_one_client_asking_for_many_addresses_is_stopped(editors):
    answers = [ask(f"redaktors{n}@example.org") for n in range(12)]
    assert {a.status_code for a in answers} == {302}
    assert len(mail.outbox) == 10


def test_the_limit_is_case_blind(editors):
    for email in ("redaktors0@example.org", "REDAKTORS0@example.org", "Redaktors0@Example.org"):
        ask(email, address="203.0.113.1")
    ask("redaktors0@EXAMPLE.ORG", address="203.0.113.2")
    assert len(mail.outbox) == 3
