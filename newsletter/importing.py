"""CSV import and export of subscribers (SPEC section 6).

Columns: email,name,organisation,language,lists (header row; `,` or `;`;
UTF-8 with or without BOM; `lists` holds list slugs separated by `|`).
Valid rows are imported, invalid ones reported with their line numbers;
importing the same file twice changes nothing; an address that unsubscribed,
bounced or complained is never subscribed again. Used by the commands and the
admin's import and export, so messages are translated: the admin shows them
in Latvian, the commands in English.
"""

from __future__ import annotations

import csv
import io
import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import status
from .mailboxes import NOT_A_MAILBOX_CODE, validate_mailbox
from .models import (
    ConsentRecord,
    ImportJob,
    MailingList,
    Organisation,
    Subscriber,
    normalise_email,
)
from .subscriptions import deliver_confirmation, offer_confirmation

logger = logging.getLogger(__name__)

COLUMNS = ["email", "name", "organisation", "language", "lists"]
# The headers a Latvian Excel user writes, and the template offers.
LATVIAN_COLUMNS = ["E-pasts", "Vārds, uzvārds", "Organizācija", "Valoda", "Saraksti"]
HEADER_ALIASES = {
    **{latvian.lower(): column for latvian, column in zip(LATVIAN_COLUMNS, COLUMNS, strict=True)},
    "e-pasta adrese": "email",
    "e-mail": "email",
    "vārds": "name",
}
# A language written out, in either language, as well as its code.
LANGUAGE_NAMES = {
    "latviešu": "lv",
    "latviski": "lv",
    "latvian": "lv",
    "angļu": "en",
    "angliski": "en",
    "english": "en",
}
EXPORT_COLUMNS = COLUMNS + ["status", "subscribed", "confirmed", "unsubscribed"]
IMPORT_WORDING_VERSION = "import-1"
# About 80,000 rows; a bigger file is more likely a mistake than a list of people.
MAX_IMPORT_MB = 5
# Rows saved per transaction; the admin's progress moves on after each chunk.
CHUNK_ROWS = 500
# A spreadsheet runs a cell that starts with one of these as a formula
# ("=cmd|' /C calc'!A0"); the export writes such cells behind a "'".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportRefused(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # (line number, e-mail or "", reason)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    # pending subscribers who must be sent the double opt-in e-mail
    to_confirm: list[Subscriber] = field(default_factory=list)

    def as_dict(self) -> dict:
        """What an ImportJob keeps for its report page (JSON: no model instances)."""
        return {
            "imported": self.imported,
            "unchanged": self.unchanged,
            "skipped": [list(row) for row in self.skipped],
            "to_confirm": len(self.to_confirm),
        }


def decode(content: bytes) -> str:
    """UTF-8 with or without a BOM; anything else is refused with a clear message."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            content.decode("cp1257")
            guess = _("Windows-1257 (Baltic), as older Excel versions save it")
        except UnicodeDecodeError:
            guess = _("an unknown encoding")
        raise ImportRefused(
            _(
                "The file is not UTF-8: it looks like %(guess)s (byte %(byte)s). "
                "In Excel choose File → Save As → “CSV UTF-8 (Comma delimited)”, "
                "or in LibreOffice tick “Edit filter settings” and choose Unicode (UTF-8)."
            )
            % {"guess": guess, "byte": error.start + 1}
        ) from error
    if "\x00" in text:
        raise ImportRefused(_("This is not a CSV text file: it contains binary data."))
    return text


def read_rows(text: str) -> tuple[list[str], Iterable[tuple[int, dict[str, str]]]]:
    """The header and the rows with their line numbers; `,` or `;` as the file uses."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [
        HEADER_ALIASES.get(name.strip().lower(), name.strip().lower())
        for name in (reader.fieldnames or [])
    ]
    if "email" not in header:
        raise ImportRefused(
            _(
                "The first row must name the columns: email,name,organisation,language,lists "
                "(only email is required)."
            )
        )
    reader.fieldnames = header

    def rows():
        for row in reader:
            values = {
                key: from_spreadsheet_safe((value or "").strip())
                for key, value in row.items()
                if key
            }
            yield reader.line_num, values

    return header, rows()


