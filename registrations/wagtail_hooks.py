"""The event's page takes the registration form's POST (SPEC: no action, the page's URL)."""

from django.http import HttpRequest, HttpResponse
from wagtail import hooks

from blog.models import EventPage

from . import views


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
