"""Real Celery worker processes for tests: start one and wait until it is ready,
and hand a task to exactly the broker a test chose."""

import subprocess
import sys
import time
from pathlib import Path

from celery import Celery

ROOT = Path(__file__).resolve().parents[1]


def start_worker(
    env: dict[str, str], log_path: Path, *options: str, timeout: float = 60
) -> subprocess.Popen:
    """`celery -A website worker` with `options`, logging at INFO into `log_path`;
    returns once the worker says it is ready (consuming from its broker)."""
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "website", "worker", "-l", "INFO", *options],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    while "ready." not in log_path.read_text(errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            tail = log_path.read_text(errors="replace")[-2000:]
            raise AssertionError(f"the worker did not start:\n{tail}")
        time.sleep(0.1)
    return worker


def publish_task(broker_url: str, name: str, *args) -> None:
    """Send task `name` to `broker_url`, whatever CELERY_BROKER_URL says.

    Celery lets that environment variable override the `broker` argument of
    Celery(): on the PostgreSQL lane, which sets it, a task meant for a test's
    own Redis would silently land on the lane's. An explicit connection wins.
    """
    with Celery(set_as_current=False) as sender, sender.connection_for_write(broker_url) as link:
        sender.send_task(name, args=list(args), connection=link)
