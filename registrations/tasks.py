"""Celery tasks: the registrant's e-mails leave outside the request."""

from celery import shared_task

from . import certificates, mails, reminders


@shared_task(acks_late=True)
def send_notice(registration_id: int, kind: str) -> None:
    mails.send(registration_id, kind)


@shared_task
def send_reminders() -> None:
    """Run by beat every hour: the reminders two days before the first session."""
    for registration_id in reminders.claim_due_reminders():
        send_notice.delay(registration_id, mails.REMINDER)


@shared_task(acks_late=True)
def send_certificate(certificate_id: int) -> None:
    """One certificate's e-mail with its PDF; sent at most once (certificates.mail claims it)."""
    certificates.mail(certificate_id)
