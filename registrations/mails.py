"""The notices a registrant gets, in their language, each with the manage link.

Rendered as the bulletin is (templates/registrations/email/): an HTML part
with its CSS inlined and a text part, absolute links only; the calendar file
rides along with a seat.
"""

from __future__ import annotations

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from blog import calendar
from blog.templatetags.blog_tags import when
from home.featured import featured_project
from newsletter.rendering import absolutise

from .models import Registration
from .tokens import manage_url

CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
SEAT_OFFERED = "seat_offered"
REMINDER = "reminder"
CANCELLED = "cancelled"
KINDS = (CONFIRMED, WAITLISTED, SEAT_OFFERED, REMINDER, CANCELLED)
# Built by registrations.certificates, which attaches the PDF; not one of the
# KINDS that ``send`` takes, since without its attachment it would be empty.
CERTIFICATE = "certificate"
WITH_CALENDAR = (CONFIRMED, SEAT_OFFERED, REMINDER)


def _subject(kind: str, title: str) -> str:
    subjects = {
        CONFIRMED: _("Your seat is booked: %(event)s"),
        WAITLISTED: _("You are on the waiting list: %(event)s"),
        SEAT_OFFERED: _("A seat has come free for you: %(event)s"),
        REMINDER: _("Reminder: %(event)s"),
        CANCELLED: _("Your registration is cancelled: %(event)s"),
        CERTIFICATE: _("Your certificate: %(event)s"),
    }
    return subjects[kind] % {"event": title}


def build(
    registration: Registration, kind: str, extra_context: dict | None = None
) -> EmailMultiAlternatives:
    """The message for one notice, in the registrant's language (``extra_context`` for its text)."""
    with translation.override(registration.language):
        translated = (
            registration.event.get_translations(inclusive=True)
            .filter(locale__language_code=registration.language)
            .live()
            .first()
        )
        event = translated.specific if translated else registration.event
        subject = _subject(kind, event.title)
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "subject": subject,
            "language": registration.language,
            "when": when(event.next_occurrence()),
            "place_in_line": registration.place_in_line(),
            "manage_url": manage_url(registration),
            "event_url": event.get_full_url() or settings.SITE_URL,
            "site_url": settings.SITE_URL,
            # The funder's acknowledgement and emblem: the e-mails are material
            # for participants (COMPLIANCE.md sections 1-2), as the bulletin is.
            "project": featured_project(event.get_site(), event.locale),
            **(extra_context or {}),
        }
        text = render_to_string("registrations/email/notice.txt", context)
        html = css_inline.inline(
            absolutise(render_to_string("registrations/email/notice.html", context))
        )
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
        )
        message.attach_alternative(html, "text/html")
        if kind in WITH_CALENDAR:
            content = calendar.calendar_file([event.ical_entry()], name=event.title)
            message.attach(f"{event.slug}.ics", content, "text/calendar")
    return message


def send(registration_id: int, kind: str) -> None:
    """Send one notice; a registration deleted or anonymised since is skipped."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    # An erased person (registrations/privacy.py) has no address left to write to.
    if registration is None or not registration.email or kind not in KINDS:
        return
    build(registration, kind).send()
