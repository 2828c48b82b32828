"""Real Celery workers for tests: started on the lane's database and a broker
the test chose, sending over SMTP into the test's sink.

The worker process itself is started by tests.support.servers.start_worker
(shared with the bench); this module gives it the test's database, broker
and mail server.
"""

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from celery import Celery
from django.conf import settings

from tests.support.servers import start_worker, stop_worker


def worker_database_url() -> str:
    """The test database as a DATABASE_URL, for worker processes a test starts.

    On the SQLite lane it is a file; on the PostgreSQL lane (make test-postgres)
    the `test_…` database pytest-django created on the lane's server.
    """
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    credentials = f"{quote(database['USER'], safe='')}:{quote(database['PASSWORD'], safe='')}"
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def lane_broker_url(folder: Path) -> str:
    """The lane's broker for a worker a test starts: Redis on the PostgreSQL lane,
    else the embedded broker on a SQLite file of the test's own (in `folder`)."""
    lane_broker = os.environ.get("CELERY_BROKER_URL", "")
    if lane_broker.startswith("redis"):
        return lane_broker
    return f"sqla+sqlite:///{folder / 'broker.sqlite3'}"


def publish_task(broker_url: str, name: str, *args) -> None:
    """Send task `name` to `broker_url`, whatever CELERY_BROKER_URL says.

    Celery lets that environment variable override the `broker` argument of
    Celery(): on the PostgreSQL lane, which sets it, a task meant for a test's
    own Redis would silently land on the lane's. An explicit connection wins.
    """
    with Celery(set_as_current=False) as sender, sender.connection_for_write(broker_url) as link:
        sender.send_task(name, args=list(args), connection=link)


class Workers:
    """Newsletter workers on the test database, sending into the SMTP sink on
    `smtp_port` at `rate` messages a second (0: unlimited), on `broker` (empty:
    the embedded broker on a SQLite file in `tmp_path`)."""

    def __init__(self, tmp_path: Path, smtp_port: int, rate: int, broker: str = "") -> None:
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
        """SIGKILL the worker and its pool, no goodbye."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def send_task(self, name: str, *args) -> None:
        """Publish task `name` on these workers' broker."""
        publish_task(self.broker, name, *args)

    def stop_all(self) -> None:
        """A warm shutdown of every worker started."""
        for process in self.processes:
            stop_worker(process, timeout=10)


def wait_until(
    condition: Callable[[], object],
    timeout: float,
    every: float = 0.25,
    tick: Callable[[], object] | None = None,
) -> float:
    """Poll `condition` every `every` s (calling `tick` between polls) until it
    is true; the seconds it took. AssertionError after `timeout` s."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not done within {timeout} s")
        if tick:
            tick()
        time.sleep(every)
    return time.monotonic() - start
