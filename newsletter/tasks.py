"""Celery tasks: thin shells over newsletter.sending, .subscriptions, .importing and .privacy."""

import smtplib

from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone

from . import importing, privacy, sending, subscriptions
from .models import Dispatch, Subscriber

# How many tasks share one dispatch; each claims its own batches.
PARALLEL_SENDERS = 4


@shared_task(acks_late=True)
def send_dispatch(dispatch_id: int) -> None:
    dispatch = Dispatch.objects.filter(pk=dispatch_id).first()
    if dispatch is not None:
        sending.send_all(dispatch)


def start(dispatch: Dispatch) -> None:
    for _ in range(PARALLEL_SENDERS):
        send_dispatch.delay(dispatch.pk)


@shared_task
def resume_dispatches() -> None:
    """Run by beat every 30 s and when a worker starts: nothing waits on the broker.

    Requeues rows claimed by dead workers, starts scheduled dispatches whose
    time has come, and sets workers on any dispatch with rows left to send.
    """
    sending.requeue_stale_claims()
    due = Dispatch.objects.filter(state=Dispatch.State.SCHEDULED, scheduled_for__lte=timezone.now())
    for dispatch in due:
        Dispatch.objects.filter(pk=dispatch.pk).update(
            state=Dispatch.State.SENDING, started_at=timezone.now()
        )
    for dispatch in Dispatch.objects.filter(state=Dispatch.State.SENDING):
        if sending.is_being_sent(dispatch):
            continue  # live workers are on it
        if sending.claimable(dispatch):
            start(dispatch)
        else:
            sending.finish_if_done(dispatch)


@shared_task(acks_late=True)
def run_import_job(job_id: int) -> None:
    """A CSV import too long for a web request (see importing.run_job)."""
    importing.run_job(job_id)


@shared_task(
    acks_late=True,
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=60,  # 1, 2, 4 … minutes while the mail server is away
    retry_backoff_max=3600,
    max_retries=10,
)
def send_confirmation(subscriber_id: int) -> None:
    """The double opt-in e-mail the form, the admin or an import queued; nobody if erased since."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        subscriptions.deliver_confirmation(subscriber)


@shared_task
def purge_unconfirmed_subscribers() -> None:
    """Run by beat daily: people who never confirmed are erased after 30 days."""
    privacy.purge_unconfirmed()


@worker_ready.connect
def resume_on_worker_start(sender=None, **kwargs) -> None:
    resume_dispatches.delay()
