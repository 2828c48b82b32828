"""Queue a registrant's e-mail once the change that causes it is committed."""

from __future__ import annotations

from django.db import transaction

from . import tasks
from .mails import CANCELLED, CONFIRMED, REMINDER, SEAT_OFFERED, WAITLISTED
from .models import Registration

__all__ = [
    "CANCELLED",
    "CONFIRMED",
    "REMINDER",
    "SEAT_OFFERED",
    "WAITLISTED",
    "for_status",
    "queue",
    "queue_certificate",
]


def queue(registration: Registration, kind: str) -> None:
    """Send `kind` to the registrant after commit: a rolled-back change mails nobody."""
    pk = registration.pk
    transaction.on_commit(lambda: tasks.send_notice.delay(pk, kind))


def for_status(registration: Registration) -> str:
    """The notice that tells someone where they stand now (sent again on a repeated sign-up)."""
    if registration.status == Registration.Status.WAITLISTED:
        return WAITLISTED
    return CONFIRMED


def queue_certificate(certificate_id: int) -> None:
    """Mail a certificate after commit; the task claims it, so queuing it twice mails it once."""
    transaction.on_commit(lambda: tasks.send_certificate.delay(certificate_id))
