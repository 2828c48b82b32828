"""Registrations as personal data: kept for a while, then anonymised; exported and erased.

A registration says who took part in a funded activity, which the funder's
audit asks to see years later (signed attendance lists, ESF+ and EEA grants
alike), so it is kept for ``settings.REGISTRATIONS_RETENTION_DAYS`` after the
event's last session and then *anonymised*, not deleted: the name, address
and needs go; the status, organisation, dates and attendance marks stay, so
the counts on the results page (registrations/results.py) and the event's
totals do not change. The address becomes its keyed hash
(newsletter.privacy.keyed_digest), which keeps "the same person" countable
without the address. What a registrant wrote under "needs" may be about
their health: it is cleared once the event has been over NEEDS_RETENTION.

A person's erase (GDPR Art. 17, through core.personal_data) anonymises the
same way at once, and first gives back a seat at an event still to come, so
the first in line moves up. See docs/privacy.md.
"""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from blog.models import EventPage
from core import personal_data
from newsletter.models import normalise_email
from newsletter.privacy import keyed_digest

from . import attendance, seats
from .models import Attendance, Registration

NEEDS_RETENTION = datetime.timedelta(days=30)
# Fields of rows that point at a registration (e.g. a certificate) that name
# the person: cleared with it. Relation-agnostic on purpose: apps add such
# models without this module knowing them.
PERSON_FIELDS = ("name", "email")


def retention() -> datetime.timedelta:
    """How long after an event's last session its registrations keep the person."""
    return datetime.timedelta(days=settings.REGISTRATIONS_RETENTION_DAYS)


def is_anonymised(registration: Registration) -> bool:
    return not registration.email


def last_session_end(event: EventPage) -> datetime.datetime | None:
    """When the event's last session ends (None for an event with no sessions)."""
    occurrences = event.seat_page().occurrences()
    return occurrences[-1].end if occurrences else None


def _dependants(registration: Registration) -> list[models.Model]:
    """Rows of other models pointing at the registration (certificates …), attendance aside."""
    rows: list[models.Model] = []
    for relation in Registration._meta.related_objects:
        if relation.related_model is Attendance:
            continue
        accessor = relation.get_accessor_name()
        if relation.one_to_one:  # e.g. a certificate: one per registration, or none
            with contextlib.suppress(ObjectDoesNotExist):
                rows.append(getattr(registration, accessor))
        elif relation.one_to_many:
            rows.extend(getattr(registration, accessor).all())
    return rows


def anonymise(registration: Registration) -> None:
    """Remove the person from a registration; its status, dates and marks stay."""
    if is_anonymised(registration):
        return
    with transaction.atomic():
        for row in _dependants(registration):
            person = {
                field.name: ""
                for field in row._meta.concrete_fields
                if field.name in PERSON_FIELDS
                and isinstance(field, models.CharField | models.TextField)
            }
            if person:
                type(row).objects.filter(pk=row.pk).update(**person)
        Registration.objects.filter(pk=registration.pk).update(
            name="",
            email="",
            email_key=keyed_digest(registration.email_key),
            needs="",
            changed_at=timezone.now(),
        )


def purge(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Anonymise registrations past retention and clear needs of events over.

    Run daily by beat (registrations.tasks.purge_registrations); returns
    (registrations anonymised, needs cleared).
    """
    now = now or timezone.now()
    anonymised = needs_cleared = 0
    kept = Registration.objects.exclude(email="")
    for event in EventPage.objects.filter(pk__in=kept.values("event_id")):
        end = last_session_end(event)
        if end is None:
            continue
        if end < now - retention():
            for registration in kept.filter(event=event):
                anonymise(registration)
                anonymised += 1
        elif end < now - NEEDS_RETENTION:
            needs_cleared += kept.filter(event=event).exclude(needs="").update(needs="")
    return anonymised, needs_cleared


def _when(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def export(email: str) -> list[dict[str, Any]]:
    """Every registration of the address, with its attendance and related records."""
    found = (
        Registration.objects.filter(email_key=normalise_email(email))
        .select_related("event")
        .prefetch_related("attendances")
        .order_by("registered_at", "pk")
    )
    return [
        {
            "event": registration.event.title,
            "event_url": registration.event.get_full_url(),
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "needs": registration.needs,
            "language": registration.language,
            "status": registration.status,
            "registered_at": _when(registration.registered_at),
            "changed_at": _when(registration.changed_at),
            "reminded_at": _when(registration.reminded_at),
            "sessions_attended": [
                day.isoformat() for day in attendance.attended_sessions(registration)
            ],
            # Records of other models about the registration (a certificate …).
            "related": [
                {
                    "type": row._meta.model_name,
                    **{name: _plain(value) for name, value in model_to_dict(row).items()},
                }
                for row in _dependants(registration)
            ],
        }
        for registration in found
    ]


def erase(email: str) -> int:
    """Anonymise every registration of the address; a seat still to come is given back first."""
    found = list(Registration.objects.filter(email_key=normalise_email(email)))
    now = timezone.now()
    # One transaction: the notices seats.cancel queues leave after the commit,
    # when the address is gone, so the person gets no receipt (mails.send
    # skips a registration without one) and the first in line gets the offer.
    with transaction.atomic():
        for registration in found:
            end = last_session_end(registration.event)
            if registration.status != Registration.Status.CANCELLED and (end is None or end > now):
                seats.cancel(registration)
            anonymise(registration)
    return len(found)


@shared_task
def purge_registrations() -> None:
    """Run by beat every night. Defined here, not in tasks.py, which notices
    (and so seats) import: tasks importing this module would close a circle."""
    purge()


HOLDER = personal_data.Holder(name="registrations", export=export, erase=erase)
