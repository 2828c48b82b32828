"""Queue a registrant's e-mail once the change that causes it is committed."""

from __future__ import annotations

import dataclasses

from django.db import transaction

from blog.models import EventPage

from . import certificates, tasks
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
    "issue_certificates",
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


@dataclasses.dataclass(frozen=True)
class CertificateRound:
    """What one "issue certificates" did, for the command's and the admin's message."""

    issued_now: int
    issued_before: int
    queued: int


def issue_certificates(event: EventPage) -> CertificateRound:
    """Issue a certificate to everyone who qualifies and mail those not mailed yet.

    Run again, it issues only to the newly qualified and mails nobody twice
    (the send task claims each certificate). The command and the staff's
    button both come here.
    """
    with transaction.atomic():
        issued = certificates.issue_all(event)
        to_mail = list(certificates.unmailed(event).values_list("pk", flat=True))
        for pk in to_mail:
            queue_certificate(pk)
    return CertificateRound(len(issued.new), len(issued.earlier), len(to_mail))
