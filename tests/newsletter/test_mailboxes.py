"""Only internet mailboxes: the form, the import and the admin refuse the rest alike."""

import pytest
from django.urls import reverse

from newsletter import importing
from newsletter.models import Subscriber
from newsletter.permissions import MANAGERS_GROUP
from tests.support.factories import UserFactory

NOT_MAILBOXES = [
    "a@[127.0.0.1]",
    "x@[10.0.0.5]",
    "root@localhost",
    "printer@office.local",
    "a@example.test",
    "a@example.invalid",
    "a@abcdefghijklmnop.onion",
]
LATVIAN_MESSAGE = "interneta e-pasta adresi"
# Refused by Django's own check already, with its message that this is no address.
NO_ADDRESSES = ["admin@intranet", "x@10.0.0.55"]


@pytest.mark.django_db
@pytest.mark.parametrize("address", NOT_MAILBOXES)
def test_the_subscribe_form_refuses_with_a_clear_latvian_message(client, home, address):
    response = client.post("/lv/newsletter/subscribe/", {"email": address}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 400
    assert LATVIAN_MESSAGE in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("address", NO_ADDRESSES)
def test_dotless_and_numeric_domains_are_no_address_at_all(client, home, address):
    response = client.post("/lv/newsletter/subscribe/", {"email": address}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 400
    assert "Tā neizskatās pēc e-pasta adreses" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_the_import_lists_them_as_invalid_rows_and_imports_the_rest(home):
    rows = "\n".join(["email", "partneris@example.org", *NOT_MAILBOXES, *NO_ADDRESSES]) + "\n"
    report = importing.import_subscribers(rows.encode())
    assert report.imported == ["partneris@example.org"]
    assert [line for line, _email, _reason in report.skipped] == list(
        range(3, 3 + len(NOT_MAILBOXES) + len(NO_ADDRESSES))
    )
    reasons = [reason for _line, _email, reason in report.skipped]
    assert all(LATVIAN_MESSAGE in reason for reason in reasons[: len(NOT_MAILBOXES)])
    assert all("nav e-pasta adrese" in reason for reason in reasons[len(NOT_MAILBOXES) :])
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["partneris@example.org"]


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["root@localhost", "a@[127.0.0.1]"])
def test_the_admin_refuses_them_too(client, home, address):
    client.force_login(UserFactory(groups=[MANAGERS_GROUP]))
    response = client.post(
        reverse("subscribers:add"), {"email": address, "language": "lv", "status": "pending"}
    )
    assert response.status_code == 200  # the form again, with the message
    assert LATVIAN_MESSAGE in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["anna@example.org", "info@ābols.lv", "x@sub.pasts.lv"])
def test_internet_mailboxes_are_welcome(client, home, address):
    response = client.post("/lv/newsletter/subscribe/", {"email": address}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 200
