"""The admin's start page for each role (JOURNEYS.md: Ilze, Jānis, Līga).

Panels for Wagtail's dashboard (`construct_homepage_panels`): quick buttons to
start a post, an event or an issue; the e-bulletin's last send, subscribers
and pending confirmations; upcoming events; English pages still waiting for
their translation. Each panel shows only what its reader may act on, and
costs a fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Site

from blog.models import BlogIndexPage, EventIndexPage, EventPage
from home.accessibility import AccessibilityStatement
from newsletter.dispatch_views import SEND_PERMISSION, VIEW_PERMISSION
from newsletter.models import Dispatch, NewsletterIndexPage, Subscriber
from newsletter.reports import progress_of_each

UPCOMING_EVENTS_SHOWN = 5
TRANSLATIONS_SHOWN = 5
SOURCE_LANGUAGE = "lv"


@dataclass(frozen=True)
class QuickButton:
    label: str
    url: str
    icon: str


def quick_buttons(user) -> list[QuickButton]:
    """ "Jauna ziņa", "Jauns pasākums", "Jauns numurs": where the user may add them."""
    wanted = [
        (BlogIndexPage, "blog", "blogpage", _("New post"), "doc-full"),
        (EventIndexPage, "blog", "eventpage", _("New event"), "date"),
        (NewsletterIndexPage, "newsletter", "newsletterissuepage", _("New issue"), "mail"),
    ]
    indexes = {
        type(page.specific_deferred): page
        for page in Page.objects.filter(locale__language_code=SOURCE_LANGUAGE)
        .type(BlogIndexPage, EventIndexPage, NewsletterIndexPage)
        .specific(defer=True)
    }
    buttons = []
    for model, app_label, model_name, label, icon in wanted:
        index = indexes.get(model)
        if index is not None and index.permissions_for_user(user).can_add_subpage():
            url = reverse("wagtailadmin_pages:add", args=[app_label, model_name, index.pk])
            buttons.append(QuickButton(str(label), url, icon))
    return buttons


class QuickButtonsPanel(Component):
    name = "staff_quick_buttons"
    order = 10
    template_name = "staff/panels/quick_buttons.html"

    def __init__(self, user) -> None:
        self.buttons = quick_buttons(user)

    def render_html(self, parent_context=None) -> str:
        return super().render_html(parent_context) if self.buttons else ""

    def get_context_data(self, parent_context: Any) -> dict:
        return {"buttons": self.buttons}


def bulletin_summary() -> dict:
    """The last send with its counts, and the subscribers by state: two queries."""
    last = progress_of_each(
        Dispatch.objects.select_related("issue").order_by("-created_at"), limit=1
    )
    counts = Subscriber.objects.counts_by_status()
    return {"last_send": last[0] if last else None, **counts}


class BulletinPanel(Component):
    name = "staff_bulletin"
    order = 20
    template_name = "staff/panels/bulletin.html"

    def get_context_data(self, parent_context: Any) -> dict:
        return {
            **bulletin_summary(),
            "sends_url": reverse("dispatches:index"),
            "subscribers_url": reverse("subscribers:index"),
            "pending_url": reverse("subscribers:index") + "?status=pending",
        }


def upcoming_events(limit: int = UPCOMING_EVENTS_SHOWN) -> list[EventPage]:
    """The next Latvian events that have not ended yet, soonest first."""
    return list(
        EventPage.objects.filter(
            locale__language_code=SOURCE_LANGUAGE, end__gte=timezone.now()
        ).order_by("start")[:limit]
    )


class UpcomingEventsPanel(Component):
    name = "staff_upcoming_events"
    order = 30
    template_name = "staff/panels/upcoming_events.html"

    def get_context_data(self, parent_context: Any) -> dict:
        return {"events": upcoming_events()}


def translations_waiting(limit: int = TRANSLATIONS_SHOWN) -> tuple[int, list[Page]]:
    """English pages that are still untranslated copies (aliases) of their Latvian
    source: how many, and the most recently changed few."""
    aliases = Page.objects.filter(alias_of__isnull=False).exclude(
        locale__language_code=SOURCE_LANGUAGE
    )
    return aliases.count(), list(aliases.order_by("-latest_revision_created_at", "-pk")[:limit])


class TranslationsWaitingPanel(Component):
    name = "staff_translations_waiting"
    order = 40
    template_name = "staff/panels/translations_waiting.html"

    def get_context_data(self, parent_context: Any) -> dict:
        count, pages = translations_waiting()
        return {"count": count, "pages": pages}


class AccessibilityReviewPanel(Component):
    """A reminder that the accessibility statement's yearly review is due."""

    name = "staff_accessibility_review"
    order = 5
    template_name = "staff/panels/accessibility_review.html"

    def __init__(self, statement: AccessibilityStatement) -> None:
        self.statement = statement

    def get_context_data(self, parent_context: Any) -> dict:
        return {
            "statement": self.statement,
            "settings_url": reverse(
                "wagtailsettings:edit",
                args=["home", "accessibilitystatement", self.statement.site_id],
            ),
        }


def accessibility_review_panel(user, request=None) -> AccessibilityReviewPanel | None:
    """The reminder, for those who may update the statement's facts, once the review is due."""
    if not user.has_perm("home.change_accessibilitystatement"):
        return None
    if request is not None:
        statement = AccessibilityStatement.for_request(request)
    else:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        statement = AccessibilityStatement.for_site(site)
    return AccessibilityReviewPanel(statement) if statement.review_is_due else None


def panels_for(user, request=None) -> list[Component]:
    """The project's panels this user gets, before Wagtail's own."""
    panels: list[Component] = [QuickButtonsPanel(user)]
    reminder = accessibility_review_panel(user, request)
    if reminder is not None:
        panels.insert(0, reminder)
    if user.has_perm(VIEW_PERMISSION) or user.has_perm(SEND_PERMISSION):
        panels.append(BulletinPanel())
    # Everyone writes or reads about events and translations (Līga's issues
    # list the upcoming events too).
    return [*panels, UpcomingEventsPanel(), TranslationsWaitingPanel()]
