"""Wagtail hooks of the newsletter: its admin menu group, "Send…" on issues, its
history actions, and the refusal to delete an issue that was sent."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from .dispatch_views import SEND_PERMISSION
from .links import NEW_LINKS_ACTION
from .models import Dispatch, NewsletterIssuePage
from .viewsets import NewsletterViewSetGroup


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets() -> NewsletterViewSetGroup:
    return NewsletterViewSetGroup()


def send_button(page, user, priority: int) -> list[Button]:
    """ "Send…" on an e-bulletin issue, for people allowed to send."""
    if not isinstance(page.specific_deferred, NewsletterIssuePage) or not user.has_perm(
        SEND_PERMISSION
    ):
        return []
    if not page.live:
        # An unpublished issue cannot be sent or tested: its send screen says why.
        return []
    url = reverse("dispatches:send", args=[page.pk])
    return [Button(_("Send…"), url=url, icon_name="mail", priority=priority)]


@hooks.register("register_page_header_buttons")
def send_from_page_header(page, user, view_name=None, next_url=None) -> list[Button]:
    return send_button(page, user, priority=5)


@hooks.register("register_page_listing_more_buttons")
def send_from_page_listing(page, user, next_url=None) -> list[Button]:
    return send_button(page, user, priority=5)


@hooks.register("register_log_actions")
def register_subscriber_log_actions(actions) -> None:
    """The subscriber history's lines written by newsletter.status and the named actions."""
    actions.register_action("newsletter.status", _("Status changed"), _("Status changed"))
    actions.register_action(
        "newsletter.confirmation_sent",
        _("Confirmation e-mail sent again"),
        _("Confirmation e-mail sent again"),
    )
    actions.register_action(
        NEW_LINKS_ACTION, _("New personal links"), _("New personal links made; the old ones void")
    )


def sent_issues_within(page: Page):
    """Issues at or under `page` (any language version) that a dispatch went out with."""
    issues = NewsletterIssuePage.objects.descendant_of(page, inclusive=True)
    return Dispatch.objects.filter(
        issue__translation_key__in=issues.values("translation_key")
    ).exists()


@hooks.register("before_delete_page")
def keep_sent_issues(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A sent issue stays: its dispatches keep what went out, and its page is
    the "view in browser" copy every recipient's e-mail links to.

    The dispatch's protected foreign key would otherwise end the deletion in
    a 500 after Wagtail's "referenced 0 times" confirmation.
    """
    if not sent_issues_within(page):
        return None
    messages.error(
        request,
        gettext(
            "A sent issue cannot be deleted: its web copy is what subscribers received and "
            "their e-mails link to it. Unpublish it if it should not be shown."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
