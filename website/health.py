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


def sending_state() -> str:
    """``"stalled"`` when an e-bulletin send has waited minutes for a worker."""
    from newsletter.reports import stalled_dispatches

    try:
        return "stalled" if stalled_dispatches().exists() else "ok"
    except Exception:
        logger.exception("Health check: the sends could not be read")
        return "unknown"


def check() -> dict[str, str]:
    """Each dependency's state, ``"ok"`` or ``"down"``; and the sends' state."""
    database = database_is_up()
    return {
        "database": "ok" if database else "down",
        "broker": "ok" if broker_is_up() else "down",
        "sending": sending_state() if database else "unknown",
    }


# A stalled send is named, not failed: this web process serves pages fine,
# and a load balancer must not take it out for a missing worker.
NAMED_ONLY = {"sending"}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with the database and broker ``ok``, 503 when either is down; a
    stalled send is named ("sending": "stalled") without failing the check."""
    states = check()
    healthy = all(state == "ok" for name, state in states.items() if name not in NAMED_ONLY)
    return JsonResponse(states, status=200 if healthy else 503)
