"""Shared steps of the demo loader: find or create a page, translate it.

Every step creates what is missing and leaves what exists alone, so the
loader is safe to run twice and never overwrites an editor's changes.
"""

from collections.abc import Callable

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from home.translation import adopt_translation


def locales() -> tuple[Locale, Locale]:
    latvian = Locale.objects.get(language_code="lv")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return latvian, english


def child_by_slug(parent: Page, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug).specific().first()


def ensure_child(parent: Page, model: type[Page], fields: dict) -> Page:
    """The Latvian page under parent with fields["slug"], created and published if missing."""
    existing = child_by_slug(parent, fields["slug"])
    if existing is not None:
        return existing
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(
    page: Page,
    locale: Locale,
    fields: dict,
    before_publish: Callable[[Page], None] | None = None,
) -> Page:
    """The page's wagtail-localize translation into locale with fields, published if missing.

    The English texts are recorded as translations of the Latvian page's
    segments and the page is saved by wagtail-localize, so it opens in the
    translation editor like any page an editor translates. A translation
    that exists only as an alias (an untranslated copy the synchronised tree
    made) becomes the real translation. before_publish sets what
    wagtail-localize does not translate (categories, tags).
    """
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.alias_of_id is None:
        return translation.specific
    draft = TranslationSource.update_or_create_from_instance(page)[0].as_instance()
    draft.locale = locale
    for name, value in fields.items():
        setattr(draft, name, value)
    translation = adopt_translation(page, draft, publish=False).page
    if before_publish is not None:
        before_publish(translation)
        translation.save_revision()
    translation.get_latest_revision().publish()
    translation.refresh_from_db()
    return translation


def page_fields(texts: dict, common: dict | None = None) -> dict:
    return {**(common or {}), **texts}


def redirect_latvian_slug(latvian: Page, translation: Page) -> None:
    """The translation's address with the Latvian slug redirects permanently to its own.

    The demo first published its English posts, events and e-bulletin under
    their Latvian slugs (/en/news/cesu-gimenu-…/); those addresses may be
    bookmarked or indexed, so they stay as Wagtail redirects (editors see
    them under Settings → Redirects), as Wagtail makes one when an editor
    changes a slug.
    """
    if translation.slug == latvian.slug:
        return
    own = translation.get_url()
    old = own[: -len(translation.slug) - 1] + latvian.slug + "/"
    Redirect.objects.get_or_create(
        old_path=Redirect.normalise_path(old),
        site=None,
        defaults={"redirect_page": translation, "is_permanent": True},
    )
