"""The group "Jaunumu vēstules pārvaldnieki" (newsletter managers).

They manage subscribers, organisations and lists, see consent records,
prepare and send dispatches (sending needs newsletter.add_dispatch), and
write and publish issues under the e-bulletin archive pages (page
permissions there only; newsletter/permissions.py explains why, and grants
them on archive pages made after this migration). Editors ("Redaktori")
get none of this.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Jaunumu vēstules pārvaldnieki"
MODEL_PERMISSIONS = {
    "subscriber": ("add", "change", "delete", "view"),
    "organisation": ("add", "change", "delete", "view"),
    "mailinglist": ("add", "change", "delete", "view"),
    "consentrecord": ("view",),
    "dispatch": ("add", "change", "view"),
}
ARCHIVE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Issues carry pictures: upload and choose images in any collection.
IMAGE_PERMISSIONS = ("add_image", "choose_image")


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
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    NewsletterIndexPage = apps.get_model("newsletter", "NewsletterIndexPage")
    ensure_permissions(apps)

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for model, actions in MODEL_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="newsletter",
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )

    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=ARCHIVE_PERMISSIONS
    )
    for archive in NewsletterIndexPage.objects.all():
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=archive.pk, permission=permission
            )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0003_tracking_and_erasure"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
