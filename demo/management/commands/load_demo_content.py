from django.core.management.base import BaseCommand

from demo.loading import load
from home.models import HomePage


class Command(BaseCommand):
    help = "Build the demo site from the seed texts, in Latvian and English. Safe to run twice."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has a home page (used by `make run`).",
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if if_empty and HomePage.objects.exists():
            self.stdout.write("The site has content already; demo content not loaded.")
            return
        load()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
