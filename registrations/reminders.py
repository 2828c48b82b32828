"""The reminder two days before the first session, to each seated person, once."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .models import Registration

REMINDER_AHEAD = datetime.timedelta(days=2)


def claim_due_reminders(now: datetime.datetime | None = None) -> list[int]:
    """The registrations whose reminder is due now, claimed; safe to run as often as beat likes.

    Each one is claimed with a conditional UPDATE before its e-mail is
    queued, so two overlapping runs (or a retried task) remind nobody twice.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__start__gt=now,
        event__start__lte=now + REMINDER_AHEAD,
    )
    claimed = []
    for pk in due.values_list("pk", flat=True):
        if Registration.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
            claimed.append(pk)
    return claimed
