"""English pages as wagtail-localize translations of their Latvian sources.

An English page written by hand (the demo's, or one an editor made before
wagtail-localize was in use) is a plain page: the translation editor does
not know it, "Sync translated pages" cannot reach it and numbers never
follow the Latvian page. ``adopt_translation`` records its text as
wagtail-localize translations of the Latvian page's segments, paired by
position, and saves the page through ``Translation.save_target``, so from
then on it is an ordinary wagtail-localize translation that still says what
it said.

``follow_source`` is run when a Latvian page is published: live
translations whose text is all translated are saved again from the new
source, which carries figures, dates and other non-language fields across
(see docs/translation.md).
"""

import json
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    SegmentOverride,
    String,
    StringSegment,
    StringTranslation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

# StreamField blocks are addressed by their UUIDs, which differ between two
# pages written apart; positions and block types are what they share.
BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class TranslationMismatch(Exception):
    """The English page is not built like its source, so its text cannot be paired."""

    def __init__(self, page: Page, field: str) -> None:
        self.page, self.field = page, field
        super().__init__(
            f"“{page.title}” (id {page.pk}): the field “{field}” is built differently "
            "from the Latvian page's, so its text cannot be paired segment by segment."
        )


def _shape(segment) -> tuple[str, str]:
    return type(segment).__name__, BLOCK_ID.sub("*", segment.path)


def _field(segment) -> str:
    return segment.path.split(".", 1)[0]


def _check_structure(source_segments: list, target_segments: list, page: Page) -> None:
    """Raise TranslationMismatch naming the first field whose segments do not line up."""
    source_shapes = [_shape(segment) for segment in source_segments]
    target_shapes = [_shape(segment) for segment in target_segments]
    if source_shapes == target_shapes:
        source_templates = [
            s.template for s in source_segments if isinstance(s, TemplateSegmentValue)
        ]
        target_templates = [
            s.template for s in target_segments if isinstance(s, TemplateSegmentValue)
        ]
        if source_templates == target_templates:
            return
    for source_segment, target_segment in zip(source_segments, target_segments, strict=False):
        if _shape(source_segment) != _shape(target_segment) or (
            isinstance(source_segment, TemplateSegmentValue)
            and source_segment.template != target_segment.template
        ):
            raise TranslationMismatch(page, _field(source_segment))
    longer = source_segments if len(source_segments) > len(target_segments) else target_segments
    raise TranslationMismatch(page, _field(longer[min(len(source_segments), len(target_segments))]))


def _segments(instance) -> list:
    """The segments wagtail-localize extracts, in its own order."""
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            # Blocks given as (type, value) have no ids until they are prepared.
            field.get_prep_value(getattr(instance, field.attname))
    return sorted(extract_segments(instance), key=lambda segment: segment.order)


@dataclass
class Adopted:
    """What adopt_translation recorded."""

    translation: LocalizeTranslation
    page: Page
    strings: int
    overrides: int


@transaction.atomic
def adopt_translation(source_page: Page, target_page: Page, *, publish: bool, user=None) -> Adopted:
    """Make target_page a wagtail-localize translation of source_page, keeping its text.

    target_page may be saved (an English page in the tree) or an unsaved
    instance of the same type carrying the texts (the demo's). Its strings
    become StringTranslations of the source's segments, paired by position;
    non-text values it holds differently from the source (a chosen image, a
    link) become overrides. Nothing is written when the two pages are built
    differently (TranslationMismatch names the field). With publish, the
    saved translation is published at once.
    """
    source_page = source_page.specific
    source, _ = TranslationSource.update_or_create_from_instance(source_page)
    locale = target_page.locale
    source_segments = _segments(source.as_instance())
    target_segments = _segments(target_page)
    _check_structure(source_segments, target_segments, target_page)

    strings = overrides = 0
    # One query for every segment's context, not one per segment.
    contexts = {
        context.path: context for context in TranslationContext.objects.filter(object=source.object)
    }
    for source_segment, target_segment in zip(source_segments, target_segments, strict=True):
        if isinstance(source_segment, TemplateSegmentValue | RelatedObjectSegmentValue):
            # Templates are the source's markup; related snippets are
            # matched by their own translations.
            continue
        context = contexts[source_segment.path]
        if isinstance(source_segment, StringSegmentValue):
            StringTranslation.objects.update_or_create(
                translation_of=String.from_value(source.locale, source_segment.string),
                locale=locale,
                context=context,
                defaults={
                    "data": target_segment.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": user,
                    "has_error": False,
                    "field_error": "",
                },
            )
            strings += 1
        elif (
            isinstance(source_segment, OverridableSegmentValue)
            and target_segment.data != source_segment.data
        ):
            SegmentOverride.objects.update_or_create(
                locale=locale,
                context=context,
                defaults={
                    "data_json": json.dumps(target_segment.data),
                    "last_translated_by": user,
                },
            )
            overrides += 1

    translation, _ = LocalizeTranslation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    # wagtail-localize publishes on commit; the demo loader and the tests run
    # inside one transaction, so the draft it saves is published here.
    translation.save_target(user=user, publish=False)
    page = translation.get_target_instance().specific
    if publish:
        page.get_latest_revision().publish(user=user)
        page.refresh_from_db()
    return Adopted(translation=translation, page=page, strings=strings, overrides=overrides)


