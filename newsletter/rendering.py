"""One rendering of an issue per language; per-recipient parts filled in afterwards.

The same function serves the preview, the test send, the real send and the
web archive, so what an editor previews is what subscribers get. Templates
render once per language; each recipient only costs a few string
replacements (the unsubscribe link and their name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from blog import calendar
from blog.models import BlogPage, EventPage

from .blocks import readable_by_everyone
from .models import Dispatch

UNSUBSCRIBE_URL = "%%UNSUBSCRIBE_URL%%"
PREFERENCES_URL = "%%PREFERENCES_URL%%"
NAME = "%%NAME%%"
LATEST_NEWS_WHEN_FIRST = 4
_URL_ATTRIBUTE = re.compile(r'\b(?:href|src)="([^"]*)"')
_ABSOLUTE = ("https://", "http://", "mailto:", "tel:", "%%")


class RenderingError(Exception):
    """The issue cannot be sent as it is; the message says what to fix."""


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"subject": self.subject, "html": self.html, "text": self.text}


def fill(content: str, values: dict[str, str]) -> str:
    for marker, value in values.items():
        content = content.replace(marker, value)
    return content


def absolutise(html: str) -> str:
    """Site-relative links (/lv/…) become absolute on SITE_URL; others must already be."""
    html = re.sub(r'\b(href|src)="/(?!/)', rf'\1="{settings.SITE_URL}/', html)
    for url in _URL_ATTRIBUTE.findall(html):
        if not url.startswith(_ABSOLUTE):
            raise RenderingError(
                _(
                    "The link “%(url)s” is not a full address. E-mail needs addresses that "
                    "start with https:// — edit the issue and write the whole address."
                )
                % {"url": url}
            )
    return html


def latest_news(issue) -> list[BlogPage]:
    """Posts of the issue's language published since the previous issue."""
    previous = issue.previous() if issue.pk else None
    posts = BlogPage.objects.listed().public().filter(locale_id=issue.locale_id).order_by("-date")
    if previous is None:
        return list(posts[:LATEST_NEWS_WHEN_FIRST])
    return list(posts.filter(first_published_at__gt=previous.first_published_at))


def upcoming_events(issue, count: int) -> list[calendar.Occurrence]:
    events = EventPage.objects.listed().public().filter(locale_id=issue.locale_id)
    return calendar.upcoming(events)[:count]


def chosen_post_keys(issue) -> set:
    """The translation keys of the posts chosen by hand anywhere in the issue."""
    return {
        post.translation_key
        for block in issue.body
        if block.block_type == "chosen_posts"
        for post in block.value["posts"]
        if post
    }


def prepared_blocks(issue) -> list[dict]:
    """The issue's blocks with the automatic ones filled in.

    "News since the last issue" leaves out the posts the editor already chose
    for the same issue: a post appears once.
    """
    prepared = []
    chosen = chosen_post_keys(issue)
    for block in issue.body:
        item = {"type": block.block_type, "value": block.value}
        if block.block_type == "latest_news":
            item["posts"] = [
                post for post in latest_news(issue) if post.translation_key not in chosen
            ]
        elif block.block_type == "upcoming_events":
            item["occurrences"] = upcoming_events(issue, block.value["count"])
        elif block.block_type == "chosen_posts":
            item["posts"] = readable_by_everyone(
                post.localized.specific for post in block.value["posts"] if post
            )
        prepared.append(item)
    return prepared


def render_issue(issue) -> RenderedIssue:
    """The issue in its own language, with placeholders for the recipient's parts."""
    language = issue.locale.language_code
    with translation.override(language):
        context = {
            "issue": issue,
            "blocks": prepared_blocks(issue),
            "site_url": settings.SITE_URL,
            "archive_url": issue.get_full_url() or settings.SITE_URL,
            "unsubscribe_url": UNSUBSCRIBE_URL,
            "preferences_url": PREFERENCES_URL,
            "name": NAME,
            "language": language,
        }
        html = render_to_string("newsletter/email/issue.html", context)
        text = render_to_string("newsletter/email/issue.txt", context)
    html = css_inline.inline(absolutise(html))
    return RenderedIssue(subject=issue.subject, html=html, text=text)


def personalise(
    content: str, *, unsubscribe_url: str, preferences_url: str, name: str, html: bool
) -> str:
    """The recipient's own links and name in place of the placeholders.

    In the HTML part (`html`) they are escaped: a name is text a visitor
    typed, never markup; the plain-text part gets them as they are.
    """
    values = {UNSUBSCRIBE_URL: unsubscribe_url, PREFERENCES_URL: preferences_url, NAME: name}
    if html:
        values = {marker: escape(value) for marker, value in values.items()}
    return fill(content, values)


def anonymous(content: str, *, html: bool) -> str:
    """A copy for nobody in particular (the web archive, a test send): links lead to the site."""
    home = settings.SITE_URL + "/"
    return personalise(content, unsubscribe_url=home, preferences_url=home, name="", html=html)


def archive_html(issue, frozen: bool = True) -> str:
    """The web copy: the frozen e-mail of the last send in this language, if any.

    Nobody's unsubscribe link is in it: the link leads to the site instead.
    """
    html = None
    if frozen:
        dispatch = Dispatch.objects.of_issue(issue).standing().order_by("-created_at").first()
        if dispatch is not None:
            html = dispatch.frozen.get(issue.locale.language_code, {}).get("html")
    if html is None:
        html = render_issue(issue).html
    return anonymous(html, html=True)
