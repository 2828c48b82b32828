"""Blocks of an e-bulletin issue. Each renders for e-mail (tables, inlined CSS)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock


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


class ChosenPostsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    posts = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="blog.BlogPage"), label=_("News posts")
    )

    class Meta:
        icon = "doc-full"
        label = _("Chosen news")


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
