"""Erased consent records kept an unsalted SHA-256 of the address, which a
guessed address re-identifies; they now keep a keyed hash of that digest
(newsletter.privacy.keyed_digest; see docs/privacy.md)."""

from django.db import migrations

from newsletter.privacy import keyed_digest

PLAIN_PREFIX = "sha256:"


def rekey_plain_digests(apps, schema_editor) -> None:
    consent_model = apps.get_model("newsletter", "ConsentRecord")
    plain = consent_model.objects.filter(email__startswith=PLAIN_PREFIX, subscriber=None)
    for record in plain.only("pk", "email").iterator():
        # A queryset update: ConsentRecord.save() refuses to change a record.
        consent_model.objects.filter(pk=record.pk).update(email=keyed_digest(record.email))


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0008_link_secret_and_mailbox"),
    ]

    operations = [
        migrations.RunPython(rekey_plain_digests, migrations.RunPython.noop),
    ]
