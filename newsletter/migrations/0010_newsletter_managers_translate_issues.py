"""Newsletter managers may translate issues with wagtail-localize.

Its "Translate" action needs wagtail_localize.submit_translation besides
page rights; without it Līga met "nav piekļuves" on the English issue.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Jaunumu vēstules pārvaldnieki"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        # Permissions are normally created after all migrations have run.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            )
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0009_keyed_consent_digests"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
