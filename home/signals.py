"""Signal handlers of the site app, connected in HomeConfig.ready()."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale, PageLogEntry
from wagtail.signals import page_published
from wagtail.users.models import UserProfile

from .translation import follow_source, hide_converted_alias


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def give_new_users_a_latvian_admin(sender, instance, created: bool, raw: bool = False, **kwargs):
    """New users get Latvian as their admin language.

    Wagtail otherwise follows the browser's Accept-Language, and staff here
    work in Latvian; a user can still choose English in their account.
    """
    if created and not raw:
        profile = UserProfile.get_for_user(instance)
        if not profile.preferred_language:
            profile.preferred_language = settings.LANGUAGE_CODE
            profile.save(update_fields=["preferred_language"])


@receiver(page_published)
def carry_source_into_translations(sender, instance, **kwargs) -> None:
    """A published Latvian page's figures and dates reach its translations at once."""
    if instance.locale_id == Locale.get_default().pk:
        revision = kwargs.get("revision")
        follow_source(instance, user=revision.user if revision else None)


@receiver(post_save, sender=PageLogEntry)
def hide_pages_converted_from_aliases(sender, instance: PageLogEntry, created: bool, **kwargs):
    if created and instance.action == "wagtail.convert_alias" and instance.page_id:
        # After wagtail-localize's own transaction: it saves the page again
        # (live, from its copy in memory) after logging the conversion.
        page_id = instance.page_id
        transaction.on_commit(lambda: hide_converted_alias(page_id))
