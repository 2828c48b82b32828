"""`/healthz`: is this web process able to do its work?

A load balancer or process manager asks it every few seconds, so each check
is one cheap round trip with a short timeout: a trivial query on the
database and a connection to the Celery broker. The answer names what is
down and nothing else (no addresses, no error text: the endpoint has no
login).
"""

import logging

from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from website.celery import app as celery_app

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2.0


def database_is_up() -> bool:
    """One trivial query on the default database."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database is unreachable")
        return False
    return True


def broker_is_up() -> bool:
    """One connection to the Celery broker, retried once at most."""
    try:
        with celery_app.connection_for_write(connect_timeout=BROKER_TIMEOUT_SECONDS) as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT_SECONDS
            )
    except Exception:
        logger.exception("Health check: the Celery broker is unreachable")
        return False
    return True


def check() -> dict[str, str]:
    """Each dependency's state, ``"ok"`` or ``"down"``."""
    return {
        "database": "ok" if database_is_up() else "down",
        "broker": "ok" if broker_is_up() else "down",
    }


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with every check ``ok``, 503 when any is down."""
    states = check()
    healthy = all(state == "ok" for state in states.values())
    return JsonResponse(states, status=200 if healthy else 503)
