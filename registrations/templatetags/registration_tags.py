"""The registration form and the seats left, for the event templates (blog's own stay unaware)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blog.models import EventPage
from registrations import seats
from registrations.forms import RegistrationForm

register = template.Library()


def seats_label(event: EventPage) -> str:
    """ "12 places left", or that the waiting list is open; "" when seats do not apply."""
    seat_page = event.seat_page() if event.registration_open else None
    if seat_page is None or not seat_page.takes_registrations():
        return ""
    left = seats.seats_left(seat_page)
    if left is None:
        return ""
    if left == 0:
        return _("No places left; you can join the waiting list")
    return ngettext("%(count)d place left", "%(count)d places left", left) % {"count": left}


register.simple_tag(seats_label, name="seats_label")


@register.inclusion_tag("registrations/form.html", takes_context=True)
def registration_form(context: template.Context, event: EventPage) -> dict:
    """The form of an event taking sign-ups, or why it takes none (after a refused POST)."""
    request = context.get("request")
    seat_page = event.seat_page() if event.registration_open else None
    open_now = seat_page is not None and seat_page.takes_registrations()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "event": event,
        "open_now": open_now,
        "was_open": event.registration_open,
        "refused": getattr(request, "registration_refusal", False),
        "form": getattr(request, "registration_form", None) or RegistrationForm(),
        "seats_label": seats_label(event) if open_now else "",
    }
