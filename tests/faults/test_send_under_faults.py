"""The send under faults (SPEC section 7, issue 7): nobody lost, counts right.

The mail server refuses for a while, refuses some addresses for good, drops
the connection in the middle of a message; the broker restarts; the database
is locked for a moment. Each time the dispatch finishes with every recipient
either delivered once or recorded as failed for a permanent reason.

Retries wait RETRY_BASE (30 s, doubling) in production; here it is cut to a
tenth of a second so that the test sees the retry, and beat's every-30-s
`resume_dispatches` is called by the test in a loop.
"""

import collections
import datetime
import sqlite3
import time
from collections.abc import Iterator

import pytest
from django.conf import settings

from newsletter import reports, sending, tasks
from newsletter.models import Delivery, Dispatch, MailingList, NewsletterIssuePage
from tests.support.factories import add_subscribers
from tests.support.markers import starts_processes
from tests.support.servers import RedisServer, redis_server
from tests.support.workers import Workers, wait_until


@pytest.fixture
def quick_retries(monkeypatch):
    monkeypatch.setattr(sending, "RETRY_BASE", datetime.timedelta(seconds=0.1))


def new_dispatch(recipients: int) -> Dispatch:
    add_subscribers(recipients - 80)  # the demo list already has 80 providers
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    dispatch = sending.create_dispatch(issue, [MailingList.default()])
    assert dispatch.deliveries.count() == recipients
    return dispatch


def run_like_beat(dispatch: Dispatch, timeout: float = 60) -> None:
    """What beat does every 30 s, until the dispatch is finished (tasks run eagerly here)."""

    def finished() -> bool:
        return Dispatch.objects.get(pk=dispatch.pk).state == Dispatch.State.FINISHED

    wait_until(finished, timeout=timeout, every=0.15, tick=tasks.resume_dispatches)


def received_by(sink) -> collections.Counter:
    return collections.Counter(message["To"] for message in sink.messages)


def assert_everybody_once(dispatch: Dispatch, sink, failed: set[str] = frozenset()) -> None:
    per_recipient = received_by(sink)
    expected = set(
        dispatch.deliveries.exclude(subscriber__email__in=failed).values_list(
            "subscriber__email", flat=True
        )
    )
    assert set(per_recipient) == expected, "somebody was left out or mailed by mistake"
    assert set(per_recipient.values()) == {1}, "somebody got it twice"
    counts = reports.progress(dispatch).by_state
    assert counts["sent"] == len(expected) and counts["failed"] == len(failed), counts
    assert counts["queued"] == counts["sending"] == 0, counts


@pytest.mark.django_db
def test_the_server_refuses_for_a_while_then_recovers(demo, smtp_sink, quick_retries):
    dispatch = new_dispatch(120)
    smtp_sink.outage = ["421 4.3.2 Service shutting down"] * 5 + ["451 4.3.0 Try again later"] * 10

    run_like_beat(dispatch)

    assert_everybody_once(dispatch, smtp_sink)
    retried = dispatch.deliveries.filter(attempts__gt=1)
    assert retried.count() == 15, "each refusal is one more attempt on its row"
    assert set(retried.values_list("last_error", flat=True)) != {""}


@pytest.mark.django_db
def test_some_addresses_refused_for_good(demo, smtp_sink, quick_retries):
    dispatch = new_dispatch(120)
    gone = {f"liels{n:05d}@example.org" for n in (3, 17, 29)}
    for address in gone:
        smtp_sink.scripted[address] = ["550 5.1.1 No such mailbox"]

    run_like_beat(dispatch)

    assert_everybody_once(dispatch, smtp_sink, failed=gone)
    failed = dispatch.deliveries.filter(state=Delivery.State.FAILED)
    assert set(failed.values_list("subscriber__email", flat=True)) == gone
    assert set(failed.values_list("attempts", flat=True)) == {1}, "a 5xx is not retried"
    assert all("550" in error for error in failed.values_list("last_error", flat=True))


@pytest.mark.django_db
def test_the_connection_drops_in_the_middle_of_a_message(demo, smtp_sink, quick_retries):
    dispatch = new_dispatch(120)
    smtp_sink.drop_next = 3

    run_like_beat(dispatch)

    assert_everybody_once(dispatch, smtp_sink)
    assert dispatch.deliveries.filter(attempts=2).count() == 3


@pytest.fixture
@starts_processes
def restartable_redis(tmp_path) -> Iterator[RedisServer]:
    with redis_server(tmp_path / "redis") as redis:
        yield redis


def beat(workers: Workers, every: float = 2.0):
    """Beat's resume_dispatches, every couple of seconds instead of every 30 s."""
    last = [0.0]

    def tick() -> None:
        if time.monotonic() - last[0] > every:
            try:
                workers.send_task("newsletter.tasks.resume_dispatches")
            except Exception:  # noqa: BLE001 – the broker may be down right now; beat retries
                return
            last[0] = time.monotonic()

    return tick


@pytest.mark.django_db(transaction=True)
def test_redis_restarted_in_the_middle_of_a_send(
    committed_demo, smtp_sink, restartable_redis, tmp_path
):
    workers = Workers(tmp_path, smtp_sink.port, rate=120, broker=restartable_redis.url)
    try:
        workers.start()
        dispatch = new_dispatch(800)
        for _ in range(2):
            workers.send_task("newsletter.tasks.send_dispatch", dispatch.pk)
        sent = lambda: dispatch.deliveries.filter(state=Delivery.State.SENT).count()  # noqa: E731
        wait_until(lambda: sent() >= 150, timeout=120)

        restartable_redis.stop()  # every queued task and unacknowledged message is gone
        at_restart = sent()
        time.sleep(2)
        restartable_redis.start()
        assert at_restart < 800, "the restart came too late to prove anything"

        wait_until(
            lambda: Dispatch.objects.get(pk=dispatch.pk).state == Dispatch.State.FINISHED,
            timeout=180,
            tick=beat(workers),
        )
    finally:
        workers.stop_all()
    assert_everybody_once(dispatch, smtp_sink)


# SQLite's whole-file write lock; PostgreSQL locks rows, not the database.
@pytest.mark.sqlite_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.processes
def test_the_database_locked_for_a_moment(committed_demo, smtp_sink, tmp_path):
    workers = Workers(tmp_path, smtp_sink.port, rate=120, broker="")
    try:
        workers.start()
        dispatch = new_dispatch(500)
        for _ in range(2):
            workers.send_task("newsletter.tasks.send_dispatch", dispatch.pk)
        sent = lambda: dispatch.deliveries.filter(state=Delivery.State.SENT).count()  # noqa: E731
        wait_until(lambda: sent() >= 100, timeout=120)

        # Another program (a backup, a long admin save) holds the write lock for 3 s.
        database = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
        database.execute("BEGIN EXCLUSIVE")
        locked_at = sent()
        time.sleep(3)
        database.rollback()
        database.close()
        assert locked_at < 500, "the lock came too late to prove anything"

        wait_until(
            lambda: Dispatch.objects.get(pk=dispatch.pk).state == Dispatch.State.FINISHED,
            timeout=180,
            tick=beat(workers),
        )
    finally:
        workers.stop_all()
    assert_everybody_once(dispatch, smtp_sink)
