"""Real Celery workers on the embedded broker, sending over SMTP into a sink.

The send survives a SIGKILL of the whole worker: the database says what is
left, and a new worker finishes it; only messages in flight may go twice.
"""

import collections
import os
import signal
import subprocess
import time

import pytest

from newsletter import sending
from newsletter.models import Delivery, Dispatch, MailingList, NewsletterIssuePage, Subscriber
from scripts.production_server import start_worker, stop_worker
from tests.conftest import worker_database_url
from tests.workers import publish_task


class Workers:
    def __init__(self, tmp_path, smtp_port: int, rate: int, broker: str = "") -> None:
        self.broker = broker or f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "website.settings.dev",
            "DATABASE_URL": worker_database_url(),
            "CELERY_BROKER_URL": self.broker,
            "VAR_DIR": str(tmp_path),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "NEWSLETTER_RATE_PER_SECOND": str(rate),
            "NEWSLETTER_CLAIM_TIMEOUT": "4",
        }
        self.folder = tmp_path
        self.processes: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        """One more worker (two pool processes), returned once it is consuming."""
        number = len(self.processes) + 1
        process = start_worker(
            self.env,
            self.folder / f"worker-{number}.log",
            "--concurrency",
            "2",
            "--hostname",
            f"worker{number}@%h",
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)  # the worker and its pool, no goodbye
        process.wait()

    def send_task(self, name: str, *args) -> None:
        publish_task(self.broker, name, *args)

    def stop_all(self) -> None:
        for process in self.processes:
            stop_worker(process, timeout=10)


# The embedded broker is the SQLite lane's; the PostgreSQL lane kills workers on Redis.
@pytest.fixture(params=[pytest.param("embedded", marks=pytest.mark.sqlite_only), "redis"])
def workers(request, tmp_path, smtp_sink):
    """Workers on the embedded broker and, in a second run, on a real Redis server."""
    broker = request.getfixturevalue("redis_url") if request.param == "redis" else ""
    pool = Workers(tmp_path, smtp_sink.port, rate=150, broker=broker)
    yield pool
    pool.stop_all()


@pytest.fixture
def redis_workers(tmp_path, smtp_sink, redis_url):
    pool = Workers(tmp_path, smtp_sink.port, rate=0, broker=redis_url)
    yield pool
    pool.stop_all()


def wait_until(condition, timeout: float, every: float = 0.25, tick=None) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not done within {timeout} s")
        if tick:
            tick()
        time.sleep(every)
    return time.monotonic() - start


def add_subscribers(count: int) -> None:
    default = MailingList.default()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"liels{n:05d}@example.org", status="confirmed", language="lv")
        for n in range(count)
    )
    default.subscribers.add(*Subscriber.objects.filter(email__startswith="liels"))


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

    resumed_in = wait_until(lambda: sent() > at_kill, timeout=120, tick=beat)
    wait_until(
        lambda: Dispatch.objects.get(pk=dispatch.pk).state == "finished", timeout=240, tick=beat
    )

    per_recipient = collections.Counter(m["To"] for m in smtp_sink.messages)
    assert len(per_recipient) == total, "somebody was left out"
    duplicates = sum(n - 1 for n in per_recipient.values())
    # At most what the killed worker's two pool processes had in flight.
    assert duplicates <= 2, duplicates
    broker = workers.broker.split(":")[0]
    print(
        f"2000 recipients ({broker}): killed at {at_kill} sent, resumed {resumed_in:.1f} s "
        f"after the new worker started, {duplicates} duplicates"
    )


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_redis_send_each_recipient_exactly_once(
    committed_demo, redis_workers, smtp_sink
):
    add_subscribers(2000 - 80)
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    redis_workers.start()
    redis_workers.start()  # both consuming before the clock starts

    started = time.monotonic()
    dispatch = sending.create_dispatch(issue, [MailingList.default()])
    for _ in range(4):
        redis_workers.send_task("newsletter.tasks.send_dispatch", dispatch.pk)
    wait_until(lambda: Dispatch.objects.get(pk=dispatch.pk).state == "finished", timeout=300)
    seconds = time.monotonic() - started

    per_recipient = collections.Counter(m["To"] for m in smtp_sink.messages)
    assert len(per_recipient) == 2000 and set(per_recipient.values()) == {1}
    english = smtp_sink.to("partneris05@example.org")[0]
    assert english["Subject"] == "Project news: trainings, supervision and seminars"
    # Each sending task claims under its own name: several shared the dispatch.
    claimed_by = set(Delivery.objects.values_list("claimed_by", flat=True))
    assert len(claimed_by) >= 2, "the dispatch should have been shared by several senders"
    print(
        f"2000 recipients over Redis with two workers: {seconds:.1f} s, "
        f"{2000 / seconds:.0f} messages/s (dispatch created and frozen inside the timing)"
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_confirmation_e_mail_the_form_queued(committed_home, workers, smtp_sink):
    """The subscribe form only queues the e-mail (newsletter.tasks.send_confirmation)."""
    anna = Subscriber.objects.create(email="anna@example.org", language="en")
    workers.start()
    workers.send_task("newsletter.tasks.send_confirmation", anna.pk)
    wait_until(lambda: smtp_sink.to("anna@example.org"), timeout=60)
    [message] = smtp_sink.to("anna@example.org")
    assert "/en/newsletter/confirm/" in message.get_body(("plain",)).get_content()
