"""manage.py registrations_certificates EVENT: a certificate for each who qualifies, mailed once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, no_translations

from registrations import certificates, notices
from registrations.events import EventNotFound, find_event
from registrations.models import Certificate


class Command(BaseCommand):
    help = (
        "Issue certificates to everyone who qualifies for EVENT (a page id or a Latvian slug) "
        "and e-mail them; running it again mails nobody twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("event", help="the event's page id or Latvian slug")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only list who qualifies; issue and mail nothing.",
        )

    @no_translations
    def handle(self, *args, event: str, dry_run: bool = False, **options) -> None:
        try:
            page = find_event(event)
        except EventNotFound as error:
            raise CommandError(str(error)) from error
        required = certificates.sessions_required(page)
        if dry_run:
            qualifying = list(certificates.qualifying(page))
            for registration in qualifying:
                self.stdout.write(f"{registration.name} <{registration.email}>")
            self.stdout.write(
                f"{len(qualifying)} qualify for “{page.title}” "
                f"(present at {required} session(s) or more)."
            )
            return
        mailed_before = Certificate.objects.filter(
            registration__event=page, mailed_at__isnull=False
        ).count()
        outcome = notices.issue_certificates(page)
        self.stdout.write(
            self.style.SUCCESS(
                f"“{page.title}” (present at {required} session(s) or more): "
                f"{outcome.issued_now} certificate(s) issued now, {outcome.issued_before} earlier; "
                f"{outcome.queued} e-mail(s) queued, {mailed_before} sent before."
            )
        )
