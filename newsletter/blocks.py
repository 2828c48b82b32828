"""Blocks of an e-bulletin issue. Each renders for e-mail (tables, inlined CSS)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"))
    url = blocks.URLBlock(label=_("Link"))

    class Meta:
        icon = "link"
        label = _("Call to action")


def readable_by_everyone(pages: Iterable[Page | None]) -> list[Page]:
    """The pages anyone may read now: live and without a view restriction
    on themselves or an ancestor, in the order given.

    An issue goes to every subscriber and its archive copy is public, so a
    private or unpublished post must neither be chosen nor go out (a post
    unpublished after it was chosen drops out at the next rendering).
    """
    pages = [page for page in pages if page is not None]
    readable = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[page.pk for page in pages])
        .values_list("pk", flat=True)
    )
    return [page for page in pages if page.pk in readable]


class ChosenPostsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    posts = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="blog.BlogPage"), label=_("News posts")
    )

    class Meta:
        icon = "doc-full"
        label = _("Chosen news")

    def clean(self, value):
        value = super().clean(value)
        readable = {page.pk for page in readable_by_everyone(value["posts"])}
        refused = {
            index: ValidationError(
                gettext(
                    "Only published posts that everyone may read can be chosen: "
                    "“%(title)s” is unpublished or private."
                )
                % {"title": page.title}
            )
            for index, page in enumerate(value["posts"])
            if page is not None and page.pk not in readable
        }
        if refused:
            raise StructBlockValidationError(
                block_errors={"posts": ListBlockValidationError(block_errors=refused)}
            )
        return value


class LatestNewsBlock(blocks.StructBlock):
    """Fills itself with the news published since the previous issue."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))

    class Meta:
        icon = "list-ul"
        label = _("News since the last issue")


class UpcomingEventsBlock(blocks.StructBlock):
    """Fills itself with the next events."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    count = blocks.IntegerBlock(default=5, min_value=1, max_value=20, label=_("How many"))

    class Meta:
        icon = "date"
        label = _("Upcoming events")


class IssueStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph")
    )
    image = ImageBlock(label=_("Image"))
    call_to_action = CallToActionBlock()
    chosen_posts = ChosenPostsBlock()
    latest_news = LatestNewsBlock()
    upcoming_events = UpcomingEventsBlock()
