"""Signal handlers of the site app, connected in HomeConfig.ready()."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageLogEntry, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.users.models import UserProfile

from . import page_cache
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
@receiver(page_unpublished)
def purge_pages_showing(sender, instance, **kwargs) -> None:
    """Anonymous visitors see a publish at once: purge what shows the page."""
    page_cache.invalidate(page_cache.tags_for_change(instance))


@receiver(page_published)
def carry_source_into_translations(sender, instance, **kwargs) -> None:
    """A published Latvian page's figures and dates reach its translations at once."""
    if instance.locale_id == Locale.get_default().pk:
        revision = kwargs.get("revision")
        follow_source(instance, user=revision.user if revision else None)


@receiver(post_page_move)
def purge_after_move(sender, instance, parent_page_before, **kwargs) -> None:
    page_cache.invalidate(
        page_cache.tags_for_change(instance) + page_cache.tags_for_change(parent_page_before)
    )


@receiver(pre_delete, sender=Page)
def purge_before_delete(sender, instance, **kwargs) -> None:
    page_cache.invalidate(page_cache.tags_for_change(instance))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_after_view_restriction_change(sender, instance, **kwargs) -> None:
    """A page made private (or public again) leaves (or joins) the cache and its lists at once."""
    # Deleting a page deletes its restrictions first; the page purges itself then.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        page_cache.invalidate(page_cache.tags_for_restriction_change(page))


def purge_everything_shown_around_pages(sender, **kwargs) -> None:
    """Snippets and settings appear on many pages (menus, footers, lists)."""
    page_cache.invalidate([page_cache.GLOBAL])


def connect_snippet_purges() -> None:
    """Purge on every save or delete of the models shown around pages."""
    from blog.models import BlogCategory

    from .models import Partner, SiteSettings

    for model in (BlogCategory, Partner, SiteSettings):
        post_save.connect(purge_everything_shown_around_pages, sender=model)
        post_delete.connect(purge_everything_shown_around_pages, sender=model)


@receiver(post_save, sender=PageLogEntry)
def hide_pages_converted_from_aliases(sender, instance: PageLogEntry, created: bool, **kwargs):
    if created and instance.action == "wagtail.convert_alias" and instance.page_id:
        # After wagtail-localize's own transaction: it saves the page again
        # (live, from its copy in memory) after logging the conversion.
        page_id = instance.page_id
        transaction.on_commit(lambda: hide_converted_alias(page_id))
