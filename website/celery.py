"""The Celery app: `celery -A website worker`.

The broker comes from CELERY_BROKER_URL; without it, kombu's SQLAlchemy
transport on a SQLite file in var/ (see docs/celery.md for why not the
filesystem transport).
"""

import os

from celery import Celery
from kombu.transport import sqlalchemy as kombu_sqlalchemy

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

# Every broker_transport_options key is handed to sqlalchemy.create_engine by
# this transport, so its polling interval can only be set on the class.
kombu_sqlalchemy.Transport.polling_interval = 0.2

app = Celery("website")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
