import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

from newsletter.importing import ImportRefused, export_subscribers, import_subscribers
from newsletter.models import ConsentRecord, MailingList, Organisation, Subscriber

PARTNERS = (
    "email;name;organisation;language;lists\n"
    "Anna.Berzina@Example.org ;Anna Bērziņa;Bauskas novada Sociālais dienests;en;\n"
    "janis@example.org;Jānis Ozols;Tukuma novada Sociālais dienests;lv;\n"
    "not-an-address;Kāds;;lv;\n"
    "ilze@example.org;Ilze;;de;\n"
    "anna.berzina@example.org;Anna again;;lv;\n"
    "liga@example.org;Līga;;lv;nav-tada-saraksta\n"
)


@pytest.fixture(autouse=True)
def english():
    """The importer's messages are translated; here they are read in English, as written."""
    with translation.override("en"):
        yield


@pytest.fixture
def extra_list(db):
    return MailingList.objects.create(name="Vadītāji", slug="vaditaji")


@pytest.mark.django_db
class TestImport:
    def test_semicolons_and_a_bom_with_bad_rows_reported_by_line(self):
        report = import_subscribers(
            "\ufeff".encode() + PARTNERS.encode(), confirmed=True, consent="Piekrītu."
        )
        assert report.imported == ["anna.berzina@example.org", "janis@example.org"]
        assert [(line, reason) for line, _, reason in report.skipped] == [
            (4, "“not-an-address” is not an e-mail address"),
            (5, "language must be lv or en, not “de”"),
            (6, "the same address as line 2"),
            (7, "no such list: nav-tada-saraksta"),
        ]
        anna = Subscriber.objects.get(email="anna.berzina@example.org")
        assert anna.language == "en" and anna.status == "confirmed"
        assert anna.organisation.name == "Bauskas novada Sociālais dienests"
        assert list(anna.lists.all()) == [MailingList.default()]
        assert Organisation.objects.count() == 2

    def test_values_longer_than_their_columns_are_reported_and_the_rest_imported(self):
        long_name, long_organisation = "Ā" * 256, "Novada dienests " + "ļ" * 240
        long_address = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example.org"
        content = (
            "email,name,organisation,language,lists\n"
            "ok@example.org,Ilze,Tukuma novada Sociālais dienests,lv,\n"
            f"long-name@example.org,{long_name},,lv,\n"
            f"long-org@example.org,Jānis,{long_organisation},lv,\n"
            f"{long_address},Anna,,lv,\n"
            f"edge@example.org,{'Ž' * 255},{'Š' * 255},lv,\n"
        ).encode()

        report = import_subscribers(content, confirmed=True, consent="Piekrītu.")

        assert report.imported == ["ok@example.org", "edge@example.org"]
        assert [(line, reason) for line, _, reason in report.skipped] == [
            (3, "the name is longer than 255 characters"),
            (4, "the organisation is longer than 255 characters"),
            (5, "the e-mail address is longer than 254 characters"),
        ]
        assert set(Subscriber.objects.values_list("email", flat=True)) == {
            "ok@example.org",
            "edge@example.org",
        }
        assert Organisation.objects.filter(name="Š" * 255).exists()

    def test_rows_are_saved_in_chunks_and_progress_is_reported_after_each(self):
        rows = "".join(f"person{number}@example.org,Persona {number}\n" for number in range(1200))
        calls = []
        report = import_subscribers(
            ("email,name\n" + rows).encode(),
            confirmed=True,
            consent="Piekrītu.",
            progress=lambda done, total: calls.append((done, total)),
        )
        assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]
        assert len(report.imported) == Subscriber.objects.count() == 1200

    def test_a_file_broken_further_down_imports_nothing(self):
        # A cell over the csv module's limit (128 KB) on line 3: the file is refused whole.
        content = b"email,name\nok@example.org,Ilze\nx@example.org," + b"a" * 200_000 + b"\n"
        with pytest.raises(ImportRefused, match="after line 2"):
            import_subscribers(content, confirmed=True, consent="Piekrītu.")
        assert not Subscriber.objects.exists()

    def test_commas_and_lists_column(self, extra_list):
        content = (
            b"email,name,organisation,language,lists\n"
            b"x@example.org,X,,lv,vaditaji|socialo-pakalpojumu-sniedzeji\n"
        )
        import_subscribers(content, confirmed=True, consent="Piekrītu.")
        slugs = set(Subscriber.objects.get().lists.values_list("slug", flat=True))
        assert slugs == {"vaditaji", "socialo-pakalpojumu-sniedzeji"}

    def test_list_option_applies_to_rows_without_lists(self, extra_list):
        import_subscribers(
            b"email\nx@example.org\n", list_slug="vaditaji", confirmed=True, consent="Jā."
        )
        assert list(Subscriber.objects.get().lists.values_list("slug", flat=True)) == ["vaditaji"]

    def test_importing_the_same_file_twice_changes_nothing(self):
        import_subscribers(PARTNERS.encode(), confirmed=True, consent="Piekrītu.")
        before = list(
            Subscriber.objects.values_list("email", "name", "status", "language", "organisation")
        )
        consents = ConsentRecord.objects.count()
        second = import_subscribers(PARTNERS.encode(), confirmed=True, consent="Piekrītu.")
        assert second.imported == [] and len(second.unchanged) == 2
        assert (
            list(
                Subscriber.objects.values_list(
                    "email", "name", "status", "language", "organisation"
                )
            )
            == before
        )
        assert ConsentRecord.objects.count() == consents

    @pytest.mark.parametrize("status", ["unsubscribed", "bounced", "complained"])
    def test_never_resubscribes_who_left_bounced_or_complained(self, status):
        Subscriber.objects.create(email="janis@example.org", status=status)
        report = import_subscribers(PARTNERS.encode(), confirmed=True, consent="Piekrītu.")
        assert Subscriber.objects.get(email="janis@example.org").status == status
        assert any(
            email == "janis@example.org" and "not subscribed again" in reason
            for _, email, reason in report.skipped
        )

    def test_windows_1257_is_refused_with_a_message_naming_it(self):
        content = "email;name\nanna@example.org;Anna Bērziņa\n".encode("cp1257")
        with pytest.raises(ImportRefused, match="Windows-1257") as error:
            import_subscribers(content)
        assert "CSV UTF-8" in str(error.value)
        assert not Subscriber.objects.exists()

    def test_a_file_without_an_email_column_is_refused(self):
        with pytest.raises(ImportRefused, match="email"):
            import_subscribers(b"name;phone\nAnna;123\n")

    def test_each_new_subscriber_gets_a_consent_record(self):
        import_subscribers(
            PARTNERS.encode(), confirmed=True, consent="Piekrītu saņemt e-apkārtrakstu."
        )
        record = ConsentRecord.objects.get(email="janis@example.org")
        assert record.source == "import" and record.wording == "Piekrītu saņemt e-apkārtrakstu."
        record.wording = "changed"
        with pytest.raises(Exception, match="append-only"):
            record.save()


