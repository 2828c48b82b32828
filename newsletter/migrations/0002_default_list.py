"""The default list: the e-bulletin for social service providers (SPEC section 6)."""

from django.db import migrations


def create_default_list(apps, schema_editor):
    MailingList = apps.get_model("newsletter", "MailingList")
    if not MailingList.objects.filter(is_default=True).exists():
        MailingList.objects.create(
            name="Sociālo pakalpojumu sniedzēji",
            slug="socialo-pakalpojumu-sniedzeji",
            description="E-apkārtraksts sociālo pakalpojumu sniedzējiem par projekta gaitu un rezultātiem.",
            is_default=True,
        )


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0001_initial")]

    operations = [migrations.RunPython(create_default_list, migrations.RunPython.noop)]