def parse(content: bytes) -> list[tuple[int, dict[str, str]]]:
    """The whole file read into rows with their line numbers; nothing is written.

    Everything that refuses a file as a whole (size, encoding, header, broken
    CSV) happens here, so the admin can refuse it in the request with a form
    error before a worker imports it, and so that no row is imported from a file
    that turns out to be unreadable further down.
    """
    if len(content) > MAX_IMPORT_MB * 1024 * 1024:
        raise ImportRefused(
            _("The file has %(size)d MB; at most %(limit)d MB can be imported. Split it.")
            % {"size": round(len(content) / 1024 / 1024), "limit": MAX_IMPORT_MB}
        )
    _header, rows = read_rows(decode(content))
    parsed: list[tuple[int, dict[str, str]]] = []
    try:
        parsed.extend(rows)
    except csv.Error as error:
        raise ImportRefused(
            _("The file cannot be read as CSV after line %(line)d: %(error)s.")
            % {"line": parsed[-1][0] if parsed else 1, "error": error}
        ) from error
    return parsed


def import_subscribers(
    content: bytes,
    *,
    list_slug: str | None = None,
    confirmed: bool = False,
    consent: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the CSV file's valid rows; see the module docstring for the rules.

    Rows are saved CHUNK_ROWS at a time, each chunk in its own transaction, so
    that a long import neither holds SQLite's write lock for minutes nor hides
    its progress; `progress(rows done, rows in the file)` is called after each.
    An import cut short (a worker killed) is completed by importing the same
    file again, which changes nothing for the rows already imported.
    """
    if confirmed and not consent.strip():
        raise ImportRefused(_("Confirmed people need the consent wording they agreed to."))
    rows = parse(content)
    lists_by_slug = {mailing_list.slug: mailing_list for mailing_list in MailingList.objects.all()}
    if list_slug is not None and list_slug not in lists_by_slug:
        raise ImportRefused(_("There is no list “%(slug)s”.") % {"slug": list_slug})
    default_lists = [lists_by_slug[list_slug]] if list_slug else [MailingList.default()]

    report = ImportReport()
    seen: dict[str, int] = {}
    for start in range(0, len(rows), CHUNK_ROWS):
        with transaction.atomic():
            for line, row in rows[start : start + CHUNK_ROWS]:
                problem, email, lists = validate_row(row, lists_by_slug, seen, line)
                if problem:
                    report.skipped.append((line, row.get("email", ""), problem))
                    continue
                seen[email] = line
                import_row(row, email, lists or default_lists, confirmed, consent, line, report)
        if progress is not None:
            progress(min(start + CHUNK_ROWS, len(rows)), len(rows))
    return report


def too_long(row: dict[str, str], email: str) -> str:
    """Why a value does not fit its column, or "" (PostgreSQL would refuse the whole import)."""
    limits = [
        (email, Subscriber, "email", _("the e-mail address is longer than %(limit)d characters")),
        (
            row.get("name", ""),
            Subscriber,
            "name",
            _("the name is longer than %(limit)d characters"),
        ),
        (
            row.get("organisation", ""),
            Organisation,
            "name",
            _("the organisation is longer than %(limit)d characters"),
        ),
    ]
    for value, model, field_name, message in limits:
        limit = model._meta.get_field(field_name).max_length
        if len(value) > limit:
            return message % {"limit": limit}
    return ""


def language_code(value: str) -> str:
    """ "lv", "latviešu", "Angļu"… as a language code; empty means Latvian."""
    value = value.strip().lower()
    return LANGUAGE_NAMES.get(value, value) or "lv"


def template_csv() -> bytes:
    """A file to fill in: the Latvian headers and one example row, as Excel saves
    "CSV UTF-8" in Latvia (`;`, with a BOM)."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    writer.writerow(LATVIAN_COLUMNS)
    default = MailingList.default().slug
    writer.writerow(
        ["vards.uzvards@example.org", "Vārds Uzvārds", "Sociālais dienests", "latviešu", default]
    )
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


def validate_row(row, lists_by_slug, seen, line) -> tuple[str, str, list[MailingList]]:
    email = normalise_email(row.get("email", ""))
    if not email:
        return _("no e-mail address"), email, []
    if problem := too_long(row, email):
        return problem, email, []
    try:
        validate_mailbox(email)
    except ValidationError as error:
        if error.code == NOT_A_MAILBOX_CODE:
            return f"“{row.get('email')}”: {error.message}", email, []
        return _("“%(value)s” is not an e-mail address") % {"value": row.get("email")}, email, []
    if email in seen:
        return _("the same address as line %(line)s") % {"line": seen[email]}, email, []
    language = language_code(row.get("language", ""))
    if language not in ("lv", "en"):
        problem = _("language must be lv or en, not “%(value)s”") % {"value": row.get("language")}
        return problem, email, []
    slugs = [slug.strip() for slug in row.get("lists", "").split("|") if slug.strip()]
    unknown = [slug for slug in slugs if slug not in lists_by_slug]
    if unknown:
        return _("no such list: %(slugs)s") % {"slugs": ", ".join(unknown)}, email, []
    return "", email, [lists_by_slug[slug] for slug in slugs]


def import_row(row, email, lists, confirmed, consent, line, report: ImportReport) -> None:
    organisation = None
    if row.get("organisation"):
        organisation, _created = Organisation.objects.get_or_create(name=row["organisation"])
    subscriber = Subscriber.objects.filter(email=email).first()
    # The suppression list remembers addresses whose row is gone (purged, erased).
    opted_out = status.suppression_of(email) or (
        subscriber.status if subscriber and subscriber.status in Subscriber.SUPPRESSED else None
    )
    if opted_out:
        label = str(Subscriber.Status(opted_out).label).lower()
        report.skipped.append(
            (line, email, _("not subscribed again: %(status)s") % {"status": label})
        )
        return
    if subscriber is not None:
        changed = update_existing(subscriber, row, organisation, lists)
        (report.imported if changed else report.unchanged).append(email)
        return

    subscriber = status.add(
        email,
        name=row.get("name", ""),
        language=language_code(row.get("language", "")),
        organisation=organisation,
        lists=lists,
        confirmed=confirmed,
        consent=status.Consent(
            source=ConsentRecord.Source.IMPORT,
            legal_basis=ConsentRecord.LegalBasis.CONSENT,
            wording=consent or "Imported; asked to confirm by e-mail.",
            wording_version=IMPORT_WORDING_VERSION,
        ),
    )
    report.imported.append(email)
    if not confirmed:
        report.to_confirm.append(subscriber)


def update_existing(subscriber: Subscriber, row, organisation, lists) -> bool:
    """Fill what is missing and join new lists; never overwrite, never resubscribe."""
    changed = False
    if not subscriber.name and row.get("name"):
        subscriber.name, changed = row["name"], True
    if subscriber.organisation_id is None and organisation is not None:
        subscriber.organisation, changed = organisation, True
    if changed:
        subscriber.save()
    joined = set(subscriber.lists.values_list("pk", flat=True))
    missing = [mailing_list for mailing_list in lists if mailing_list.pk not in joined]
    if missing:
        subscriber.lists.add(*missing)
        changed = True
    return changed


def ask_to_confirm(report: ImportReport) -> tuple[int, int]:
    """Send the double opt-in e-mail to the pending people an import added.

    Sent here, not queued like the form's (subscriptions.send_confirmation):
    staff who import want the count of sent and refused messages in the report,
    and an import discloses nothing to a stranger.

    Returns (sent, failed). The import is already saved: a mail server that
    refuses or is down is counted, not raised, so that the report still shows.
    An address that had its confirmations for the day is neither.
    """
    sent = failed = 0
    for subscriber in report.to_confirm:
        try:
            sent += offer_confirmation(subscriber, send=deliver_confirmation)
        except (OSError, smtplib.SMTPException) as error:
            # No personal data in logs: the row id, not the address.
            logger.warning("confirmation to subscriber %s failed: %s", subscriber.pk, error)
            failed += 1
    return sent, failed


def start_job(
    content: bytes,
    *,
    user,
    language: str,
    mailing_list: MailingList | None,
    confirmed: bool,
    consent: str,
) -> ImportJob:
    """Keep an upload that reads as CSV for a worker to import; ImportRefused if it does not."""
    rows = parse(content)
    return ImportJob.objects.create(
        content=content,
        created_by=user,
        language=language,
        mailing_list=mailing_list,
        confirmed=confirmed,
        consent=consent,
        rows_total=len(rows),
    )


def run_job(job_id: int) -> None:
    """Import a kept upload, counting rows; the report (or refusal) ends up on the job.

    Taken by one worker only (a redelivered task finds it no longer queued). The
    file is emptied at the end: the subscribers are imported, the report says
    what happened to the rest.
    """
    if not ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING
    ):
        return
    job = ImportJob.objects.select_related("mailing_list").get(pk=job_id)
    jobs = ImportJob.objects.filter(pk=job_id)

    def progress(done: int, total: int) -> None:
        jobs.update(rows_done=done, rows_total=total)

    with translation.override(job.language):
        try:
            report = import_subscribers(
                bytes(job.content),
                list_slug=job.mailing_list.slug if job.mailing_list else None,
                confirmed=job.confirmed,
                consent=job.consent,
                progress=progress,
            )
        except ImportRefused as refusal:
            fail_job(jobs, str(refusal))
            return
        except Exception:
            # The page must not wait for ever; the log has the traceback.
            fail_job(
                jobs,
                _(
                    "The import stopped with an error; the rows before it are saved. "
                    "Import the same file again to finish: rows already there stay unchanged."
                ),
            )
            raise
    sent, failed = ask_to_confirm(report)
    jobs.update(
        state=ImportJob.State.FINISHED,
        report={**report.as_dict(), "confirmations_sent": sent, "confirmations_failed": failed},
        content=b"",
        finished_at=timezone.now(),
    )


