"""Subscribers, organisations and lists in the admin, as a newsletter manager uses them."""

import csv
import io
import json

import openpyxl
import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry

from newsletter import privacy, status
from newsletter.models import ConsentRecord, MailingList, Subscriber
from newsletter.permissions import MANAGERS_GROUP
from tests.support.factories import (
    MailingListFactory,
    OrganisationFactory,
    SubscriberFactory,
    UserFactory,
)


class Staff:
    """A logged-in client whose POSTs run what they queue (the confirmation e-mail
    task) as the worker would, after the commit."""

    def __init__(self, client) -> None:
        self.client = client

    def post(self, *args, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return self.client.post(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.client, name)


@pytest.fixture
def liga(client, home):
    client.force_login(UserFactory(username="liga", groups=[MANAGERS_GROUP]))
    return Staff(client)


@pytest.fixture
def people(db):
    bauska = OrganisationFactory(name="Bauskas novada Sociālais dienests", municipality="Bauska")
    tukums = OrganisationFactory(name="Tukuma novada Sociālais dienests", municipality="Tukums")
    leaders = MailingListFactory(name="Vadītāji", slug="vaditaji")
    return {
        "anna": SubscriberFactory(
            email="anna@example.org",
            name="Anna Bērziņa",
            language="en",
            organisation=bauska,
            lists=[MailingList.default(), leaders],
        ),
        "janis": SubscriberFactory(
            email="janis@example.org",
            name="Jānis Ozols",
            status="pending",
            organisation=tukums,
            lists=[MailingList.default()],
        ),
        "ilze": SubscriberFactory(
            email="ilze@example.org", name="Ilze", status="unsubscribed", lists=[leaders]
        ),
    }


def listed(response) -> set[str]:
    return {
        email
        for email in ("anna@example.org", "janis@example.org", "ilze@example.org")
        if email in response.text
    }


@pytest.mark.django_db
class TestSubscriberList:
    def test_columns_and_buttons_are_in_latvian(self, liga, people):
        response = liga.get(reverse("subscribers:index"))
        assert response.status_code == 200
        for heading in ("E-pasts", "Vārds, uzvārds", "Organizācija", "Valoda", "Statuss"):
            assert heading in response.text
        assert "Pieteicies" in response.text and "Apstiprināts" in response.text
        assert "Importēt CSV" in response.text
        assert "Gaida apstiprinājumu" in response.text  # Jānis's status, not "pending"

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("status=pending", {"janis@example.org"}),
            ("language=en", {"anna@example.org"}),
            ("lists=LEADERS", {"anna@example.org", "ilze@example.org"}),
            ("organisation=TUKUMS", {"janis@example.org"}),
        ],
    )
    def test_filters(self, liga, people, query, expected):
        query = query.replace("LEADERS", str(MailingList.objects.get(slug="vaditaji").pk))
        query = query.replace("TUKUMS", str(people["janis"].organisation_id))
        response = liga.get(reverse("subscribers:index") + "?" + query)
        assert listed(response) == expected

    @pytest.mark.parametrize(
        ("term", "expected"),
        [
            ("janis@", {"janis@example.org"}),
            ("Bērziņa", {"anna@example.org"}),
            ("Tukuma", {"janis@example.org"}),
        ],
    )
    def test_search_by_address_name_and_organisation(self, liga, people, term, expected):
        response = liga.get(reverse("subscribers:index"), {"q": term})
        assert listed(response) == expected

    def test_csv_export_has_the_import_columns_and_can_be_imported_again(self, liga, people):
        response = liga.get(reverse("subscribers:index") + "?export=csv&status=confirmed")
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert [row["email"] for row in rows] == ["anna@example.org"]
        assert rows[0]["lists"] == "socialo-pakalpojumu-sniedzeji|vaditaji"
        assert rows[0]["organisation"] == "Bauskas novada Sociālais dienests"
        assert rows[0]["status"] == "confirmed"

    def test_xlsx_export(self, liga, people):
        response = liga.get(reverse("subscribers:index") + "?export=xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        sheet = workbook.active
        assert [cell.value for cell in sheet[1]][:5] == [
            "email",
            "name",
            "organisation",
            "language",
            "lists",
        ]
        assert sheet.max_row == 4


@pytest.mark.django_db
class TestGdprInTheAdmin:
    def test_export_data_downloads_everything_about_the_person(self, liga, people):
        anna = people["anna"]
        response = liga.get(reverse("subscribers:export_person", args=[anna.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert "attachment" in response["Content-Disposition"]
        data = json.loads(response.content)
        assert data["subscriber"]["email"] == "anna@example.org"
        assert data["organisation"]["municipality"] == "Bauska"

    def test_erase_asks_first_in_latvian_then_erases_on_post(self, liga, people):
        anna = people["anna"]
        ConsentRecord.objects.create(
            subscriber=anna,
            email=anna.email,
            source="form",
            legal_basis="consent",
            wording="Piekrītu.",
            wording_version="form-1",
            ip_address="192.0.2.1",
        )
        url = reverse("subscribers:delete", args=[anna.pk])
        page = liga.get(url)
        assert page.status_code == 200
        assert "Jā, dzēst" in page.text and "anna@example.org" in page.text
        assert Subscriber.objects.filter(pk=anna.pk).exists()  # a GET changes nothing

        response = liga.post(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse("subscribers:index")
        assert "Personas anna@example.org dati ir dzēsti." in response.text
        assert not Subscriber.objects.filter(pk=anna.pk).exists()
        record = ConsentRecord.objects.get()
        assert record.email.startswith("hmac-sha256:") and record.ip_address is None


@pytest.mark.django_db
class TestOrganisationsAndLists:
    def test_organisations_show_municipality_and_subscriber_count(self, liga, people):
        response = liga.get(reverse("organisations:index"))
        assert response.status_code == 200
        assert "Pašvaldība" in response.text and "Abonenti" in response.text
        assert "Bauska" in response.text

    def test_organisations_are_searchable(self, liga, people):
        response = liga.get(reverse("organisations:index"), {"q": "Tukum"})
        assert "Tukuma novada" in response.text and "Bauskas novada" not in response.text

    def test_a_second_default_list_is_a_form_error_not_a_500(self, liga):
        response = liga.post(
            reverse("mailing_lists:add"), {"name": "Cits", "slug": "cits", "is_default": "on"}
        )
        assert response.status_code == 200
        assert MailingList.objects.filter(is_default=True).count() == 1

    def test_the_default_list_cannot_be_deleted(self, liga):
        default = MailingList.default()
        liga.post(reverse("mailing_lists:delete", args=[default.pk]))
        assert MailingList.objects.filter(pk=default.pk).exists()


@pytest.mark.django_db
class TestAddingByHand:
    def test_a_person_added_in_the_admin_gets_a_consent_record_and_a_confirmation(self, liga):
        response = liga.post(
            reverse("subscribers:add"),
            {
                "email": "Jauna@Example.org",
                "name": "Jauna Kontaktpersona",
                "language": "en",
                "status": "pending",
                "lists": [MailingList.default().pk],
            },
        )
        assert response.status_code == 302
        person = Subscriber.objects.get(email="jauna@example.org")
        consent = ConsentRecord.objects.get(subscriber=person)
        assert (consent.source, consent.legal_basis) == ("admin", "legitimate_interest")
        assert consent.ip_address is None and "jauna" not in consent.wording.lower()
        assert [m.to for m in mail.outbox] == [["jauna@example.org"]]
        assert "/en/newsletter/confirm/" in mail.outbox[0].body

    def test_a_person_added_by_hand_is_pending_whatever_the_post_says(self, liga):
        # Issue 11 item 8: status is no form field; the person confirms it.
        liga.post(
            reverse("subscribers:add"),
            {"email": "partneris@example.org", "language": "lv", "status": "confirmed"},
        )
        person = Subscriber.objects.get(email="partneris@example.org")
        assert person.consents.get().source == "admin" and person.status == "pending"
        assert [m.to for m in mail.outbox] == [["partneris@example.org"]]

    def test_an_address_that_opted_out_cannot_be_added_by_hand(self, liga):
        ilze = SubscriberFactory(email="ilze@example.org")
        status.unsubscribe(ilze, source=status.Source.LINK)
        privacy.erase(ilze)
        response = liga.post(
            reverse("subscribers:add"), {"email": "ILZE@example.org", "language": "lv"}
        )
        assert response.status_code == 200 and "atteicies" in response.text
        assert not Subscriber.objects.exists() and not mail.outbox


def edit_form_data(response) -> dict:
    """What the edit form would post back, as the browser has it."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


@pytest.mark.django_db
class TestStatusChangesOnlyThroughNamedActions:
    """Issue 11 item 8: staff edits never override an opt-out."""

    def test_status_is_not_a_field_of_the_edit_form(self, liga, people):
        response = liga.get(reverse("subscribers:edit", args=[people["ilze"].pk]))
        assert response.status_code == 200
        assert "status" not in response.context["form"].fields
        data = edit_form_data(response) | {"status": "confirmed"}
        liga.post(reverse("subscribers:edit", args=[people["ilze"].pk]), data)
        people["ilze"].refresh_from_db()
        assert people["ilze"].status == "unsubscribed"

    def test_a_stale_form_cannot_overwrite_a_newer_opt_out(self, liga, people):
        anna = people["anna"]
        opened = liga.get(reverse("subscribers:edit", args=[anna.pk]))
        # While the form is open, Anna clicks "unsubscribe" in an e-mail.
        status.unsubscribe(anna, source=status.Source.LINK)
        data = edit_form_data(opened) | {"name": "Anna Bērziņa-Ozola"}
        response = liga.post(reverse("subscribers:edit", args=[anna.pk]), data)
        assert response.status_code == 302
        anna.refresh_from_db()
        assert anna.status == "unsubscribed" and anna.name == "Anna Bērziņa-Ozola"
        assert anna.unsubscribed_at is not None

    def test_a_changed_address_needs_a_new_confirmation(self, liga, people):
        anna = people["anna"]
        data = edit_form_data(liga.get(reverse("subscribers:edit", args=[anna.pk])))
        data["email"] = "Anna.Jauna@Example.org"
        assert liga.post(reverse("subscribers:edit", args=[anna.pk]), data).status_code == 302
        anna.refresh_from_db()
        assert (anna.email, anna.status, anna.confirmed_at) == (
            "anna.jauna@example.org",
            "pending",
            None,
        )
        consent = anna.consents.get()
        assert (consent.source, consent.email) == ("admin", "anna.jauna@example.org")
        assert [m.to for m in mail.outbox] == [["anna.jauna@example.org"]]

    def test_a_twin_address_is_a_form_error_not_a_500(self, liga, people):
        janis = people["janis"]
        data = edit_form_data(liga.get(reverse("subscribers:edit", args=[janis.pk])))
        data["email"] = "anna@ｅｘａｍｐｌｅ.org"
        response = liga.post(reverse("subscribers:edit", args=[janis.pk]), data)
        assert response.status_code == 200
        assert "jau ir" in response.text  # "Abonents ar šo e-pastu jau ir."
        janis.refresh_from_db()
        assert janis.email == "janis@example.org"

    def test_unsubscribe_on_request_records_who_and_why(self, liga, people):
        anna = people["anna"]
        url = reverse("subscribers:unsubscribe", args=[anna.pk])
        page = liga.get(url)
        assert page.status_code == 200 and "Iemesls" in page.text
        anna.refresh_from_db()
        assert anna.status == "confirmed"  # a GET changes nothing
        assert liga.post(url, {"reason": ""}).status_code == 400
        response = liga.post(url, {"reason": "Zvanīja 3. decembrī, lūdza izslēgt."})
        assert response.status_code == 302
        anna.refresh_from_db()
        assert anna.status == "unsubscribed"
        entry = ModelLogEntry.objects.get(action="newsletter.status", object_id=str(anna.pk))
        assert entry.user.username == "liga"
        assert entry.data["reason"] == "Zvanīja 3. decembrī, lūdza izslēgt."
        assert (entry.data["from"], entry.data["to"]) == ("confirmed", "unsubscribed")
        assert status.is_suppressed("anna@example.org")

    def test_resend_confirmation_asks_the_person_and_is_recorded(self, liga, people):
        janis = people["janis"]
        url = reverse("subscribers:resend_confirmation", args=[janis.pk])
        response = liga.post(url, {"reason": "Neatrada vēstuli."})
        assert response.status_code == 302
        assert [m.to for m in mail.outbox] == [["janis@example.org"]]
        janis.refresh_from_db()
        assert janis.status == "pending"
        entry = ModelLogEntry.objects.get(
            action="newsletter.confirmation_sent", object_id=str(janis.pk)
        )
        assert entry.user.username == "liga" and entry.data["reason"] == "Neatrada vēstuli."

    def test_no_confirmation_is_resent_to_a_complaint(self, liga, people):
        anna = people["anna"]
        status.suppress(anna.pk, "complained")
        url = reverse("subscribers:resend_confirmation", args=[anna.pk])
        response = liga.post(url, {"reason": "Lūdza."})
        assert response.status_code == 400
        assert not mail.outbox

    def test_the_edit_page_offers_the_named_actions_in_latvian(self, liga, people):
        response = liga.get(reverse("subscribers:edit", args=[people["anna"].pk]))
        assert reverse("subscribers:unsubscribe", args=[people["anna"].pk]) in response.text
        assert "Atrakstīt pēc personas lūguma" in response.text


@pytest.mark.django_db
def test_an_address_is_found_however_it_is_typed(liga, people):
    """Issue 11 item 5: a GDPR request quoting a full-width address finds the person."""
    response = liga.get(reverse("subscribers:index"), {"q": "ANNA@ｅｘａｍｐｌｅ.org"})
    assert [person.email for person in response.context["object_list"]] == ["anna@example.org"]
