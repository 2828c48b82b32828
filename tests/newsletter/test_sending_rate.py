"""NEWSLETTER_RATE_PER_SECOND holds, asking the database once per slice of messages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsletter import sending
from newsletter.models import MailingList, NewsletterIssuePage


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
