"""The attendance list of an event as a spreadsheet: one row per registrant, and totals.

One module for the admin's downloads and ``manage.py registrations_export``,
so the file is the same whichever way it is made. The list's columns are
fixed by SPEC section 8 (``COLUMNS``); the totals group the registrants by
organisation and by municipality, with sessions attended and academic hours,
as the funders' reports ask. A registrant types their organisation freely;
its municipality comes from the e-bulletin's organisations
(``newsletter.models.Organisation``) when the name matches one there.

Every text cell goes through ``newsletter.importing.spreadsheet_safe``: a
name such as "=HYPERLINK(...)" is shown, never run, in CSV and XLSX alike.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from collections.abc import Iterable

from django.db.models import Count
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from blog.models import EventPage
from newsletter.importing import spreadsheet_safe
from newsletter.models import Organisation

from . import attendance
from .models import Registration

COLUMNS = [
    "name",
    "email",
    "organisation",
    "status",
    "registered_at",
    "sessions_attended",
    "academic_hours",
]
# The list shows the seated first, then the waiting list in its order, then the cancelled.
STATUS_ORDER = [
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
    Registration.Status.CANCELLED,
]
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")
# The parts a CSV file can hold (an XLSX file holds all three, one sheet each).
PARTS = ("list", "organisations", "municipalities")


class UnknownFormat(ValueError):
    """Neither .csv nor .xlsx."""


@dataclasses.dataclass(frozen=True)
class Row:
    """One registrant on the attendance list."""

    name: str
    email: str
    organisation: str
    municipality: str
    status: str
    registered_at: datetime.datetime
    sessions_attended: int
    academic_hours: int

    def values(self) -> list:
        """The row in COLUMNS order, the time in Riga time."""
        return [
            self.name,
            self.email,
            self.organisation,
            self.status,
            localtime(self.registered_at).replace(microsecond=0),
            self.sessions_attended,
            self.academic_hours,
        ]


@dataclasses.dataclass
class Total:
    """Registrants of one organisation or municipality and what they attended."""

    group: str
    municipality: str = ""
    registered: int = 0
    present: int = 0  # at one session at least
    sessions_attended: int = 0
    academic_hours: int = 0

    def add(self, row: Row) -> None:
        self.registered += 1
        self.present += 1 if row.sessions_attended else 0
        self.sessions_attended += row.sessions_attended
        self.academic_hours += row.academic_hours


def _municipalities(names: Iterable[str]) -> dict[str, str]:
    """The municipality of each organisation name the e-bulletin knows, by lower-case name."""
    wanted = {name.strip().casefold() for name in names if name.strip()}
    return {
        organisation.name.strip().casefold(): organisation.municipality
        for organisation in Organisation.objects.exclude(municipality="")
        if organisation.name.strip().casefold() in wanted
    }


def rows(event: EventPage) -> list[Row]:
    """Everyone on the event's list, seated first, each in order of registration: two queries
    (plus one for the municipalities)."""
    seat_page = event.seat_page()
    registrations = list(
        Registration.objects.filter(event=seat_page).annotate(attended=Count("attendances"))
    )
    registrations.sort(key=lambda r: (STATUS_ORDER.index(r.status), r.registered_at, r.pk))
    municipalities = _municipalities(r.organisation for r in registrations)
    return [
        Row(
            name=registration.name,
            email=registration.email,
            organisation=registration.organisation.strip(),
            municipality=municipalities.get(registration.organisation.strip().casefold(), ""),
            status=registration.status,
            registered_at=registration.registered_at,
            sessions_attended=registration.attended,
            academic_hours=attendance.academic_hours(seat_page, registration.attended),
        )
        for registration in registrations
    ]


def _active(all_rows: Iterable[Row]) -> list[Row]:
    # The totals count those holding a seat or waiting: a cancelled sign-up is nobody's.
    return [row for row in all_rows if row.status != Registration.Status.CANCELLED]


def by_organisation(all_rows: Iterable[Row]) -> list[Total]:
    """Totals per organisation (as typed, letter case aside), largest first."""
    totals: dict[str, Total] = {}
    for row in _active(all_rows):
        key = row.organisation.casefold()
        total = totals.setdefault(
            key, Total(row.organisation or _("(not given)"), municipality=row.municipality)
        )
        total.add(row)
    return sorted(totals.values(), key=lambda t: (-t.registered, t.group.casefold()))


def by_municipality(all_rows: Iterable[Row]) -> list[Total]:
    """Totals per municipality; an organisation with none known counts under its own name."""
    totals: dict[str, Total] = {}
    for row in _active(all_rows):
        group = row.municipality or row.organisation or _("(not given)")
        total = totals.setdefault(group.casefold(), Total(group, municipality=row.municipality))
        total.add(row)
    return sorted(totals.values(), key=lambda t: (-t.registered, t.group.casefold()))


def _total_header(first: str) -> list[str]:
    return [first, "registered", "present", "sessions_attended", "academic_hours"]


def _total_values(total: Total) -> list:
    return [
        total.group,
        total.registered,
        total.present,
        total.sessions_attended,
        total.academic_hours,
    ]


def tables(event: EventPage) -> dict[str, tuple[list[str], list[list]]]:
    """The three parts (PARTS) as (header, rows), cells not yet made spreadsheet-safe."""
    all_rows = rows(event)
    organisation_totals = by_organisation(all_rows)
    return {
        "list": (COLUMNS, [row.values() for row in all_rows]),
        "organisations": (
            [*_total_header("organisation"), "municipality"],
            [[*_total_values(t), t.municipality] for t in organisation_totals],
        ),
        "municipalities": (
            _total_header("municipality"),
            [_total_values(t) for t in by_municipality(all_rows)],
        ),
    }


def _safe(value):
    return spreadsheet_safe(value) if isinstance(value, str) else value


def write_csv(stream: io.TextIOBase, header: list[str], body: Iterable[list]) -> None:
    """One table as CSV; times in ISO 8601 with their offset."""
    writer = csv.writer(stream)
    writer.writerow(header)
    for values in body:
        writer.writerow(
            [v.isoformat() if isinstance(v, datetime.datetime) else _safe(v) for v in values]
        )


def csv_bytes(event: EventPage, part: str = "list") -> bytes:
    """A part of the attendance list as CSV, UTF-8 with a BOM so that Excel reads the letters."""
    if part not in PARTS:
        raise ValueError(part)
    header, body = tables(event)[part]
    stream = io.StringIO()
    write_csv(stream, header, body)
    return stream.getvalue().encode("utf-8-sig")


SHEET_TITLES = {
    "list": "Dalībnieki",
    "organisations": "Pēc organizācijām",
    "municipalities": "Pēc pašvaldībām",
}


def xlsx_bytes(event: EventPage) -> bytes:
    """The attendance list and both totals as a workbook, one sheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for part, (header, body) in tables(event).items():
        sheet = workbook.create_sheet(SHEET_TITLES[part])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for values in body:
            # Excel keeps no time zone: the Riga wall-clock time, as staff read it.
            sheet.append(
                [
                    v.replace(tzinfo=None) if isinstance(v, datetime.datetime) else _safe(v)
                    for v in values
                ]
            )
        if part == "list":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
                cell.number_format = "yyyy-mm-dd hh:mm"
        sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def file_format(filename: str) -> str:
    """ "csv" or "xlsx" by the file name's extension; anything else raises UnknownFormat."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        raise UnknownFormat(suffix)
    return suffix


def export_bytes(event: EventPage, fmt: str) -> bytes:
    """The file for a format: the whole workbook, or the CSV list (SPEC's columns)."""
    return xlsx_bytes(event) if fmt == "xlsx" else csv_bytes(event)
