import datetime

from django.core.management.base import BaseCommand, CommandError, no_translations

from registrations import attendance
from registrations.events import EventNotFound, find_event


def session_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--session {value!r}: give the date as YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Mark registrants present at one session of an event (or, with --absent, take "
        "it back). EVENT is a page id or a Latvian slug; the session is its date."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("event", help="page id or Latvian slug")
        parser.add_argument("emails", nargs="+", metavar="EMAIL")
        parser.add_argument("--session", required=True, help="the session's date, YYYY-MM-DD")
        parser.add_argument("--absent", action="store_true", help="take the presence back instead")

    # English throughout, as the other commands speak (find_event's messages included).
    @no_translations
    def handle(self, *args, event: str, emails: list[str], session: str, absent: bool, **options):
        try:
            page = find_event(event)
        except EventNotFound as error:
            raise CommandError(str(error)) from error
        day = session_date(session)
        try:
            marked, missing = attendance.mark_many(page, day, emails, present=not absent)
        except attendance.UnknownSession as error:
            known = ", ".join(d.isoformat() for d in attendance.sessions(page)) or "none"
            raise CommandError(
                f"“{page.title}” has no session on {day.isoformat()}. Its sessions: {known}."
            ) from error
        what = "absent" if absent else "present"
        self.stdout.write(f"{len(marked)} marked {what} at the session of {day.isoformat()}.")
        for address in missing:
            self.stderr.write(f"{address}: not registered for this event (or cancelled).")
        if missing and not marked:
            raise CommandError("Nobody was marked: no address given is on the event's list.")
