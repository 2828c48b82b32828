"""The CSV import in the admin: Līga's 80 partners, three of them broken."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsletter import importing
from newsletter.models import ConsentRecord, ImportJob, MailingList, Subscriber
from newsletter.permissions import MANAGERS_GROUP
from tests.support.factories import (
    MailingListFactory,
    OrganisationFactory,
    SubscriberFactory,
    UserFactory,
)


def partners_csv(rows: int = 80) -> bytes:
    """Excel's "CSV UTF-8": `;`, a BOM; rows 11, 42 and 70 of the data are broken."""
    lines = ["email;name;organisation;language;lists"]
    for number in range(1, rows + 1):
        email = f"dienests{number:02d}@example.org"
        if number == 11:
            email = "dienests11(at)example.org"
        language = "de" if number == 42 else ("en" if number % 5 == 0 else "lv")
        if number == 70:
            email = ""
        lines.append(f"{email};Sociālā darbiniece {number};Novada dienests {number};{language};")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def upload(content: bytes, name: str = "partneri.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def liga(client, home):
    client.force_login(UserFactory(username="liga", groups=[MANAGERS_GROUP]))
    return client


def post(client, content: bytes, **fields):
    """Upload; a worker (eager in tests) imports it; the job's page shows the report."""
    return client.post(
        reverse("subscribers:import"), {"file": upload(content), **fields}, follow=True
    )


@pytest.mark.django_db
class TestImportReport:
    def test_77_imported_3_skipped_with_line_numbers_and_reasons_in_latvian(self, liga):
        response = post(liga, partners_csv())

        assert response.status_code == 200
        text = response.text
        assert "77 importēti, 3 rindas izlaistas" in text
        # Line numbers count the header as line 1.
        for line, reason in (
            (12, "„dienests11(at)example.org” nav e-pasta adrese"),
            (43, "valodai jābūt lv vai en, nevis „de”"),
            (71, "nav e-pasta adreses"),
        ):
            assert f"<td>{line}</td>" in text
            assert reason in text
        assert Subscriber.objects.filter(status="pending").count() == 77

    def test_pending_people_get_the_double_opt_in_mail(self, liga):
        post(liga, partners_csv(5))
        assert len(mail.outbox) == 5
        assert "/en/newsletter/confirm/" in next(
            message.body for message in mail.outbox if message.to == ["dienests05@example.org"]
        )

    def test_confirmed_with_consent_wording_sends_nothing(self, liga):
        response = post(liga, partners_csv(3), confirmed="on", consent="Piekrītu (2024).")
        assert response.status_code == 200
        assert mail.outbox == []
        assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}
        assert set(ConsentRecord.objects.values_list("wording", flat=True)) == {"Piekrītu (2024)."}

    def test_the_chosen_list_takes_rows_without_lists(self, liga):
        leaders = MailingListFactory(name="Vadītāji", slug="vaditaji")
        post(liga, partners_csv(2), mailing_list=leaders.pk)
        assert {s.lists.get() for s in Subscriber.objects.all()} == {leaders}

    def test_unchanged_and_suppressed_people_are_reported(self, liga):
        SubscriberFactory(
            email="dienests01@example.org",
            name="Jau ir",
            organisation=OrganisationFactory(name="Novada dienests 1"),
            lists=[MailingList.default()],
        )
        SubscriberFactory(email="dienests02@example.org", status="unsubscribed")
        response = post(liga, partners_csv(3))
        text = response.text
        assert "1 importēts, 1 rinda izlaista, 1 jau bija, bez izmaiņām." in text
        assert "netiek pierakstīts atkārtoti: atteicies" in text
        assert Subscriber.objects.get(email="dienests02@example.org").status == "unsubscribed"

    def test_a_mail_server_that_is_down_is_reported_not_a_500(self, liga, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
        response = post(liga, partners_csv(2))
        assert response.status_code == 200
        assert "2 apstiprinājuma e-pastus neizdevās nosūtīt" in response.text
        assert Subscriber.objects.count() == 2


@pytest.mark.django_db
class TestBadFiles:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("email;name\nanna@example.org;Anna Bērziņa\n".encode("cp1257"), "Windows-1257"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "nav CSV teksta fails"),
            (b"", "Iesniegtā datne ir tukša"),
            (b" \n\n", "Fails ir tukšs"),
            (b"name;phone\nAnna;123\n", "email,name,organisation,language,lists"),
        ],
        ids=["windows-1257", "binary", "empty", "blank", "no-email-column"],
    )
    def test_refused_with_a_clear_message_and_nothing_imported(self, liga, content, message):
        response = post(liga, content)
        assert response.status_code == 400
        assert message in response.text
        assert not Subscriber.objects.exists()

    def test_a_file_over_5_mb_is_refused(self, liga):
        big = b"email\n" + b"x" * (5 * 1024 * 1024)
        response = post(liga, big)
        assert response.status_code == 400
        assert "lielāks par 5 MB" in response.text

    def test_confirmed_without_consent_wording_is_refused(self, liga):
        response = post(liga, partners_csv(2), confirmed="on", consent=" ")
        assert response.status_code == 400
        assert not Subscriber.objects.exists()

    def test_the_form_is_in_latvian(self, liga):
        response = liga.get(reverse("subscribers:import"))
        assert response.status_code == 200
        assert "CSV fails" in response.text
        assert "Importēt abonentus" in response.text


