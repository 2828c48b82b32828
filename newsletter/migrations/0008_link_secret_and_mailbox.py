"""Each subscriber gets a secret for their personal links (newsletter.links);
the address field takes internet mailboxes only (newsletter.mailboxes)."""

from django.db import migrations, models

import newsletter.mailboxes
import newsletter.models


def give_secrets(apps, schema_editor) -> None:
    """AddField gave every existing row the same default: one secret each instead."""
    subscriber_model = apps.get_model("newsletter", "Subscriber")
    for subscriber in subscriber_model.objects.only("pk").iterator():
        subscriber_model.objects.filter(pk=subscriber.pk).update(
            link_secret=newsletter.models.new_link_secret()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0007_subscriber_import_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="link_secret",
            field=models.CharField(
                default=newsletter.models.new_link_secret, editable=False, max_length=64
            ),
        ),
        migrations.RunPython(give_secrets, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="subscriber",
            name="email",
            field=newsletter.mailboxes.MailboxField(
                max_length=254, unique=True, verbose_name="e-mail"
            ),
        ),
    ]
