"""Wagtail names the root of the page tree and of the collections "Root", in
English, and staff meet it in the page explorer, the page chooser and the
collection lists. The titles are data, so they are renamed here (only where
nobody has renamed them already)."""

from django.db import migrations

PAGE_ROOT = ("Root", "Visas vietnes")
COLLECTION_ROOT = ("Root", "Galvenā kolekcija")


def name_in_latvian(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=PAGE_ROOT[0]).update(
        title=PAGE_ROOT[1], draft_title=PAGE_ROOT[1]
    )
    Collection.objects.filter(depth=1, name=COLLECTION_ROOT[0]).update(name=COLLECTION_ROOT[1])


def name_in_english(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=PAGE_ROOT[1]).update(
        title=PAGE_ROOT[0], draft_title=PAGE_ROOT[0]
    )
    Collection.objects.filter(depth=1, name=COLLECTION_ROOT[1]).update(name=COLLECTION_ROOT[0])


class Migration(migrations.Migration):
    dependencies = [("home", "0012_staff_groups_documents")]

    operations = [migrations.RunPython(name_in_latvian, name_in_english)]
