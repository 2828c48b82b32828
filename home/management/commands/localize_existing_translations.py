from django.core.management.base import BaseCommand
from wagtail.models import Locale

from home.translation import TranslationMismatch, adopt_translation, pages_to_adopt


class Command(BaseCommand):
    help = (
        "Make pages written by hand in other languages wagtail-localize translations of their "
        "Latvian pages, keeping their text. Safe to run twice."
    )

    def handle(self, *args, **options) -> None:
        source_locale = Locale.get_default()
        adopted = mismatched = 0
        for source, page in pages_to_adopt(source_locale):
            try:
                result = adopt_translation(source, page, publish=source.live and page.live)
            except TranslationMismatch as mismatch:
                mismatched += 1
                self.stderr.write(f"Left as it is: {mismatch}")
                continue
            adopted += 1
            self.stdout.write(
                f"{page.get_url() or page.url_path}: {result.strings} texts kept"
                + (f", {result.overrides} own values kept" if result.overrides else "")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{adopted} pages are now translations; {mismatched} left as they were."
            )
        )
