"""The registrant's pages: the sign-up taken on the event's page, and the manage link."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from blog.models import EventPage

from . import notices, seats
from .forms import RegistrationForm
from .tokens import manage_path, registration_for_token


def take_sign_up(request: HttpRequest, event: EventPage, render_page) -> HttpResponse:
    """A POST to an event's page: a seat or a waiting place, or the page again with why not.

    ``render_page`` renders the event's page as a GET would; the form on it
    (registrations.templatetags) shows ``request.registration_form`` and
    ``request.registration_refusal`` when set.
    """
    form = RegistrationForm(request.POST)
    if not event.seat_page().takes_registrations():
        request.registration_refusal = True
        response = render_page()
        response.status_code = 403
        return response
    if not form.is_valid():
        request.registration_form = form
        response = render_page()
        response.status_code = 400
        return response
    data = form.cleaned_data
    sign_up = seats.SignUp(
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        needs=data["needs"],
        language=translation.get_language() or event.locale.language_code,
    )
    try:
        outcome = seats.register(event, sign_up)
    except seats.RegistrationClosed:
        request.registration_refusal = True
        response = render_page()
        response.status_code = 403
        return response
    if not outcome.created:
        # The manage link goes to the address only: whoever typed it here may not own it.
        notices.queue(outcome.registration, notices.for_status(outcome.registration))
        return TemplateResponse(
            request, "registrations/already_registered.html", {"event": event}, status=200
        )
    response = HttpResponse(status=303)
    response["Location"] = manage_path(outcome.registration)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the registration and changes nothing; POST cancels it."""
    registration = registration_for_token(token)
    if registration is None:
        return TemplateResponse(request, "registrations/manage_invalid.html", status=404)
    with translation.override(registration.language):
        just_cancelled = False
        if request.method == "POST":
            just_cancelled = registration.status != registration.Status.CANCELLED
            seats.cancel(registration)
        event = (
            registration.event.get_translations(inclusive=True)
            .filter(locale__language_code=registration.language)
            .first()
        )
        response = TemplateResponse(
            request,
            "registrations/manage.html",
            {
                "registration": registration,
                "event": event.specific if event else registration.event,
                "place_in_line": registration.place_in_line(),
                "just_cancelled": just_cancelled,
            },
        )
        response.render()
    return response
