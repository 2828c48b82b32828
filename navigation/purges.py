"""What purges the page cache: publishing, moving, deleting and restricting pages,
and saving any model an app declares as shown around pages.

An app declares its models shown around every page (menu, footer, lists on
every page) in its AppConfig, one line and no import of this app::

    class BlogConfig(AppConfig):
        shown_around_pages = ["blog.BlogCategory"]

Saving or deleting one of them purges every cached page (the ``global`` tag).
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache_tags import GLOBAL, invalidate

from .page_cache import tags_for_change, tags_for_restriction_change

# The models whose save or delete purges every page, filled from the apps'
# declarations when this app is ready.
_shown_around_pages: list[type[models.Model]] = []


def purge_pages_showing(sender, instance: Page, **kwargs) -> None:
    """Anonymous visitors see a publish at once: purge what shows the page."""
    invalidate(tags_for_change(instance))


def purge_after_move(sender, instance: Page, parent_page_before: Page, **kwargs) -> None:
    invalidate(tags_for_change(instance) + tags_for_change(parent_page_before))


def purge_before_delete(sender, instance: Page, **kwargs) -> None:
    invalidate(tags_for_change(instance))


def purge_after_view_restriction_change(sender, instance: PageViewRestriction, **kwargs) -> None:
    """A page made private (or public again) leaves (or joins) the cache and its lists at once."""
    # Deleting a page deletes its restrictions first; the page purges itself then.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        invalidate(tags_for_restriction_change(page))


def purge_everything_shown_around_pages(sender, **kwargs) -> None:
    """Snippets and settings appear on many pages (menus, footers, lists)."""
    invalidate([GLOBAL])


def register_shown_around_pages(model: type[models.Model]) -> None:
    """Purge every cached page whenever an instance of model is saved or deleted."""
    if model in _shown_around_pages:
        return
    _shown_around_pages.append(model)
    post_save.connect(purge_everything_shown_around_pages, sender=model)
    post_delete.connect(purge_everything_shown_around_pages, sender=model)


def shown_around_pages() -> list[type[models.Model]]:
    """The models registered so far, in the order their apps are installed."""
    return list(_shown_around_pages)


def connect() -> None:
    """Connect the page purges and register every app's ``shown_around_pages``."""
    page_published.connect(purge_pages_showing)
    page_unpublished.connect(purge_pages_showing)
    post_page_move.connect(purge_after_move)
    pre_delete.connect(purge_before_delete, sender=Page)
    post_save.connect(purge_after_view_restriction_change, sender=PageViewRestriction)
    post_delete.connect(purge_after_view_restriction_change, sender=PageViewRestriction)
    for config in apps.get_app_configs():
        for label in getattr(config, "shown_around_pages", ()):
            register_shown_around_pages(apps.get_model(label))
