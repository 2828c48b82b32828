"""The embedded broker works with a real worker process on one machine."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.utils import timezone

from tests.factories import ContentPageFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def embedded_worker(tmp_path):
    """A `celery worker` process on a SQLite broker file of its own."""
    broker_url = f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DATABASE_URL": f"sqlite:///{settings.DATABASES['default']['NAME']}",
        "CELERY_BROKER_URL": broker_url,
        "VAR_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "website",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield broker_url
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


@pytest.mark.django_db(transaction=True)
def test_worker_publishes_a_scheduled_page_from_the_embedded_broker(
    committed_home, embedded_worker
):
    page = ContentPageFactory(title="Plānota ziņa")
    page.unpublish()
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()

    with Celery(broker=embedded_worker) as sender:
        sender.send_task("home.tasks.publish_scheduled_pages")

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        page.refresh_from_db()
        if page.live:
            break
        time.sleep(0.5)
    assert page.live, "the worker did not publish the scheduled page within 90 s"
