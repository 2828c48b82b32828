"""Certificates: who qualifies, issuing once, the PDF, its e-mail, the command, the check page."""

import datetime
import io
from unittest import mock

import pytest
import segno
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import formats, timezone, translation
from pypdf import PdfReader
from wagtail.models import Locale

from registrations import attendance, certificates
from registrations.models import Attendance, Certificate, Registration
from tests.support.factories import ProjectPageFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

LATVIAN_LETTERS = "āēīūļķņģščž ĀĒĪŪĻĶŅĢŠČŽ"


@pytest.fixture
def project(home):
    """The seed 000 project, featured on the home page: its acknowledgement goes on certificates."""
    project = ProjectPageFactory(
        parent=home,
        title="Cilvēks: izmaiņu veicinātājs!",
        slug="cilveks",
        number="2012.EEZ/PP/1/MEC/132",
        funder="eea_ngo_2009_2014",
    )
    home.featured_project = project
    home.save_revision().publish()
    return project


@pytest.fixture
def training(make_event, project):
    """Three monthly sessions of four academic hours, all past."""
    return make_event(
        title="Supervīzija sociālajiem darbiniekiem",
        slug="supervizija",
        start=timezone.now() - datetime.timedelta(days=75),
        recurrence="monthly",
        repeat_count=3,
        academic_hours=4,
        capacity=None,
        organiser="Biedrība „Cilvēks”",
    )


@pytest.fixture
def present(training):
    """A registrant marked present at the first ``count`` sessions."""

    def make(count: int, **fields) -> Registration:
        registration = RegistrationFactory(event=training, **fields)
        for day in attendance.sessions(training)[:count]:
            attendance.mark(registration, day)
        return registration

    return make


@pytest.fixture
def ilze(present):
    return present(3, name="Ilze Bērziņa", email="ilze@example.lv")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# Who qualifies


def test_by_default_only_those_present_at_every_session_qualify(training, present):
    everywhere = present(3)
    present(2)
    present(0)
    assert certificates.sessions_required(training) == 3
    assert list(certificates.qualifying(training)) == [everywhere]


def test_the_event_can_ask_for_fewer_sessions(training, present):
    training.certificate_sessions_required = 2
    training.save()
    twice, thrice = present(2), present(3)
    present(1)
    assert list(certificates.qualifying(training)) == [twice, thrice]
    assert certificates.qualifies(twice)


def test_asking_for_more_sessions_than_there_are_asks_for_all(training, present):
    training.certificate_sessions_required = 9
    training.save()
    everywhere = present(3)
    assert certificates.sessions_required(training) == 3
    assert list(certificates.qualifying(training)) == [everywhere]


def test_a_cancelled_registration_never_qualifies(training, present):
    present(3, status=Registration.Status.CANCELLED)
    assert not certificates.qualifying(training).exists()


def test_presence_on_a_date_the_event_does_not_have_does_not_count(training, present):
    registration = present(2)
    stray = attendance.sessions(training)[-1] + datetime.timedelta(days=1)
    Attendance.objects.create(registration=registration, session=stray)
    assert not certificates.qualifies(registration)


def test_the_english_page_shares_the_latvian_pages_rule(training, ilze):
    english = training.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.save_revision().publish()
    assert list(certificates.qualifying(english.specific)) == [ilze]


def test_the_field_is_the_latvian_pages_and_cannot_be_overridden():
    from blog.models import EventPage

    fields = {field.field_name: field for field in EventPage.override_translatable_fields}
    assert fields["certificate_sessions_required"].overridable is False


# Issuing


def test_issuing_twice_gives_the_same_certificate(ilze):
    first, created = certificates.issue(ilze)
    again, created_again = certificates.issue(ilze)
    assert created and not created_again
    assert again.pk == first.pk and Certificate.objects.count() == 1


def test_a_certificate_fixes_the_sessions_and_hours_it_certifies(training, ilze):
    certificate, _ = certificates.issue(ilze)
    days = attendance.sessions(training)
    assert certificate.sessions == [day.isoformat() for day in days]
    assert certificate.academic_hours == 12
    attendance.mark(ilze, days[0], present=False)
    certificate.refresh_from_db()
    assert certificate.academic_hours == 12 and len(certificate.sessions) == 3


def test_numbers_count_up_within_the_year_and_carry_a_random_check_code(training, present):
    issued = certificates.issue_all(training)
    assert issued.new == []
    now = timezone.now()  # one moment for both: not a year apart at New Year's midnight
    first, _ = certificates.issue(present(3), now=now)
    second, _ = certificates.issue(present(3), now=now)
    year = timezone.localtime(now).year
    assert first.number.startswith(f"CIV-{year}-0001-")
    assert second.number.startswith(f"CIV-{year}-0002-")
    for certificate in (first, second):
        assert certificates.NUMBER_PATTERN.match(certificate.number)
        code = certificate.number.rsplit("-", 1)[1]
        assert set(code) <= set(certificates.CHECK_ALPHABET)


