"""What staff see about a send: recipients before, progress during, results after."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from .importing import spreadsheet_safe
from .models import Delivery, Dispatch, MailingList, NewsletterIssuePage, Subscriber
from .sending import reading_language

# The states that no longer change by sending (webhooks may still move them on).
DONE = Delivery.FINAL


def recipient_counts(issue: NewsletterIssuePage, lists: list[MailingList]) -> dict[str, int]:
    """How many people a send would reach, by the language they will read it in.

    People whose language the issue has no published version of get Latvian.
    """
    published = set(issue.versions()) or {"lv"}
    counts: dict[str, int] = {}
    rows = (
        Subscriber.objects.recipients_of(lists)
        .order_by()
        .values("language")
        .annotate(n=Count("pk", distinct=True))
    )
    for row in rows:
        language = reading_language(row["language"], published)
        counts[language] = counts.get(language, 0) + row["n"]
    return dict(sorted(counts.items(), key=lambda item: (item[0] != "lv", item[0])))


def untranslated_readers(issue: NewsletterIssuePage, lists: list[MailingList]) -> dict[str, int]:
    """How many people a send would reach in a language the issue is not translated into."""
    published = set(issue.versions()) or {"lv"}
    rows = (
        Subscriber.objects.recipients_of(lists)
        .order_by()
        .exclude(language__in=published)
        .values("language")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["language"]: row["n"] for row in rows if row["n"]}


@dataclass(frozen=True)
class Progress:
    """A dispatch as the progress bar shows it."""

    state: str
    state_label: str
    total: int
    done: int
    by_state: dict[str, int]
    opened: int
    clicked: int
    stalled: bool = False

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)

    @property
    def finished(self) -> bool:
        return self.state in (Dispatch.State.FINISHED, Dispatch.State.CANCELLED)

    def as_dict(self) -> dict:
        return {
            "state": self.state,
            "state_label": str(self.state_label),
            "total": self.total,
            "done": self.done,
            "percent": self.percent,
            "finished": self.finished,
            "by_state": self.by_state,
            "opened": self.opened,
            "clicked": self.clicked,
            "stalled": self.stalled,
        }


def delivery_counts(path: str = "") -> dict[str, Count]:
    """The counts behind a Progress, as aggregate expressions over deliveries
    reached by `path` ("" from a Delivery queryset, "deliveries__" from Dispatch)."""
    counted = f"{path}pk"
    return {
        "total": Count(counted),
        "opened": Count(counted, filter=Q(**{f"{path}opened_at__isnull": False})),
        "clicked": Count(counted, filter=Q(**{f"{path}clicked_at__isnull": False})),
        **{
            f"state_{state}": Count(counted, filter=Q(**{f"{path}state": state}))
            for state in Delivery.State.values
        },
    }


def stalled_dispatches(now: datetime.datetime | None = None) -> QuerySet[Dispatch]:
    """Sends with work left that nothing has claimed or sent lately (Dispatch.objects.stalled)."""
    return Dispatch.objects.stalled(now)


def progress(
    dispatch: Dispatch, totals: dict[str, int] | None = None, stalled: bool | None = None
) -> Progress:
    """Counts of a dispatch's deliveries in one query, or from `totals` already
    counted with delivery_counts() (and `stalled` already asked of stalled_dispatches)."""
    if totals is None:
        totals = dispatch.deliveries.aggregate(**delivery_counts())
    by_state = {state: totals[f"state_{state}"] for state in Delivery.State.values}
    if stalled is None:
        stalled = (
            dispatch.state in (Dispatch.State.SENDING, Dispatch.State.SCHEDULED)
            and stalled_dispatches().filter(pk=dispatch.pk).exists()
        )
    return Progress(
        state=dispatch.state,
        state_label=dispatch.get_state_display(),
        total=totals["total"],
        done=sum(by_state[state] for state in DONE),
        by_state=by_state,
        opened=totals["opened"],
        clicked=totals["clicked"],
        stalled=stalled,
    )


def progress_of_each(dispatches: QuerySet[Dispatch], limit: int) -> list[tuple[Dispatch, Progress]]:
    """The first `limit` dispatches, each with its Progress counted in the same query."""
    counts = delivery_counts("deliveries__")
    rows = dispatches.annotate(**counts)[:limit]
    stalled = set(stalled_dispatches().values_list("pk", flat=True))
    return [
        (
            dispatch,
            progress(
                dispatch,
                {name: getattr(dispatch, name) for name in counts},
                stalled=dispatch.pk in stalled,
            ),
        )
        for dispatch in rows
    ]


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: int
    percent: float


def chart(report: Progress) -> list[ChartBar]:
    """Bars of the results chart: sent, delivered, bounced, complained, opened.

    "Sent" counts every message handed over, whatever happened to it later.
    """
    handed_over = sum(
        report.by_state[state]
        for state in (
            Delivery.State.SENT,
            Delivery.State.DELIVERED,
            Delivery.State.BOUNCED,
            Delivery.State.COMPLAINED,
        )
    )
    values = [
        (_("Sent"), handed_over),
        (_("Delivered"), report.by_state[Delivery.State.DELIVERED]),
        (_("Bounced"), report.by_state[Delivery.State.BOUNCED]),
        (_("Complained"), report.by_state[Delivery.State.COMPLAINED]),
        (_("Opened"), report.opened),
        (_("Failed"), report.by_state[Delivery.State.FAILED]),
    ]
    scale = report.total or 1
    return [ChartBar(str(label), value, round(100 * value / scale, 1)) for label, value in values]


@dataclass(frozen=True)
class OrganisationRow:
    organisation_id: int | None
    organisation: str
    municipality: str
    recipients: int
    received: int
    bounced: int
    complained: int
    failed: int
    opened: int

    @property
    def never_opened(self) -> int:
        return self.received - self.opened


def by_organisation(dispatch: Dispatch) -> list[OrganisationRow]:
    """Who received, bounced or never opened the issue, one row per organisation.

    People without an organisation (and erased people) share one row.
    """
    received_states = (Delivery.State.SENT, Delivery.State.DELIVERED)
    rows = (
        dispatch.deliveries.order_by()
        .values(
            "subscriber__organisation_id",
            "subscriber__organisation__name",
            "subscriber__organisation__municipality",
        )
        .annotate(
            recipients=Count("pk"),
            received=Count("pk", filter=Q(state__in=received_states)),
            bounced=Count("pk", filter=Q(state=Delivery.State.BOUNCED)),
            complained=Count("pk", filter=Q(state=Delivery.State.COMPLAINED)),
            failed=Count("pk", filter=Q(state=Delivery.State.FAILED)),
            opened=Count("pk", filter=Q(opened_at__isnull=False)),
        )
    )
    result = [
        OrganisationRow(
            organisation_id=row["subscriber__organisation_id"],
            organisation=row["subscriber__organisation__name"] or "",
            municipality=row["subscriber__organisation__municipality"] or "",
            recipients=row["recipients"],
            received=row["received"],
            bounced=row["bounced"],
            complained=row["complained"],
            failed=row["failed"],
            opened=row["opened"],
        )
        for row in rows
    ]
    # Problems first, then by name; the row of people without organisation last.
    return sorted(
        result,
        key=lambda row: (
            not row.organisation,
            -(row.bounced + row.complained + row.failed),
            row.organisation,
        ),
    )


def organisation_table(dispatch: Dispatch) -> tuple[list[str], list[list]]:
    """The report by organisation as a header and rows, for CSV and XLSX files."""
    header = [
        _("Organisation"),
        _("Municipality"),
        _("Recipients"),
        _("Received"),
        _("Bounced"),
        _("Complained"),
        _("Failed"),
        _("Never opened"),
    ]
    rows = [
        [
            row.organisation or _("No organisation"),
            row.municipality,
            row.recipients,
            row.received,
            row.bounced,
            row.complained,
            row.failed,
            row.never_opened,
        ]
        for row in by_organisation(dispatch)
    ]
    return header, rows


def safe_cells(row: list) -> list:
    """Text cells as a spreadsheet shows and never runs; numbers stay numbers."""
    return [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row]


def organisation_csv(dispatch: Dispatch) -> tuple[bytes, str]:
    """The report by organisation as Excel in Latvia reads CSV: `;`, UTF-8 with a BOM."""
    header, rows = organisation_table(dispatch)
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(safe_cells(row) for row in rows)
    return ("\ufeff" + stream.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"


def organisation_xlsx(dispatch: Dispatch) -> tuple[bytes, str]:
    """The report by organisation as an Excel workbook, numbers as numbers."""
    header, rows = organisation_table(dispatch)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("By organisation")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(safe_cells(row))
    stream = io.BytesIO()
    workbook.save(stream)
    return (
        stream.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


ORGANISATION_FILES: dict[str, Callable[[Dispatch], tuple[bytes, str]]] = {
    "csv": organisation_csv,
    "xlsx": organisation_xlsx,
}
