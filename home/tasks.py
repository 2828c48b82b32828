"""Periodic jobs of the public site, run by Celery beat."""

from celery import shared_task
from django.core.management import call_command

from website import backups

from . import feedback


@shared_task
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled")


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=8)
def notify_staff_of_submission(submission_id: int) -> None:
    """A visitor's message reaches staff without the visitor waiting for the mail server."""
    feedback.notify_staff(submission_id)


@shared_task
def purge_old_form_submissions() -> None:
    feedback.purge_old_submissions()


@shared_task
def back_up_site() -> None:
    """The nightly backup: database and media, documents included (docs/deployment.md)."""
    backups.back_up()