def test_the_check_code_makes_a_counted_number_unknown(ilze):
    certificate, _ = certificates.issue(ilze)
    guessed = certificate.number.rsplit("-", 1)[0] + "-000000"
    assert guessed != certificate.number
    assert certificates.find(guessed) is None
    assert certificates.find(certificate.number.lower()) == certificate


@pytest.mark.parametrize(
    "number",
    ["", "CIV", "CIV-2026-0001", "../../etc/passwd", "<script>", "CIV-2026-0001-ABCDEF" * 30],
)
def test_a_malformed_number_finds_nothing(number):
    assert certificates.find(number) is None


# The PDF


def test_the_pdf_has_the_name_and_every_latvian_letter_as_selectable_text(training, present):
    training.organiser = f"Burtu pārbaude: {LATVIAN_LETTERS}"
    training.save()
    registration = present(3, name="Ilze Bērziņa")
    certificate, _ = certificates.issue(registration)
    text = pdf_text(certificates.render_pdf(certificate))
    assert "Ilze Bērziņa" in text
    assert LATVIAN_LETTERS in text


def test_the_latvian_pdf_says_what_was_attended_and_who_funds_it(training, ilze):
    certificate, _ = certificates.issue(ilze)
    text = " ".join(pdf_text(certificates.render_pdf(certificate)).split())
    assert "Dalības sertifikāts" in text
    assert "Supervīzija sociālajiem darbiniekiem" in text
    with translation.override("lv"):
        for day in attendance.sessions(training):
            assert formats.date_format(day, "DATE_FORMAT") in text
    assert "Akadēmiskās stundas 12" in text
    assert "Biedrība „Cilvēks”" in text
    assert "finansiāli atbalsta Islande, Lihtenšteina un Norvēģija" in text
    assert certificate.number in text
    assert f"/lv/sertifikats/{certificate.number}/" in text


def test_an_english_registrant_gets_an_english_pdf(training, present):
    registration = present(3, name="Anna Smith", language="en")
    certificate, _ = certificates.issue(registration)
    text = " ".join(pdf_text(certificates.render_pdf(certificate)).split())
    assert "Certificate of attendance" in text and "Academic hours 12" in text
    assert "financially supported by Iceland, Liechtenstein and Norway" in text
    assert f"/en/certificate/{certificate.number}/" in text


def test_the_pdf_carries_the_funders_emblem(ilze):
    certificate, _ = certificates.issue(ilze)
    text = pdf_text(certificates.render_pdf(certificate))
    # The EEA Grants logo is drawn from its SVG, whose lettering stays text;
    # nothing else on the certificate names the funder's site.
    assert "eeagrants.org" in text


