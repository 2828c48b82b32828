"""The admin start page's panel: upcoming events taking sign-ups, seats taken and waiting.

Shown to staff who look after at least one such event; two queries whatever
the number of events.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from blog.models import EventPage

from .models import Registration
from .permissions import manageable_events

EVENTS_SHOWN = 5
Status = Registration.Status


def upcoming_with_registrations(user, limit: int = EVENTS_SHOWN) -> list[EventPage]:
    """The next Latvian events with sign-ups (open, or people on the list) the user looks after,
    each with ``taken`` and ``waiting``."""
    return list(
        manageable_events(user)
        .filter(locale__language_code=settings.LANGUAGE_CODE, end__gte=timezone.now())
        .filter(Q(registration_open=True) | Q(registrations__isnull=False))
        .annotate(
            taken=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
        )
        .order_by("start")[:limit]
    )


class RegistrationsPanel(Component):
    name = "registrations_upcoming"
    order = 35
    template_name = "registrations/panels/upcoming.html"

    def __init__(self, events: list[EventPage]) -> None:
        self.events = events

    def get_context_data(self, parent_context: Any) -> dict:
        return {
            "events": [
                {
                    "event": event,
                    "url": reverse("registrations:index", args=[event.pk]),
                }
                for event in self.events
            ],
            "all_url": reverse("registrations:events"),
        }


def panel_for(user) -> RegistrationsPanel | None:
    """The panel, when the user looks after an upcoming event with sign-ups."""
    events = upcoming_with_registrations(user)
    return RegistrationsPanel(events) if events else None
