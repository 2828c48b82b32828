"""Blocks of an e-bulletin issue. Each renders for e-mail (tables, inlined CSS)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"))
    url = blocks.URLBlock(label=_("Link"))

    class Meta:
        icon = "link"
        label = _("Call to action")


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
