"""GDPR requests by e-mail address, for people who are not subscribers.

A subscriber's export and erase are buttons in the admin (newsletter); a
person who only registered for events has no subscriber to click on, so
staff answer their request here: ``manage.py personal_data EMAIL FILE``
writes everything the apps hold (core.personal_data) as JSON;
``--erase`` erases it.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from core import personal_data


class Command(BaseCommand):
    help = "Export (to a JSON file) or erase one person's records in every app, by e-mail address."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("file", type=Path, nargs="?", help="Where to write the export.")
        parser.add_argument("--erase", action="store_true", help="Erase instead of exporting.")

    def handle(self, *args, email: str, file: Path | None, erase: bool, **options) -> None:
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email!r}") from error
        if erase:
            with transaction.atomic():
                erased = personal_data.erase(email)
            summary = ", ".join(f"{name}: {count}" for name, count in erased.items())
            self.stdout.write(f"Erased {email}: {summary or 'nothing held'}.")
            return
        if file is None:
            raise CommandError("Give a FILE to write the export to, or --erase.")
        records = personal_data.export(email)
        data = {"email": email, **records}
        file.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        count = sum(len(held) for held in records.values())
        self.stdout.write(f"{count} records of {email} written to {file}.")
