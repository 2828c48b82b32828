"""Bulletin issues: the web archive page and the issue pages it holds.

How an issue looks as e-mail and on the web is newsletter.rendering's work
(the page's template calls it through newsletter_tags); the models below
know nothing of it, so that rendering imports models and never the reverse.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager

from core.forms import SitePageForm
from core.pages import SitePage
from home.translation import ListedPageQuerySet

from ..blocks import IssueStreamBlock


class NewsletterIssueQuerySet(ListedPageQuerySet):
    def versions_of(self, issue: NewsletterIssuePage) -> NewsletterIssueQuerySet:
        """The live language versions of an issue (aliases are not versions).

        An alias (the untranslated copy in another language's tree) is not a
        version: its readers get the Latvian issue, and the send screen says so.
        """
        return self.listed().filter(translation_key=issue.translation_key).select_related("locale")

    def before(self, issue: NewsletterIssuePage) -> NewsletterIssueQuerySet:
        """Live issues of the same archive published before `issue` (or its draft), latest first."""
        return (
            self.live()
            .sibling_of(issue, inclusive=False)
            .filter(
                first_published_at__lt=issue.first_published_at or issue.latest_revision_created_at
            )
            .order_by("-first_published_at")
        )

    def went_out(self) -> NewsletterIssueQuerySet:
        """Issues a send of which (in any language) began: sending or finished.

        The dispatch models sit above these ones (a dispatch points at its
        issue), so they are reached through the relation, not imported.
        """
        dispatch = self.model._meta.get_field("dispatches").related_model
        sent = dispatch.objects.went_out().filter(
            issue__translation_key=OuterRef("translation_key")
        )
        return self.filter(Exists(sent))


NewsletterIssueManager = PageManager.from_queryset(NewsletterIssueQuerySet)


class NewsletterIndexPage(SitePage, Page):
    """The web archive of past issues; its template carries the full subscribe form."""

    base_form_class = SitePageForm

    intro = RichTextField(
        features=["bold", "italic", "link"], blank=True, verbose_name=_("introduction")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    # One index per language tree, right under its home page.
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("e-bulletin archive")

    @property
    def social_text(self) -> str:
        return self.search_description or strip_tags(self.intro)

    def issues(self) -> NewsletterIssueQuerySet:
        """Issues that went out, newest first; publishing alone does not list one.

        An issue is published before it is e-mailed (the send takes the live
        version); the archive shows it once a send of it (in any language)
        began. Private issues and untranslated aliases are never listed.
        """
        return (
            NewsletterIssuePage.objects.child_of(self)
            .listed()
            .public()
            .went_out()
            .order_by("-first_published_at")
        )


class NewsletterIssuePage(SitePage, Page):
    """One issue of the e-bulletin; its URL is the archive ("view in browser") copy.

    Its template (newsletter/newsletter_issue_page.html) is the e-mail itself:
    what went out in this language once sent, and in a preview the e-mail
    exactly as it will be sent.
    """

    base_form_class = SitePageForm

    subject = models.CharField(
        max_length=255,
        verbose_name=_("e-mail subject"),
        help_text=_("Each language has its own subject."),
    )
    body = StreamField(IssueStreamBlock(), blank=True, verbose_name=_("content"))

    objects = NewsletterIssueManager()

    content_panels = Page.content_panels + [FieldPanel("subject"), FieldPanel("body")]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("e-bulletin issue")
        verbose_name_plural = _("e-bulletin issues")

    def cache_dependencies(self) -> list[str]:
        # The archive copy shows posts and events of its whole language.
        return [*super().cache_dependencies(), self.language_tree_tag()]

    def previous(self) -> NewsletterIssuePage | None:
        """The issue before this one in its archive ("news since the last issue" counts from it)."""
        return NewsletterIssuePage.objects.before(self).first()

    def versions(self) -> dict[str, NewsletterIssuePage]:
        """The live language versions of this issue, by language code."""
        return {
            page.locale.language_code: page
            for page in NewsletterIssuePage.objects.versions_of(self)
        }
