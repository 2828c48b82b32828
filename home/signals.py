"""Signal handlers of the site app, connected in HomeConfig.ready()."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.users.models import UserProfile


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
