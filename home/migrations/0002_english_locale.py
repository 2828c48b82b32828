"""English as the second locale, kept in sync with the Latvian tree.

With the synchronisation, a page an editor creates in Latvian gets an
English alias at once, which the editor then translates.
"""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    latvian, _ = Locale.objects.get_or_create(language_code="lv")
    english, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": latvian})


def remove_english(apps, schema_editor):
    apps.get_model("wagtail_localize", "LocaleSynchronization").objects.filter(
        locale__language_code="en"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(add_english, remove_english)]
