"""Hostile CSV files for newsletter_import and formula cells in newsletter_export.

Every bad file gets a clear message and imports nothing, not even the rows
before the bad part; exported cells never run as spreadsheet formulas.
"""

import csv
import io
import os

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter.importing import ImportRefused, import_subscribers, spreadsheet_safe
from newsletter.models import ConsentRecord, Subscriber

GOOD_ROWS = "email,name\nanna@example.org,Anna Bērziņa\n"


def nothing_stored() -> bool:
    return not Subscriber.objects.exists() and not ConsentRecord.objects.exists()


def import_file(tmp_path, content: bytes) -> str:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("newsletter_import", str(path), stdout=io.StringIO())
    return str(refused.value)


@pytest.mark.django_db
class TestImport:
    def test_binary_file(self, tmp_path):
        png = b"\x89PNG\r\n\x1a\n" + os.urandom(2000)
        assert "not UTF-8" in import_file(tmp_path, png)
        assert nothing_stored()

    def test_text_with_nul_bytes(self, tmp_path):
        message = import_file(tmp_path, GOOD_ROWS.encode() + b"ben@example.org\x00,Ben\n")
        assert "binary" in message
        assert nothing_stored()

    def test_empty_file(self, tmp_path):
        assert "first row must name the columns" in import_file(tmp_path, b"")
        assert nothing_stored()

    def test_fifty_megabytes(self, tmp_path):
        row = b"liels@example.org,Liels Fails\n"
        content = b"email,name\n" + row * (50 * 1024 * 1024 // len(row))
        message = import_file(tmp_path, content)
        assert "50 MB" in message and "at most 5 MB" in message
        assert nothing_stored()

    def test_windows_1257(self, tmp_path):
        content = "email,name\nanna@example.org,Anna Bērziņa\n".encode("cp1257")
        message = import_file(tmp_path, content)
        assert "Windows-1257" in message and "UTF-8" in message
        assert nothing_stored()

    def test_a_field_too_long_for_csv_stops_everything(self, tmp_path):
        content = GOOD_ROWS + 'ben@example.org,"' + "x" * 200_000 + '"\n'
        message = import_file(tmp_path, content.encode())
        assert "after line 2" in message
        assert nothing_stored(), "the good row before the bad one was kept"

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.binary(max_size=3000))
    def test_any_bytes_are_imported_or_refused_cleanly(self, content):
        try:
            report = import_subscribers(content)
        except ImportRefused:
            assert nothing_stored()
            return
        stored = Subscriber.objects.count()
        assert stored == len(report.imported)
        Subscriber.objects.all().delete()
        ConsentRecord.objects.all().delete()


def export(tmp_path) -> str:
    path = tmp_path / "export.csv"
    call_command("newsletter_export", str(path), stdout=io.StringIO())
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.django_db
class TestExport:
    def test_formula_cells_are_written_as_text(self, tmp_path):
        Subscriber.objects.create(
            email="anna@example.org",
            name="=cmd|' /C calc'!A0",
            language="lv",
        )
        Subscriber.objects.create(email="ben@example.org", name="@SUM(1+1)*cmd|' /C calc'!A0")
        rows = {row["email"]: row for row in csv.DictReader(io.StringIO(export(tmp_path)))}
        assert rows["anna@example.org"]["name"] == "'=cmd|' /C calc'!A0"
        assert rows["ben@example.org"]["name"] == "'@SUM(1+1)*cmd|' /C calc'!A0"

    @given(st.text(max_size=40))
    def test_no_cell_starts_a_formula(self, value):
        assert not spreadsheet_safe(value).startswith(("=", "+", "-", "@", "\t", "\r"))

    def test_export_then_import_keeps_the_name(self, tmp_path):
        Subscriber.objects.create(email="anna@example.org", name="=1+2", language="lv")
        exported = export(tmp_path)
        Subscriber.objects.all().delete()
        import_subscribers(exported.encode())
        assert Subscriber.objects.get().name == "=1+2"