@pytest.mark.django_db
class TestImportCommand:
    def test_without_confirmed_people_get_the_double_opt_in_mail_in_their_language(self, tmp_path):
        path = tmp_path / "partneri.csv"
        path.write_text(PARTNERS, encoding="utf-8-sig")
        out = io.StringIO()
        call_command("newsletter_import", str(path), stdout=out)
        assert "2 imported, 0 already there unchanged, 4 rows skipped." in out.getvalue()
        assert "line 4: not-an-address" in out.getvalue()
        assert Subscriber.objects.filter(status="pending").count() == 2
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert "confirm" in by_recipient["anna.berzina@example.org"].subject.lower()
        assert "/en/newsletter/confirm/" in by_recipient["anna.berzina@example.org"].body
        assert "/lv/newsletter/confirm/" in by_recipient["janis@example.org"].body

    def test_refusal_is_a_clear_error_not_a_traceback(self, tmp_path):
        path = tmp_path / "old-excel.csv"
        path.write_bytes("email;name\na@example.org;Jānis\n".encode("cp1257"))
        with pytest.raises(CommandError, match="Windows-1257"):
            call_command("newsletter_import", str(path))
        with pytest.raises(CommandError, match="Cannot read"):
            call_command("newsletter_import", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_export_writes_the_import_columns_plus_status_and_dates():
    import_subscribers(PARTNERS.encode(), confirmed=True, consent="Jā.")
    stream = io.StringIO()
    assert export_subscribers(stream) == 2
    lines = stream.getvalue().splitlines()
    assert (
        lines[0]
        == "email,name,organisation,language,lists,status,subscribed,confirmed,unsubscribed"
    )
    assert lines[1].startswith(
        "anna.berzina@example.org,Anna Bērziņa,Bauskas novada Sociālais dienests,en,"
        "socialo-pakalpojumu-sniedzeji,confirmed,"
    )
