"""Handing a task to exactly the broker a test chose (the workers themselves:
scripts.production_server.start_worker)."""

from celery import Celery


def publish_task(broker_url: str, name: str, *args) -> None:
    """Send task `name` to `broker_url`, whatever CELERY_BROKER_URL says.

    Celery lets that environment variable override the `broker` argument of
    Celery(): on the PostgreSQL lane, which sets it, a task meant for a test's
    own Redis would silently land on the lane's. An explicit connection wins.
    """
    with Celery(set_as_current=False) as sender, sender.connection_for_write(broker_url) as link:
        sender.send_task(name, args=list(args), connection=link)
