"""Periodic jobs of the public site's feedback form, run by Celery beat."""

from celery import shared_task

from . import feedback


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=8)
def notify_staff_of_submission(submission_id: int) -> None:
    """A visitor's message reaches staff without the visitor waiting for the mail server."""
    feedback.notify_staff(submission_id)


@shared_task
def purge_old_form_submissions() -> None:
    feedback.purge_old_submissions()
