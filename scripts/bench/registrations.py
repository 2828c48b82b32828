"""Sign-ups per second: 50 simultaneous clients registering for a 100-seat event.

Against the bench's gunicorn (two workers, production settings, the demo
site's SQLite database), after the page runs: an event with 100 seats is
added to the demo (``python -m scripts.bench.registrations prepare``, in a
process of its own under the server's settings), one visitor's form is
fetched for its CSRF cookie and token, and 50 client threads post 1,000
sign-ups with distinct addresses as fast as the server takes them (each on a
connection of its own, as the concurrency test does:
tests/registrations/test_concurrency.py, tests/support/servers.py). The
first 100 get a seat, the rest a place on the waiting list.

Reported: sign-ups per second (all 1,000 over the wall time), the p99
latency of one sign-up, and how many seats were given beyond the 100
(``oversold``, counted in the database afterwards; it must be 0).
"""

from __future__ import annotations

import datetime
import json
import math
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from scripts.bench.pages import cpu_seconds
from tests.support.servers import PYTHON, ROOT, http_request

CLIENTS = 50
CAPACITY = 100
SIGN_UPS = 1000
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepare_event() -> dict:
    """A Latvian event a week ahead with 100 seats open (run under the server's settings)."""
    from django.utils import timezone

    from blog.models import EventIndexPage, EventPage

    events = EventIndexPage.objects.get(locale__language_code="lv")
    start = timezone.now() + datetime.timedelta(days=7)
    event = events.add_child(
        instance=EventPage(
            title="Slodzes seminārs: 100 vietas",
            slug=f"slodzes-seminars-{os.getpid()}",
            start=start,
            end=start + datetime.timedelta(hours=3),
            venue="Bauskas novada Sociālais dienests",
            registration_open=True,
            capacity=CAPACITY,
        )
    )
    return {"pk": event.pk, "url": event.url}


def count_seats(pk: int) -> dict:
    """Confirmed and waiting sign-ups of the event (run under the server's settings)."""
    from registrations.models import Registration

    registrations = Registration.objects.filter(event_id=pk)
    return {
        "registrations": registrations.count(),
        "confirmed": registrations.filter(status=Registration.Status.CONFIRMED).count(),
        "waitlisted": registrations.filter(status=Registration.Status.WAITLISTED).count(),
    }


def in_site(env: dict[str, str], *args: str) -> dict:
    output = subprocess.run(
        [PYTHON, "-m", "scripts.bench.registrations", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with `share` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(port: int, env: dict[str, str], pids: list[int]) -> dict:
    """Sign-ups per second, p99 latency and seats oversold, against the server on port.

    pids: the server's workers, whose CPU per sign-up is reported too.
    """
    event = in_site(env, "prepare")
    status, set_cookie, html = http_request(port, "GET", event["url"])
    if status != 200 or not TOKEN.search(html):
        raise RuntimeError(f"the event's page shows no registration form ({status})")
    cookie, token = set_cookie.split(";")[0], TOKEN.search(html)[1]

    def sign_up(n: int) -> tuple[int, float]:
        body = urlencode(
            {"csrfmiddlewaretoken": token, "name": f"Dalībnieks {n}", "email": f"d{n}@example.org"}
        )
        started = time.perf_counter()
        answer = http_request(port, "POST", event["url"], body, cookie)[0]
        return answer, time.perf_counter() - started

    cpu = cpu_seconds(pids)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        answers = list(pool.map(sign_up, range(SIGN_UPS)))
    seconds = time.perf_counter() - started
    cpu = cpu_seconds(pids) - cpu
    seats = in_site(env, "count", str(event["pk"]))
    latencies = [latency for _, latency in answers]
    return {
        "per_s": round(SIGN_UPS / seconds, 1),
        "oversold": max(0, seats["confirmed"] - CAPACITY),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "cpu_ms_per_sign_up": round(cpu * 1000 / SIGN_UPS, 2),
        "clients": CLIENTS,
        "capacity": CAPACITY,
        "sign_ups": SIGN_UPS,
        "errors": sum(1 for answer, _ in answers if answer != 303),
        **seats,
    }


def main() -> None:
    import django

    django.setup()
    if sys.argv[1] == "prepare":
        print(json.dumps(prepare_event()))
    else:
        print(json.dumps(count_seats(int(sys.argv[2]))))


if __name__ == "__main__":
    main()
