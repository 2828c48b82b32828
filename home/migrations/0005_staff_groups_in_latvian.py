"""Wagtail's own Editors and Moderators groups, named in Latvian, with what
project staff need besides pages: translating, news categories and partners.

The groups and the "Moderators approval" workflow come from Wagtail's
migrations; they are renamed rather than duplicated.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RENAMES = {"Editors": "Redaktori", "Moderators": "Moderatori"}
WORKFLOW_NAMES = {"Moderators approval": "Moderatoru apstiprinājums"}
SNIPPET_MODELS = [("home", "partner"), ("blog", "blogcategory")]


def ensure_permissions(apps) -> None:
    # Permissions are normally created after all migrations have run.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    ensure_permissions(apps)

    for old, new in RENAMES.items():
        Group.objects.filter(name=old).update(name=new)
    for old, new in WORKFLOW_NAMES.items():
        Task.objects.filter(name=old).update(name=new)
        Workflow.objects.filter(name=old).update(name=new)

    snippet_permissions = Permission.objects.filter(
        content_type__app_label__in=[app for app, _ in SNIPPET_MODELS],
        content_type__model__in=[model for _, model in SNIPPET_MODELS],
        codename__regex=r"^(add|change|delete|view)_",
    )
    translate = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    for name in RENAMES.values():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*snippet_permissions, *translate)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for old, new in RENAMES.items():
        Group.objects.filter(name=new).update(name=old)
    for old, new in WORKFLOW_NAMES.items():
        Task.objects.filter(name=new).update(name=old)
        Workflow.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_sitesettings_accessibility_page_and_more"),
        ("blog", "0003_alter_blogpage_body_alter_eventpage_body"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
