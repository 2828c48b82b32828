from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"


class Command(BaseCommand):
    help = "Create the development admin account admin/admin (only when DEBUG is on)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("The dev admin account is only created with DEBUG on.")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            return
        User.objects.create_superuser(USERNAME, "admin@example.org", PASSWORD)
        self.stdout.write(f"Created the admin account {USERNAME} / {PASSWORD}.")
