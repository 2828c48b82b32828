"""Who may see and change an event's registrations in the admin.

Staff who may edit the event (its Latvian page, which holds the seats) look
after its sign-ups; a registrations permission
(``registrations.change_registration``, given in Django's groups screen)
opens every event's list without the right to edit the pages.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from blog.models import EventPage

REGISTRATIONS_PERMISSION = "registrations.change_registration"


def can_manage(user, event: EventPage) -> bool:
    """May this user see the event's registrants, add, move and check them in?"""
    if not user.is_active:
        return False
    if user.has_perm(REGISTRATIONS_PERMISSION):
        return True
    return event.seat_page().permissions_for_user(user).can_edit()


def manageable_events(user) -> QuerySet[EventPage]:
    """The events (any language) whose registrations this user may look after."""
    if user.has_perm(REGISTRATIONS_PERMISSION):
        return EventPage.objects.all()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return EventPage.objects.filter(pk__in=editable.values("pk"))


def may_manage_any(user) -> bool:
    """Whether the "Reģistrācijas" menu item is worth showing."""
    return user.has_perm(REGISTRATIONS_PERMISSION) or manageable_events(user).exists()