def test_the_qr_code_in_the_pdf_encodes_the_verification_address(ilze):
    certificate, _ = certificates.issue(ilze)
    reader = PdfReader(io.BytesIO(certificates.render_pdf(certificate)))
    (picture,) = reader.pages[0].images
    image = picture.image.convert("L")
    expected = segno.make(certificates.verification_url(certificate, "lv"), error="m")
    matrix = list(expected.matrix)
    scale, border = certificates.QR_SCALE, certificates.QR_BORDER
    side = (len(matrix) + 2 * border) * scale
    assert image.size == (side, side)
    for row, modules in enumerate(matrix):
        for column, dark in enumerate(modules):
            x, y = ((index + border) * scale + scale // 2 for index in (column, row))
            assert (image.getpixel((x, y)) < 128) == bool(dark), (row, column)


# The e-mail


def test_the_mail_goes_in_latvian_with_the_pdf_attached_once(ilze):
    certificate, _ = certificates.issue(ilze)
    assert certificates.mail(certificate.pk) is True
    assert certificates.mail(certificate.pk) is False
    (message,) = mail.outbox
    assert message.to == ["ilze@example.lv"]
    assert message.subject == "Jūsu sertifikāts: Supervīzija sociālajiem darbiniekiem"
    assert certificate.number in message.body
    assert f"/lv/sertifikats/{certificate.number}/" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == (f"{certificate.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF") and "Ilze Bērziņa" in pdf_text(content)
    certificate.refresh_from_db()
    assert certificate.mailed_at is not None


def test_an_english_registrant_gets_the_mail_in_english(present):
    registration = present(3, name="Anna Smith", language="en")
    certificate, _ = certificates.issue(registration)
    certificates.mail(certificate.pk)
    (message,) = mail.outbox
    assert message.subject.startswith("Your certificate: ")
    assert f"/en/certificate/{certificate.number}/" in message.body


def test_a_failed_send_gives_the_claim_back(ilze):
    certificate, _ = certificates.issue(ilze)
    with (
        mock.patch.object(certificates, "build_mail", side_effect=ConnectionError),
        pytest.raises(ConnectionError),
    ):
        certificates.mail(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.mailed_at is None
    assert certificates.mail(certificate.pk) is True


# The command


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("registrations_certificates", *args, stdout=out)
    return out.getvalue()


def test_the_command_issues_and_mails_each_certificate_once(
    training, present, django_capture_on_commit_callbacks
):
    ilze = present(3, name="Ilze Bērziņa", email="ilze@example.lv")
    present(2)
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command("supervizija")
    assert "1 certificate(s) issued now, 0 earlier; 1 e-mail(s) queued, 0 sent before" in output
    assert [message.to for message in mail.outbox] == [["ilze@example.lv"]]
    assert Certificate.objects.get().registration == ilze

    late = present(3, email="late@example.lv")
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command(str(training.pk))
    assert "1 certificate(s) issued now, 1 earlier; 1 e-mail(s) queued, 1 sent before" in output
    assert [message.to for message in mail.outbox] == [["ilze@example.lv"], [late.email]]

    with django_capture_on_commit_callbacks(execute=True):
        output = run_command("supervizija")
    assert "0 certificate(s) issued now, 2 earlier; 0 e-mail(s) queued, 2 sent before" in output
    assert len(mail.outbox) == 2


def test_the_command_takes_the_english_pages_id_for_the_latvian_event(training, ilze):
    english = training.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    output = run_command(str(english.pk), "--dry-run")
    assert "Ilze Bērziņa <ilze@example.lv>" in output
    assert "1 qualify" in output
    assert not Certificate.objects.exists() and not mail.outbox


@pytest.mark.parametrize("value", ["999999", "no-such-event", ""])
def test_the_command_refuses_an_unknown_event(value, training):
    with pytest.raises(CommandError, match="There is no|Give the event"):
        run_command(value)


# The verification page and the staff download


def test_the_verification_page_confirms_the_certificate_in_latvian(client, training, ilze):
    certificate, _ = certificates.issue(ilze)
    response = client.get(f"/lv/sertifikats/{certificate.number}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Sertifikāts Nr. {certificate.number} ir derīgs." in page
    assert "Ilze Bērziņa" in page and "Supervīzija sociālajiem darbiniekiem" in page
    with translation.override("lv"):
        assert formats.date_format(attendance.sessions(training)[0], "DATE_FORMAT") in page
    assert "<dd>12</dd>" in page
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_verification_page_speaks_english_at_its_english_address(client, ilze):
    certificate, _ = certificates.issue(ilze)
    response = client.get(f"/en/certificate/{certificate.number.lower()}/")
    assert response.status_code == 200
    assert f"Certificate No. {certificate.number} is valid." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/lv/sertifikats/CIV-2026-0001-ZZZZZZ/",
        "/en/certificate/CIV-2026-0001-ZZZZZZ/",
        "/lv/sertifikats/%3Cscript%3E/",
        "/en/certificate/" + "X" * 5000 + "/",
        "/lv/sertifikats/CIV-2026-0001/",
        "/lv/sertifikats/CIV-2026-0001-ZZZZZ%00/",
        "/en/certificate/%C4%80%C4%92%C4%AA/",
    ],
)
def test_an_unknown_or_malformed_number_is_a_404_that_says_so(client, ilze, path):
    certificates.issue(ilze)
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Sertifikāts nav atrasts" in page or "Certificate not found" in page
    assert "<script>" not in page


def test_the_verification_page_takes_no_post(client, ilze):
    certificate, _ = certificates.issue(ilze)
    assert client.post(f"/lv/sertifikats/{certificate.number}/").status_code == 405


def test_only_staff_download_the_pdf(client, ilze):
    certificate, _ = certificates.issue(ilze)
    path = f"/lv/sertifikats/{certificate.number}/pdf/"
    assert client.get(path).status_code == 404
    users = get_user_model().objects
    client.force_login(users.create_user("redaktors", "r@example.lv", "parole-123"))
    assert client.get(path).status_code == 404
    client.force_login(users.create_superuser("ilze", "ilze@example.lv", "parole-123"))
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Ilze Bērziņa" in pdf_text(response.content)
    assert client.get("/lv/sertifikats/CIV-2026-0001-ZZZZZZ/pdf/").status_code == 404
