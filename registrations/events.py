"""Which event a command (or a link) means: a page id or the Latvian page's slug.

The commands take EVENT as SPEC section 8 says ("a page id or a Latvian
slug"); every command resolves it here so that they all accept and refuse the
same things.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from blog.models import EventPage


class EventNotFound(LookupError):
    """No event answers to the value; the message says what was tried."""


def find_event(value: str) -> EventPage:
    """The Latvian event page (the one holding the seats) named by an id or a Latvian slug.

    An id of an English page gives its Latvian page: both share one list of
    registrants. Raises EventNotFound with a message fit for the command line.
    """
    value = value.strip()
    if not value:
        raise EventNotFound(_("Give the event as a page id or the Latvian page's slug."))
    if value.isdigit():
        event = EventPage.objects.filter(pk=int(value)).first()
        if event is None:
            raise EventNotFound(_("There is no event with the page id %(id)s.") % {"id": value})
        return event.seat_page()
    matches = list(
        EventPage.objects.filter(slug=value, locale__language_code=settings.LANGUAGE_CODE)[:2]
    )
    if not matches:
        raise EventNotFound(
            _("There is no Latvian event page with the slug “%(slug)s”.") % {"slug": value}
        )
    if len(matches) > 1:
        # Slugs are unique among siblings only: two events lists may share one.
        raise EventNotFound(
            _("More than one event has the slug “%(slug)s”: give its page id instead.")
            % {"slug": value}
        )
    return matches[0]
