"""A real worker process takes tasks from the lane's broker: the embedded one
(SQLite file) on the SQLite lane, Redis on the PostgreSQL lane."""

import datetime
import os

import pytest
from django.utils import timezone

from tests.support.factories import ContentPageFactory
from tests.support.markers import starts_processes
from tests.support.servers import start_worker, stop_worker
from tests.support.workers import (
    lane_broker_url,
    publish_task,
    wait_until,
    worker_database_url,
)


@pytest.fixture
@starts_processes
def lane_worker(tmp_path):
    """A `celery worker` process on the lane's broker and the test database."""
    broker_url = lane_broker_url(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "VAR_DIR": str(tmp_path),
    }
    worker = start_worker(env, tmp_path / "worker.log", "--pool", "solo")
    yield broker_url
    stop_worker(worker, timeout=20)


@pytest.mark.django_db(transaction=True)
def test_worker_publishes_a_scheduled_page_from_the_lane_broker(committed_home, lane_worker):
    page = ContentPageFactory(title="Plānota ziņa")
    page.unpublish()
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()

    publish_task(lane_worker, "core.tasks.publish_scheduled_pages")

    def published() -> bool:
        page.refresh_from_db()
        return page.live

    wait_until(published, timeout=90, every=0.5)
