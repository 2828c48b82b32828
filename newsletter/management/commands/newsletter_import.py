from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from newsletter.importing import ImportRefused, ask_to_confirm, import_subscribers


class Command(BaseCommand):
    help = (
        "Import subscribers from a CSV file (email,name,organisation,language,lists). "
        "Without --confirmed each new person gets the double opt-in e-mail."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--list", dest="list_slug", help="list for rows without a lists value")
        parser.add_argument("--confirmed", action="store_true", help="they have already agreed")
        parser.add_argument("--consent", default="", help="the wording they agreed to")

    # The importer's messages are translated for the admin; a command speaks English.
    @no_translations
    def handle(self, *args, file: Path, list_slug, confirmed: bool, consent: str, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            report = import_subscribers(
                content, list_slug=list_slug, confirmed=confirmed, consent=consent
            )
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        sent, failed = ask_to_confirm(report)
        self.stdout.write(
            f"{len(report.imported)} imported, {len(report.unchanged)} already there unchanged, "
            f"{len(report.skipped)} rows skipped."
        )
        for line, email, reason in report.skipped:
            self.stdout.write(f"  line {line}: {email or '(no e-mail)'}: {reason}")
        if report.to_confirm:
            self.stdout.write(f"{sent} confirmation e-mails sent.")
        if failed:
            self.stderr.write(f"{failed} confirmation e-mails could not be sent (see the log).")
