from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from registrations import exports
from registrations.events import EventNotFound, find_event


class Command(BaseCommand):
    help = (
        "Write an event's attendance list to FILE: .csv (the list) or .xlsx (the list and "
        "totals by organisation and municipality). EVENT is a page id or a Latvian slug."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("event", help="page id or Latvian slug")
        parser.add_argument("file", type=Path, help="ends in .csv or .xlsx")

    # English throughout, as the other commands speak (find_event's messages included).
    @no_translations
    def handle(self, *args, event: str, file: Path, **options) -> None:
        try:
            fmt = exports.file_format(file.name)
        except exports.UnknownFormat as error:
            raise CommandError(
                f"{file}: the file must end in .csv or .xlsx (the format follows the extension)."
            ) from error
        try:
            page = find_event(event)
        except EventNotFound as error:
            raise CommandError(str(error)) from error
        content = exports.export_bytes(page, fmt)
        try:
            file.write_bytes(content)
        except OSError as error:
            raise CommandError(f"{file}: cannot write the file ({error.strerror}).") from error
        count = len(exports.rows(page))
        self.stdout.write(f"{count} registrations of “{page.title}” written to {file}.")