def is_localize_translation(page: Page) -> bool:
    """True when page is kept by a wagtail-localize Translation of another language's page."""
    return LocalizeTranslation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).exists()


def pages_to_adopt(source_locale: Locale) -> list[tuple[Page, Page]]:
    """(source, translation) pairs: pages of other languages written by hand, not aliases."""
    pairs = []
    for page in (
        Page.objects.exclude(locale=source_locale)
        .filter(alias_of__isnull=True, depth__gt=1)
        .order_by("path")
        .specific()
    ):
        source = page.get_translation_or_none(source_locale)
        if source is None or is_localize_translation(page):
            continue
        pairs.append((source.specific, page))
    return pairs


@dataclass
class Followed:
    """What follow_source did with each translation of a published page."""

    updated: list[Page]
    waiting: list[Page]


def follow_source(source_page: Page, user=None) -> Followed:
    """Carry a just-published source page's new values into its live translations.

    Each live wagtail-localize translation is saved again from the new
    source: numbers, dates and other non-language fields follow at once. A
    translation whose new or changed text is not translated yet is left as
    it was (it would otherwise show Latvian as English) and is reported as
    waiting.
    """
    result = Followed(updated=[], waiting=[])
    source = TranslationSource.objects.filter(
        object_id=source_page.translation_key, locale_id=source_page.locale_id
    ).first()
    if source is None:
        return result
    source.update_from_db()
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        target = source_page.get_translation_or_none(translation.target_locale)
        if target is None or target.alias_of_id is not None or not target.live:
            continue
        try:
            with transaction.atomic():
                page, _ = source.create_or_update_translation(
                    translation.target_locale, user=user, publish=False, fallback=False
                )
                page.get_latest_revision().publish(user=user)
        except (MissingTranslationError, MissingRelatedObjectError):
            result.waiting.append(target)
        else:
            result.updated.append(target)
    return result


class ListedPageQuerySet(PageQuerySet):
    """Pages of a language as its visitors may be shown them."""

    def listed(self) -> "ListedPageQuerySet":
        """Live pages that are not aliases.

        An alias is the untranslated copy wagtail-localize keeps in the
        English tree: it shows the Latvian text, so lists, feeds, the
        newsletter and the home page leave it out until it is translated.
        """
        return self.live().filter(alias_of__isnull=True)


ListedPageManager = PageManager.from_queryset(ListedPageQuerySet)


def untranslated_texts(translation: LocalizeTranslation) -> int:
    """How many of the source's texts have no translation yet.

    The slug does not count: it is part of the address, on the editor's
    second tab, and the Latvian one serves until a translator changes it.
    """
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
        has_error=False,
    )
    return (
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(context__path="slug")
        .exclude(Exists(translated))
        .count()
    )


class TranslationIncomplete(Exception):
    """Some texts are not translated yet: submitting would show Latvian as English."""

    def __init__(self, missing: int) -> None:
        self.missing = missing
        super().__init__(f"{missing} texts are not translated yet.")


def submit_for_moderation(translation: LocalizeTranslation, user) -> Page:
    """Save the translated text as a draft of the target page and start its workflow.

    The moderator then finds it among the pages awaiting review and
    publishes it with Wagtail's own workflow actions. Raises
    PermissionDenied when the user may not submit the page, and
    TranslationIncomplete while texts are left untranslated.
    """
    page = translation.get_target_instance().specific
    permissions = page.permissions_for_user(user)
    workflow = page.get_workflow()
    if workflow is None or not (permissions.can_edit() and permissions.can_submit_for_moderation()):
        raise PermissionDenied
    missing = untranslated_texts(translation)
    if missing:
        raise TranslationIncomplete(missing)
    translation.save_target(user=user, publish=False)
    page = Page.objects.get(pk=page.pk).specific
    workflow.start(page, user)
    return page


def languages_waiting(page: Page) -> list[Locale]:
    """The other languages in which page is not shown yet: no translation, or only an alias."""
    waiting = []
    for locale in Locale.objects.exclude(pk=page.locale_id).order_by("language_code"):
        translation = page.get_translation_or_none(locale)
        if translation is None or translation.alias_of_id is not None or not translation.live:
            waiting.append(locale)
    return waiting


def hide_converted_alias(page_id: int) -> None:
    """Take a page that was an alias a moment ago off the public site.

    wagtail-localize turns an alias into a translation by saving the text onto
    the alias's live row ("Tulkot" does it with the untranslated Latvian
    text). Readers would then see unreviewed text, listed as English; the
    page goes live again when its translation is published.
    """
    page = Page.objects.filter(pk=page_id).first()
    if page is not None and page.live and page.alias_of_id is None:
        page.specific.unpublish(log_action=False)
