"""Real Celery workers on the embedded broker, sending over SMTP into a sink.

The send survives a SIGKILL of the whole worker: the database says what is
left, and a new worker finishes it; only messages in flight may go twice.
Messages per second with real workers are `make bench`'s to measure
(docs/benchmarks.md), not these tests'.
"""

import collections
import time

import pytest
from wagtail.models import Locale

from newsletter import sending
from newsletter.models import Delivery, Dispatch, MailingList, NewsletterIssuePage, Subscriber
from tests.support.factories import add_subscribers
from tests.support.markers import starts_processes
from tests.support.workers import Workers, wait_until


# The embedded broker is the SQLite lane's; the PostgreSQL lane kills workers on Redis.
@pytest.fixture(params=[pytest.param("embedded", marks=pytest.mark.sqlite_only), "redis"])
@starts_processes
def workers(request, tmp_path, smtp_sink):
    """Workers on the embedded broker and, in a second run, on a real Redis server."""
    broker = request.getfixturevalue("redis_url") if request.param == "redis" else ""
    pool = Workers(tmp_path, smtp_sink.port, rate=150, broker=broker)
    yield pool
    pool.stop_all()


@pytest.fixture
@starts_processes
def redis_workers(tmp_path, smtp_sink, redis_url):
    pool = Workers(tmp_path, smtp_sink.port, rate=0, broker=redis_url)
    yield pool
    pool.stop_all()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_loses_nobody(committed_demo, workers, smtp_sink):
    add_subscribers(2000 - 80)
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    dispatch = sending.create_dispatch(issue, [MailingList.default()])
    total = dispatch.deliveries.count()
    assert total == 2000

    first = workers.start()
    for _ in range(2):
        workers.send_task("newsletter.tasks.send_dispatch", dispatch.pk)
    sent = lambda: dispatch.deliveries.filter(state=Delivery.State.SENT).count()  # noqa: E731
    wait_until(lambda: sent() >= total // 3, timeout=120)
    workers.kill(first)
    at_kill = sent()
    assert at_kill < total, "the kill came too late to prove anything"

    workers.start()
    # Beat's job, every 30 s in production; here every 2 s to keep the test short.
    last_tick = [0.0]

    def beat():
        if time.monotonic() - last_tick[0] > 2:
            workers.send_task("newsletter.tasks.resume_dispatches")
            last_tick[0] = time.monotonic()

    wait_until(lambda: sent() > at_kill, timeout=120, tick=beat)
    wait_until(
        lambda: Dispatch.objects.get(pk=dispatch.pk).state == "finished", timeout=240, tick=beat
    )

    per_recipient = collections.Counter(m["To"] for m in smtp_sink.messages)
    assert len(per_recipient) == total, "somebody was left out"
    duplicates = sum(n - 1 for n in per_recipient.values())
    # At most what the killed worker's two pool processes had in flight.
    assert duplicates <= 2, duplicates


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_redis_send_each_recipient_exactly_once(
    committed_demo, redis_workers, smtp_sink
):
    add_subscribers(2000 - 80)
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    redis_workers.start()
    redis_workers.start()  # both consuming before the dispatch exists

    dispatch = sending.create_dispatch(issue, [MailingList.default()])
    for _ in range(4):
        redis_workers.send_task("newsletter.tasks.send_dispatch", dispatch.pk)
    wait_until(lambda: Dispatch.objects.get(pk=dispatch.pk).state == "finished", timeout=300)

    per_recipient = collections.Counter(m["To"] for m in smtp_sink.messages)
    assert len(per_recipient) == 2000 and set(per_recipient.values()) == {1}
    english = smtp_sink.to("partneris05@example.org")[0]
    english_issue = issue.get_translation(Locale.objects.get(language_code="en"))
    assert english["Subject"] == english_issue.subject
    # Each sending task claims under its own name: several shared the dispatch.
    claimed_by = set(Delivery.objects.values_list("claimed_by", flat=True))
    assert len(claimed_by) >= 2, "the dispatch should have been shared by several senders"


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_confirmation_e_mail_the_form_queued(committed_home, workers, smtp_sink):
    """The subscribe form only queues the e-mail (newsletter.tasks.send_confirmation)."""
    anna = Subscriber.objects.create(email="anna@example.org", language="en")
    workers.start()
    workers.send_task("newsletter.tasks.send_confirmation", anna.pk)
    wait_until(lambda: smtp_sink.to("anna@example.org"), timeout=60)
    [message] = smtp_sink.to("anna@example.org")
    assert "/en/newsletter/confirm/" in message.get_body(("plain",)).get_content()
