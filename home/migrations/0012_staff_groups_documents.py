"""Documents for "Redaktori" and "Moderatori", which 0005's renaming took from them.

Wagtail's wagtaildocs migrations give document rights to the groups named
"Editors" and "Moderators". On a fresh database 0005 renamed those groups
before wagtaildocs' data migration ran, so it found no group to give them to:
the editors could choose documents but not open, upload or replace them.
This grants what Wagtail gives its stock groups (add, change, delete on the
model; add, change, choose in the root collection), for documents and, where
missing, images. Running it again changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Redaktori", "Moderatori")
MODEL_PERMISSIONS = {
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
}
# Wagtail reads these per collection; "delete" counts as "change" there.
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
    "wagtailimages": ("add_image", "change_image", "choose_image"),
}


def ensure_permissions(apps) -> None:
    # Permissions are normally created after all migrations have run.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ensure_permissions(apps)
    root_collection = Collection.objects.filter(depth=1).first()

    for group in Group.objects.filter(name__in=GROUPS):
        for app_label, codenames in MODEL_PERMISSIONS.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
        if root_collection is None:
            continue
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0011_indicators_keep_their_help_text_with_decimal_comma"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Backwards leaves the rights in place: taking documents away from editors
    # who had them before would be a surprise, not an undo.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
