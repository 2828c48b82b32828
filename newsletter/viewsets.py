"""The newsletter in the Wagtail admin: one "E-apkārtraksts" menu and what is in it.

Issues and their sends (newsletter.dispatch_views), subscribers and their
import (newsletter.subscriber_views, newsletter.import_views), and here the
organisations and mailing lists, the issues' listing and the menu group.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.generic.models import DeleteView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .admin_columns import short_date, yes_no
from .dispatch_views import DispatchMenuItem, DispatchViewSet
from .models import (
    MailingList,
    NewsletterIssuePage,
    Organisation,
)
from .subscriber_views import SubscriberViewSet


class OrganisationIndexView(IndexView):
    add_item_label = _("Add an organisation")

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(subscriber_count=Count("subscribers"))


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    name = "organisations"
    icon = "group"
    copy_view_enabled = False
    index_view_class = OrganisationIndexView
    form_fields = ["name", "municipality"]
    list_display = [
        "name",
        "municipality",
        Column("subscriber_count", label=_("Subscribers"), sort_key="subscriber_count"),
    ]
    search_fields = ["name", "municipality"]
    search_backend_name = None


class MailingListIndexView(IndexView):
    add_item_label = _("Add a list")

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(subscriber_count=Count("subscribers"))


class MailingListDeleteView(DeleteView):
    """The default list cannot go: whatever names no list means it."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.is_default:
            messages.error(request, _("The default list cannot be deleted."))
            return HttpResponseRedirect(reverse("mailing_lists:index"))
        return super().dispatch(request, *args, **kwargs)


class MailingListViewSet(ModelViewSet):
    model = MailingList
    name = "mailing_lists"
    icon = "list-ul"
    copy_view_enabled = False
    index_view_class = MailingListIndexView
    delete_view_class = MailingListDeleteView
    form_fields = ["name", "slug", "description", "is_default"]
    list_display = [
        "name",
        "slug",
        yes_no("is_default", _("default list")),
        Column("subscriber_count", label=_("Subscribers"), sort_key="subscriber_count"),
    ]
    search_fields = ["name", "slug"]
    search_backend_name = None


class IssueListing(PageListingViewSet):
    """The issues of the e-bulletin, in the E-apkārtraksts menu."""

    model = NewsletterIssuePage
    name = "issues"
    icon = "doc-full"
    menu_label = _("Issues")
    # In the menu of those who send: the E-apkārtraksts menu stays theirs.
    menu_item_class = DispatchMenuItem
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        short_date("first_published_at", _("Published")),
        Column("subject", label=_("e-mail subject")),
        PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%"),
    ]


class NewsletterViewSetGroup(ViewSetGroup):
    """One "E-apkārtraksts" menu item for everything the newsletter managers use."""

    menu_label = _("E-bulletin")
    menu_icon = "mail"
    menu_order = 250
    items = (
        IssueListing,
        DispatchViewSet,
        SubscriberViewSet,
        OrganisationViewSet,
        MailingListViewSet,
    )
