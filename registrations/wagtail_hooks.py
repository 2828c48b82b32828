"""The event's page takes the registration form's POST (SPEC: no action, the page's URL);
the staff screens' URLs, menu item, page buttons and start-page panel."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path, reverse
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from blog.models import EventPage

from . import dashboard, views
from .admin_views import (
    AddRegistrationView,
    EventListView,
    ExportView,
    IssueCertificatesView,
    MoveView,
    RegistrationIndexView,
)
from .checkin_views import CheckInView, SignInSheetView
from .permissions import can_manage, may_manage_any

# "Pieteikumi" elsewhere in the admin; staff call these screens "Reģistrācijas".
LABEL = pgettext_lazy("admin menu", "Registrations")


def _is_event_page_itself(page: EventPage, request: HttpRequest) -> bool:
    # Its sub-routes (calendar/) keep Wagtail's own handling.
    return request.path == page.get_url(request=request)


# After navigation's hook (order 0), which marks the page cacheable.
@hooks.register("before_serve_page", order=100)
def take_registrations(page, request: HttpRequest, serve_args, serve_kwargs) -> HttpResponse | None:
    """A POST to an event's page signs up; a GET showing the form is never cached.

    The form carries the visitor's own CSRF token (and, after a failed POST,
    their input and errors): a page holding it must not be stored for the
    next visitor.
    """
    if not isinstance(page, EventPage):
        return None
    if request.method == "POST":
        if not _is_event_page_itself(page, request):
            return None
        return views.take_sign_up(
            request, page, lambda: page.serve(request, *serve_args, **serve_kwargs)
        )
    # registration_open is synchronised from the Latvian page: checking it first
    # keeps the pages of events without sign-ups free of any extra query.
    if page.registration_open and page.seat_page().takes_registrations():
        request.page_cache_tags = None
    return None


# The staff screens (registrations.admin_views, registrations.checkin_views) ---------


def _admin_urls() -> list:
    return [
        path("", EventListView.as_view(), name="events"),
        path("<int:event_id>/", RegistrationIndexView.as_view(), name="index"),
        path(
            "<int:event_id>/results/",
            RegistrationIndexView.as_view(results_only=True),
            name="index_results",
        ),
        path("<int:event_id>/add/", AddRegistrationView.as_view(), name="add"),
        path("<int:event_id>/move/<int:registration_id>/", MoveView.as_view(), name="move"),
        path("<int:event_id>/export.<str:fmt>", ExportView.as_view(), name="export"),
        path(
            "<int:event_id>/certificates/",
            IssueCertificatesView.as_view(),
            name="certificates",
        ),
        path("<int:event_id>/<str:session>/check-in/", CheckInView.as_view(), name="check_in"),
        path(
            "<int:event_id>/<str:session>/sign-in-sheet/",
            SignInSheetView.as_view(),
            name="sign_in_sheet",
        ),
    ]


@hooks.register("register_admin_urls")
def register_registrations_urls() -> list:
    return [path("registrations/", include((_admin_urls(), "registrations")))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_manage_any(request.user)


@hooks.register("register_admin_menu_item")
def registrations_menu_item() -> MenuItem:
    return RegistrationsMenuItem(
        LABEL, reverse("registrations:events"), icon_name="clipboard-list", order=125
    )


def _registrations_button(page, user, priority: int) -> Button | None:
    page = page.specific_deferred if not isinstance(page, EventPage) else page
    if not isinstance(page, EventPage) or not can_manage(user, page):
        return None
    return Button(
        LABEL,
        url=reverse("registrations:index", args=[page.seat_page().pk]),
        icon_name="clipboard-list",
        priority=priority,
    )


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    """ "Reģistrācijas" in an event's "..." menu in the page explorer."""
    button = _registrations_button(page, user, priority=45)
    if button is not None:
        yield button


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name=None, next_url=None):
    """ "Reģistrācijas" in the editor's header menu of an event."""
    button = _registrations_button(page, user, priority=62)
    if button is not None:
        yield button


@hooks.register("construct_homepage_panels")
def registrations_panel(request: HttpRequest, panels: list) -> None:
    panel = dashboard.panel_for(request.user)
    if panel is not None:
        panels.append(panel)
