from pathlib import Path

from django.core.management.base import BaseCommand

from newsletter.importing import export_subscribers


class Command(BaseCommand):
    help = "Export every subscriber to a CSV file: the import columns plus status and dates."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        # With a BOM, so that Excel opens the Latvian letters correctly.
        with file.open("w", encoding="utf-8-sig", newline="") as stream:
            count = export_subscribers(stream)
        self.stdout.write(f"{count} subscribers written to {file}.")
