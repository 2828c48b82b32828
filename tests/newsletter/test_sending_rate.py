"""NEWSLETTER_RATE_PER_SECOND holds, asking the database once per slice of messages."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter import sending
from newsletter.models import Delivery, MailingList, NewsletterIssuePage


@pytest.mark.django_db
def test_the_rate_holds_without_a_count_per_message(demo, smtp_sink, settings):
    settings.NEWSLETTER_RATE_PER_SECOND = 40
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    dispatch = sending.create_dispatch(issue, [MailingList.default()])
    total = dispatch.deliveries.count()

    with CaptureQueriesContext(connection) as context:
        sending.send_all(dispatch)

    assert len(smtp_sink.messages) == total
    rate_checks = [
        query
        for query in context.captured_queries
        if "COUNT(" in query["sql"] and "sent_at" in query["sql"]
    ]
    # One per message and more while waiting before; now one per slice of a tenth of the rate.
    assert len(rate_checks) <= total / 2, len(rate_checks)
    sent_at = sorted(dispatch.deliveries.values_list("sent_at", flat=True))
    second = datetime.timedelta(seconds=1)
    busiest = max(
        sum(1 for other in sent_at if start <= other < start + second) for start in sent_at
    )
    assert busiest <= 40, busiest


@pytest.mark.django_db
def test_a_full_window_is_waited_out_for_a_whole_portion_not_one_message(
    demo, settings, monkeypatch
):
    """One send a second ago and a burst just now (a machine that stalled): the
    worker waits for the burst's first messages to leave the window, so that it
    may send a tenth of the rate again, instead of asking after each message."""
    settings.NEWSLETTER_RATE_PER_SECOND = 40
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    dispatch = sending.create_dispatch(issue, [MailingList.default()])
    now = timezone.now()
    rows = list(dispatch.deliveries.order_by("pk").values_list("pk", flat=True)[:40])
    Delivery.objects.filter(pk=rows[0]).update(sent_at=now - datetime.timedelta(seconds=0.95))
    Delivery.objects.filter(pk__in=rows[1:]).update(sent_at=now - datetime.timedelta(seconds=0.05))
    slept = []

    def time_passes(seconds: float) -> None:
        # Rather than wait, move every send that much into the past.
        slept.append(seconds)
        Delivery.objects.filter(sent_at__isnull=False).update(
            sent_at=F("sent_at") - datetime.timedelta(seconds=seconds)
        )

    monkeypatch.setattr(sending.time, "sleep", time_passes)
    assert sending.send_allowance(dispatch) == 4  # a tenth of 40
    waited = sum(slept)
    assert 0.9 <= waited < 1.1, slept  # until the burst's first four have left (0.95 s), no longer
