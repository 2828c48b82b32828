"""The attendance list as CSV and XLSX (registrations.exports), and the export command."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from registrations import attendance, exports
from registrations.models import Registration
from tests.support.factories import OrganisationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
COLUMNS = "name,email,organisation,status,registered_at,sessions_attended,academic_hours"


@pytest.fixture
def training(make_event):
    """Two monthly sessions of four academic hours, the first a month ago."""
    start = timezone.now() - datetime.timedelta(days=31)
    return make_event(
        start=start, recurrence="monthly", repeat_count=2, academic_hours=4, capacity=2
    )


@pytest.fixture
def people(training):
    """Two seated from two organisations (one known with its municipality), one waiting,
    one cancelled; Ilze present at both sessions, Pēteris at one."""
    OrganisationFactory(name="Bauskas novada Sociālais dienests", municipality="Bauskas novads")
    now = timezone.now()
    ilze = RegistrationFactory(
        event=training,
        name="Ilze Ozoliņa",
        email="ilze@example.lv",
        organisation="Bauskas novada sociālais dienests",
        registered_at=now - datetime.timedelta(days=40),
    )
    peteris = RegistrationFactory(
        event=training,
        name='=HYPERLINK("http://x")',
        email="peteris@example.lv",
        organisation="Biedrība Dzīvesprieks",
        registered_at=now - datetime.timedelta(days=39),
    )
    RegistrationFactory(
        event=training,
        name="Gaida Rinda",
        email="gaida@example.lv",
        organisation="-Biedrība",
        status=Registration.Status.WAITLISTED,
        registered_at=now - datetime.timedelta(days=38),
    )
    RegistrationFactory(
        event=training,
        name="Atsauca Pati",
        email="atsauca@example.lv",
        organisation="Bauskas novada Sociālais dienests",
        status=Registration.Status.CANCELLED,
        registered_at=now - datetime.timedelta(days=41),
    )
    first, second = attendance.sessions(training)
    attendance.mark(ilze, first)
    attendance.mark(ilze, second)
    attendance.mark(peteris, first)
    return ilze, peteris


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "a BOM, so that Excel reads UTF-8"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_csv_list_has_specs_columns_seated_first(training, people):
    table = read_csv(exports.csv_bytes(training))
    assert ",".join(table[0]) == COLUMNS
    assert [row[3] for row in table[1:]] == ["confirmed", "confirmed", "waitlisted", "cancelled"]
    ilze = table[1]
    assert ilze[:3] == ["Ilze Ozoliņa", "ilze@example.lv", "Bauskas novada sociālais dienests"]
    assert ilze[5:] == ["2", "8"]
    registered = datetime.datetime.fromisoformat(ilze[4])
    assert registered.utcoffset() is not None
    assert abs(registered - people[0].registered_at) < datetime.timedelta(seconds=1)
    assert table[2][5:] == ["1", "4"]


def test_no_cell_starts_a_formula(training, people):
    content = exports.csv_bytes(training).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(content)))
    assert table[2][0] == '\'=HYPERLINK("http://x")'
    assert table[3][2] == "'-Biedrība"
    for row in table:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(training)))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                assert not (isinstance(cell, str) and cell.startswith(("=", "+", "-", "@")))


def test_totals_by_organisation_and_municipality(training, people):
    organisations = read_csv(exports.csv_bytes(training, "organisations"))
    assert organisations[0] == [
        "organisation",
        "registered",
        "present",
        "sessions_attended",
        "academic_hours",
        "municipality",
    ]
    by_name = {row[0]: row[1:] for row in organisations[1:]}
    # The cancelled registrant is in no total; the known organisation has its municipality.
    assert by_name["Bauskas novada sociālais dienests"] == ["1", "1", "2", "8", "Bauskas novads"]
    assert by_name["Biedrība Dzīvesprieks"] == ["1", "1", "1", "4", ""]
    assert by_name["'-Biedrība"] == ["1", "0", "0", "0", ""]
    municipalities = read_csv(exports.csv_bytes(training, "municipalities"))
    groups = {row[0]: row[1:] for row in municipalities[1:]}
    assert groups["Bauskas novads"] == ["1", "1", "2", "8"]
    # Without a municipality known, the organisation stands for itself.
    assert groups["Biedrība Dzīvesprieks"] == ["1", "1", "1", "4"]


def test_the_workbook_has_the_list_and_both_totals(training, people):
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(training)))
    assert workbook.sheetnames == ["Dalībnieki", "Pēc organizācijām", "Pēc pašvaldībām"]
    rows = list(workbook["Dalībnieki"].iter_rows(values_only=True))
    assert ",".join(rows[0]) == COLUMNS
    assert rows[1][0] == "Ilze Ozoliņa"
    assert isinstance(rows[1][4], datetime.datetime)
    assert rows[1][5:] == (2, 8)
    assert len(rows) == 5


class TestCommand:
    def test_writes_csv_or_xlsx_by_the_extension(self, training, people, tmp_path):
        out = io.StringIO()
        call_command("registrations_export", "regionalais-seminars", tmp_path / "a.csv", stdout=out)
        assert "4 registrations" in out.getvalue()
        assert ",".join(read_csv((tmp_path / "a.csv").read_bytes())[0]) == COLUMNS
        call_command("registrations_export", str(training.pk), tmp_path / "a.XLSX", stdout=out)
        assert load_workbook(tmp_path / "a.XLSX").sheetnames[0] == "Dalībnieki"

    @pytest.mark.parametrize("name", ["a.pdf", "a", "a.csv.txt"])
    def test_another_extension_is_refused(self, training, tmp_path, name):
        with pytest.raises(CommandError, match=r"\.csv or \.xlsx"):
            call_command("registrations_export", str(training.pk), tmp_path / name)
        assert not (tmp_path / name).exists()

    def test_an_unknown_event_is_refused_in_english(self, training, tmp_path):
        with pytest.raises(CommandError, match="no Latvian event page with the slug “nav-tada”"):
            call_command("registrations_export", "nav-tada", tmp_path / "a.csv")

    def test_an_unwritable_file_is_a_clear_error(self, training, tmp_path):
        with pytest.raises(CommandError, match="cannot write"):
            call_command("registrations_export", str(training.pk), tmp_path / "nav" / "a.csv")
