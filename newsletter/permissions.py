"""The newsletter managers' group: subscribers and sending, and the issue archive.

The group and its model permissions come from migration 0004. Its page
permissions are on the e-bulletin archive (NewsletterIndexPage) of each
language, not on the home page: a grant on the home page would let a
newsletter manager publish every page of the site. An archive page does not
exist when migrations run on a fresh database (the demo loader or an editor
makes it later), so each new archive page grants them on itself.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

MANAGERS_GROUP = "Jaunumu vēstules pārvaldnieki"
# Write, publish and translate issues under the archive; no deleting.
ARCHIVE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def grant_archive(archive: Page) -> None:
    """Let the newsletter managers write and publish issues under this archive page."""
    group = Group.objects.filter(name=MANAGERS_GROUP).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=ARCHIVE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=archive, permission=permission)


def grant_new_archive(sender, instance: Page, created: bool, raw: bool = False, **kwargs):
    """post_save of NewsletterIndexPage: a new archive (or its translation) is theirs."""
    if created and not raw:
        grant_archive(instance)
