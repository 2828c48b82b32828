"""Subscribers, organisations and lists in the admin, as a newsletter manager uses them."""

import csv
import io
import json

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from newsletter.models import ConsentRecord, MailingList, Subscriber
from newsletter.permissions import MANAGERS_GROUP
from tests.factories import (
    MailingListFactory,
    OrganisationFactory,
    SubscriberFactory,
    UserFactory,
)


@pytest.fixture
def liga(client, home):
    client.force_login(UserFactory(username="liga", groups=[MANAGERS_GROUP]))
    return client


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
        assert record.email.startswith("sha256:") and record.ip_address is None


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

    def test_a_confirmed_partner_added_by_hand_gets_no_e_mail(self, liga):
        liga.post(
            reverse("subscribers:add"),
            {"email": "partneris@example.org", "language": "lv", "status": "confirmed"},
        )
        person = Subscriber.objects.get(email="partneris@example.org")
        assert person.consents.get().source == "admin"
        assert not mail.outbox
