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

from home.featured import featured_project

from .blocks import EmailPart
from .models import Dispatch

UNSUBSCRIBE_URL = "%%UNSUBSCRIBE_URL%%"
PREFERENCES_URL = "%%PREFERENCES_URL%%"
NAME = "%%NAME%%"
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


def email_blocks(issue, context: dict) -> list[EmailPart]:
    """Each block of the issue rendered by itself (newsletter.blocks.EmailBlock), in order.

    The posts chosen by hand anywhere in the issue are known to every block
    ("news since the last issue" leaves them out: a post appears once).
    """
    chosen = {
        post.translation_key
        for child in issue.body
        for post in child.block.posts_chosen(child.value)
    }
    context = {**context, "chosen_post_keys": chosen}
    return [child.block.render_email(child.value, context) for child in issue.body]


def render_issue(issue) -> RenderedIssue:
    """The issue in its own language, with placeholders for the recipient's parts."""
    language = issue.locale.language_code
    with translation.override(language):
        context = {
            "issue": issue,
            "site_url": settings.SITE_URL,
            "archive_url": issue.get_full_url() or settings.SITE_URL,
            "unsubscribe_url": UNSUBSCRIBE_URL,
            "preferences_url": PREFERENCES_URL,
            "name": NAME,
            "language": language,
            "project": featured_project(issue.get_site(), issue.locale),
        }
        context["blocks"] = email_blocks(issue, context)
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
