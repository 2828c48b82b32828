"""A long document published as HTML: a handbook (contents, chapters) beside its PDF.

COMPLIANCE.md section 3: inaccessible PDFs are the most often admitted
non-conformity, so the methodology handbook, an image PDF, is also published
as pages a screen reader reads, a phone shows and a printer prints: the
handbook page holds the introduction, the contents list and the PDF link;
each chapter is a page below it with links to the previous and next chapter.
The models are re-exported from home.models.
"""

from __future__ import annotations

from html import unescape

from django.db import models
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.cache_tags import GLOBAL, page_tag, subtree_tag
from core.forms import SitePageForm
from core.pages import SitePage

from . import feedback


class HandbookPage(SitePage, Page):
    """The handbook: what it is, its contents list, its PDF, another format on request."""

    base_form_class = SitePageForm

    lead = models.TextField(blank=True, verbose_name=_("lead"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("introduction"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
        help_text=_("The printed handbook, linked beside the HTML chapters."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("document"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.HandbookChapterPage"]

    @property
    def listing_summary(self) -> str:
        return self.lead

    class Meta:
        verbose_name = _("handbook")
        verbose_name_plural = _("handbooks")

    def chapters(self) -> list[HandbookChapterPage]:
        """The live chapters in the editors' order (the tree's)."""
        return list(HandbookChapterPage.objects.child_of(self).live().public().order_by("path"))

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = self.chapters()
        context["other_format_url"] = feedback.form_url_about(self)
        return context


class HandbookChapterPage(SitePage, Page):
    """One chapter of a handbook, with the way to the chapters before and after it."""

    base_form_class = SitePageForm

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HandbookPage"]
    subpage_types: list[str] = []

    @property
    def listing_summary(self) -> str:
        """The chapter's opening words: search results and the meta description show them."""
        for block in self.body:
            if block.block_type == "paragraph":
                text = strip_tags(block.value.source.replace("</p>", "</p> "))
                return Truncator(unescape(text).strip()).words(25)
        return ""

    class Meta:
        verbose_name = _("handbook chapter")
        verbose_name_plural = _("handbook chapters")

    def cache_dependencies(self) -> list[str]:
        # The previous and next links name the sibling chapters.
        return [GLOBAL, page_tag(self.pk), subtree_tag(self.get_parent().pk)]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        handbook = self.get_parent().specific
        chapters = handbook.chapters()
        position = next((n for n, chapter in enumerate(chapters) if chapter.pk == self.pk), None)
        context["handbook"] = handbook
        if position is not None:
            context["number"] = position + 1
            context["total"] = len(chapters)
            context["previous"] = chapters[position - 1] if position > 0 else None
            context["next"] = chapters[position + 1] if position + 1 < len(chapters) else None
        context["other_format_url"] = feedback.form_url_about(handbook)
        return context