def fail_job(jobs: QuerySet[ImportJob], error: str) -> None:
    """The job is over without a report; its page shows `error`."""
    jobs.update(state=ImportJob.State.FAILED, error=error, content=b"", finished_at=timezone.now())


def spreadsheet_safe(value: str) -> str:
    """The cell as text a spreadsheet shows and never runs."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def from_spreadsheet_safe(value: str) -> str:
    """What spreadsheet_safe wrote, back as it was (an exported file imports unchanged)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def export_row(subscriber: Subscriber) -> list[str]:
    """One subscriber in EXPORT_COLUMNS order; lists need prefetching for speed."""
    return [spreadsheet_safe(cell) for cell in export_values(subscriber)]


def export_values(subscriber: Subscriber) -> list[str]:
    return [
        subscriber.email,
        subscriber.name,
        subscriber.organisation.name if subscriber.organisation else "",
        subscriber.language,
        "|".join(sorted(mailing_list.slug for mailing_list in subscriber.lists.all())),
        subscriber.status,
        subscriber.created_at.isoformat(),
        subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
        subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else "",
    ]


def export_subscribers(stream: io.TextIOBase) -> int:
    """Write every subscriber with the import columns plus status and dates."""
    writer = csv.writer(stream)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    subscribers = Subscriber.objects.select_related("organisation").prefetch_related("lists")
    for subscriber in subscribers.iterator(chunk_size=500):
        writer.writerow(export_row(subscriber))
        count += 1
    return count
