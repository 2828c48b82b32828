"""Housekeeping jobs of the whole site, run by Celery beat."""

from celery import shared_task
from django.core.management import call_command

from . import backups


@shared_task
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled")


@shared_task
def back_up_site() -> None:
    """The nightly backup: database and media, documents included (docs/deployment.md)."""
    backups.back_up()
