"""Blocks of an e-bulletin issue. Each renders itself for e-mail, in HTML and in text.

A block type is one class here: its fields, its two e-mail templates
(templates/newsletter/email/blocks/) and what it fetches for them. The
issue's templates only loop over the rendered blocks (newsletter.rendering),
so a new block type needs no change anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from blog import calendar
from blog.models import BlogPage, EventPage

# A first issue has no previous one to count from: it shows this many posts.
LATEST_NEWS_WHEN_FIRST = 4
EMAIL_TEMPLATES = "newsletter/email/blocks/"


@dataclass(frozen=True)
class EmailPart:
    """One block of an issue as it goes into the e-mail's HTML and text parts."""

    html: SafeString
    text: str


class EmailBlock:
    """A block of an issue that renders itself for e-mail.

    The templates get the issue's context (issue, site_url, language,
    chosen_post_keys) and what email_context adds (the value by default).
    """

    email_html_template: str
    email_text_template: str

    def email_context(self, value: Any, context: dict[str, Any]) -> dict[str, Any]:
        """What this block's templates show besides the issue's context."""
        return {"value": value}

    def posts_chosen(self, value: Any) -> list[Page]:
        """News posts an editor chose by hand in this block ("news since the
        last issue" leaves them out: a post appears once in an issue)."""
        return []

    def render_email(self, value: Any, context: dict[str, Any]) -> EmailPart:
        """The block in the e-mail's HTML part and text part."""
        context = {**context, **self.email_context(value, context)}
        return EmailPart(
            html=render_to_string(self.email_html_template, context),
            text=render_to_string(self.email_text_template, context),
        )


class ParagraphBlock(EmailBlock, blocks.RichTextBlock):
    """Rich text; the text part is the text without its markup."""

    email_html_template = EMAIL_TEMPLATES + "paragraph.html"
    email_text_template = EMAIL_TEMPLATES + "paragraph.txt"


class IssueImageBlock(EmailBlock, ImageBlock):
    """An image 552 px wide (the column); the text part leaves it out."""

    email_html_template = EMAIL_TEMPLATES + "image.html"
    email_text_template = EMAIL_TEMPLATES + "image.txt"


# Stored in migrations as Wagtail's own block (IssueImageBlock is already,
# as every ImageBlock): moving or renaming these classes needs no migration.
DECONSTRUCT_ALIASES = {ParagraphBlock: "wagtail.blocks.RichTextBlock"}


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


class CallToActionBlock(EmailBlock, blocks.StructBlock):
    """A button: to a page of the site (chosen) or to an address."""

    email_html_template = EMAIL_TEMPLATES + "call_to_action.html"
    email_text_template = EMAIL_TEMPLATES + "call_to_action.txt"

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


def latest_news(issue: Page) -> list[BlogPage]:
    """Posts of the issue's language published since the previous issue."""
    previous = issue.previous() if issue.pk else None
    posts = BlogPage.objects.listed().public().filter(locale_id=issue.locale_id).order_by("-date")
    if previous is None:
        return list(posts[:LATEST_NEWS_WHEN_FIRST])
    return list(posts.filter(first_published_at__gt=previous.first_published_at))


def upcoming_events(issue: Page, count: int) -> list[calendar.Occurrence]:
    """The next `count` occurrences of events in the issue's language."""
    events = EventPage.objects.listed().public().filter(locale_id=issue.locale_id)
    return calendar.upcoming(events)[:count]


class ChosenPostsBlock(EmailBlock, blocks.StructBlock):
    """News posts chosen by hand, in the issue's language, if anyone may read them."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    posts = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="blog.BlogPage"), label=_("News posts")
    )

    email_html_template = EMAIL_TEMPLATES + "news.html"
    email_text_template = EMAIL_TEMPLATES + "news.txt"

    class Meta:
        icon = "doc-full"
        label = _("Chosen news")

    def posts_chosen(self, value: Any) -> list[Page]:
        return [post for post in value["posts"] if post]

    def email_context(self, value: Any, context: dict[str, Any]) -> dict[str, Any]:
        posts = readable_by_everyone(post.localized.specific for post in self.posts_chosen(value))
        return {"value": value, "posts": posts}

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


class LatestNewsBlock(EmailBlock, blocks.StructBlock):
    """Fills itself with the news published since the previous issue.

    It leaves out the posts the editor already chose for the same issue.
    """

    heading = blocks.CharBlock(required=False, label=_("Heading"))

    email_html_template = EMAIL_TEMPLATES + "news.html"
    email_text_template = EMAIL_TEMPLATES + "news.txt"

    class Meta:
        icon = "list-ul"
        label = _("News since the last issue")

    def email_context(self, value: Any, context: dict[str, Any]) -> dict[str, Any]:
        chosen = context.get("chosen_post_keys", set())
        posts = [
            post for post in latest_news(context["issue"]) if post.translation_key not in chosen
        ]
        return {"value": value, "posts": posts}


class UpcomingEventsBlock(EmailBlock, blocks.StructBlock):
    """Fills itself with the next events."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    count = blocks.IntegerBlock(default=5, min_value=1, max_value=20, label=_("How many"))

    email_html_template = EMAIL_TEMPLATES + "upcoming_events.html"
    email_text_template = EMAIL_TEMPLATES + "upcoming_events.txt"

    class Meta:
        icon = "date"
        label = _("Upcoming events")

    def email_context(self, value: Any, context: dict[str, Any]) -> dict[str, Any]:
        return {"value": value, "occurrences": upcoming_events(context["issue"], value["count"])}


class IssueStreamBlock(blocks.StreamBlock):
    """The blocks of an issue; every one of them an EmailBlock."""

    paragraph = ParagraphBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph")
    )
    image = IssueImageBlock(label=_("Image"))
    call_to_action = CallToActionBlock()
    chosen_posts = ChosenPostsBlock()
    latest_news = LatestNewsBlock()
    upcoming_events = UpcomingEventsBlock()
