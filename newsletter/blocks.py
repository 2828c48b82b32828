"""Blocks of an e-bulletin issue. Each renders for e-mail (tables, inlined CSS)."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page


def absolute(url: str) -> str:
    """A site-relative address (/lv/pasakumi/) on SITE_URL; a full one as it is."""
    if url.startswith("/") and not url.startswith("//"):
        return settings.SITE_URL + url
    return url


class CallToActionValue(blocks.StructValue):
    def href(self) -> str:
        """Where the button leads, as a full address: the chosen page in the
        issue's language (rendering runs in it), or the address written."""
        page = self.get("page")
        if page is not None:
            return absolute(page.localized.specific.get_url() or "")
        return absolute(self.get("url") or "")


class CallToActionBlock(blocks.StructBlock):
    """A button: to a page of the site (chosen) or to an address."""

    text = blocks.CharBlock(label=_("Button text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page of the site"))
    url = blocks.CharBlock(
        required=False,
        label=_("Or an address"),
        help_text=_("A page of this site as /lv/pasakumi/, or a full address https://…"),
    )

    class Meta:
        icon = "link"
        label = _("Call to action")
        value_class = CallToActionValue

    def clean(self, value):
        value = super().clean(value)
        url = (value.get("url") or "").strip()
        if value.get("page") is None and not url:
            message = _("Choose a page or write an address.")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        if url and not (url.startswith("/") and not url.startswith("//")):
            try:
                URLValidator(schemes=["http", "https", "mailto"])(url)
            except ValidationError:
                message = _("Write a full address (https://…) or a path of this site (/lv/…).")
                raise StructBlockValidationError(
                    block_errors={"url": ValidationError(message)}
                ) from None
        value["url"] = url
        return value


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
