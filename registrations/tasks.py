"""Celery tasks: the registrant's e-mails leave outside the request."""

from celery import shared_task

from . import mails


@shared_task(acks_late=True)
def send_notice(registration_id: int, kind: str) -> None:
    mails.send(registration_id, kind)