@pytest.mark.django_db
class TestImportByAWorker:
    """The upload is kept and imported by a task; the page shows progress, then the report."""

    def test_the_upload_is_answered_with_the_job_s_page_and_the_file_is_not_kept(self, liga):
        response = liga.post(reverse("subscribers:import"), {"file": upload(partners_csv())})
        job = ImportJob.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("subscribers:import_job", args=[job.pk])
        assert job.state == "finished" and bytes(job.content) == b""  # eager in tests
        assert (job.rows_done, job.rows_total) == (80, 80)

    def test_the_page_shows_progress_until_the_worker_is_done(self, liga):
        job = importing.start_job(
            partners_csv(),
            user=None,
            language="lv",
            mailing_list=None,
            confirmed=False,
            consent="",
        )
        page = reverse("subscribers:import_job", args=[job.pk])
        progress = reverse("subscribers:import_progress", args=[job.pk])

        waiting = liga.get(page)
        assert waiting.status_code == 200
        assert "0 no 80 rindām" in waiting.text and "Gaida" in waiting.text
        assert liga.get(progress).json() == {
            "state": "queued",
            "state_label": "Gaida",
            "done": 0,
            "total": 80,
            "percent": 0,
            "finished": False,
        }

        importing.run_job(job.pk)
        importing.run_job(job.pk)  # a redelivered task: the job is no longer waiting

        assert liga.get(progress).json()["finished"] is True
        assert "77 importēti, 3 rindas izlaistas" in liga.get(page).text
        assert Subscriber.objects.count() == 77
        assert len(mail.outbox) == 77

    def test_values_too_long_for_their_columns_are_listed_and_the_rest_imported(self, liga):
        content = (
            "email;name;organisation\n"
            "ilze@example.org;Ilze;Tukuma novada Sociālais dienests\n"
            f"janis@example.org;{'Jānis ' * 60};\n"
            f"anna@example.org;Anna;{'Bauskas novada ' * 30}\n"
        ).encode()
        response = post(liga, content)
        assert response.status_code == 200
        assert "1 importēts, 2 rindas izlaistas" in response.text
        assert "vārds ir garāks par 255 rakstzīmēm" in response.text
        assert "organizācijas nosaukums ir garāks par 255 rakstzīmēm" in response.text
        assert list(Subscriber.objects.values_list("email", flat=True)) == ["ilze@example.org"]

    def test_someone_without_the_import_permission_sees_no_job(self, client, liga):
        job = importing.start_job(
            partners_csv(2),
            user=None,
            language="lv",
            mailing_list=None,
            confirmed=False,
            consent="",
        )
        client.force_login(UserFactory(username="editor"))
        for name in ("subscribers:import_job", "subscribers:import_progress"):
            response = client.get(reverse(name, args=[job.pk]))
            assert response.status_code in (302, 403)
