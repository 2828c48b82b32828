"""Flat admin listings of news posts, events and e-bulletin issues.

Wagtail's PageListingViewSet with the columns staff sort and scan by: the
date (Latvian short form), the category and the status. Each listing reads
its categories in one extra query, whatever the number of rows.
"""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from blog.models import BlogPage, EventPage


def latvian_date(field: str, label) -> Column:
    """A sortable date column: 06.12.2014. (with the time, 06.12.2014. 10.00)."""

    def value(page) -> str:
        moment = getattr(page, field)
        if moment is None:
            return "—"
        if isinstance(moment, datetime.datetime):
            return date_format(localtime(moment), "SHORT_DATETIME_FORMAT")
        return date_format(moment, "SHORT_DATE_FORMAT")

    return Column(field, label=capfirst(label), accessor=value, sort_key=field, width="15%")


def title_and_status(columns: list[Column]) -> list[Column]:
    return [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        *columns,
        PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%"),
    ]


class NewsIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("categories")


class NewsListing(PageListingViewSet):
    """Every news post, newest first, with its date and categories."""

    model = BlogPage
    name = "news_posts"
    icon = "doc-full"
    menu_label = _("News posts")
    menu_order = 110
    add_to_admin_menu = True
    index_view_class = NewsIndexView
    columns = title_and_status(
        [
            latvian_date("date", _("date")),
            Column(
                "categories",
                label=capfirst(_("categories")),
                accessor=lambda page: ", ".join(c.name for c in page.categories.all()) or "—",
            ),
        ]
    )


class EventListing(PageListingViewSet):
    """Every event with its start and venue."""

    model = EventPage
    name = "events"
    icon = "date"
    menu_label = _("Events")
    menu_order = 120
    add_to_admin_menu = True
    columns = title_and_status(
        [latvian_date("start", _("start")), Column("venue", label=capfirst(_("venue")))]
    )
