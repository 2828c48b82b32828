"""Simultaneous sign-ups through real web processes never oversell (SPEC section 8).

gunicorn (three workers of four threads each) on the lane's database, SQLite
or PostgreSQL (scripts/test_lane_postgres.sh sets DATABASE_URL, and
worker_database_url() hands the test database to the server): 60 sign-ups
for a 10-seat event fired at once, a few of them the same address twice.
"""

import datetime
import os
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from registrations.models import Registration
from tests.support.factories import EventIndexPageFactory, EventPageFactory
from tests.support.servers import free_port, gunicorn
from tests.support.servers import http_request as request
from tests.support.workers import worker_database_url

CAPACITY = 10
PEOPLE = 50
TWICE = 10  # addresses sent twice at the same moment
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.mark.processes
@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_never_oversell(committed_home):
    events = EventIndexPageFactory(slug="pasakumi")
    event = EventPageFactory(
        parent=events,
        title="Reģionālais seminārs",
        slug="regionalais-seminars",
        start=timezone.now() + datetime.timedelta(days=7),
        registration_open=True,
        capacity=CAPACITY,
    )
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": worker_database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
    }
    with gunicorn(env, port, workers=3, extra_args=("--threads", "4")):
        status, set_cookie, html = request(port, "GET", event.url)
        assert status == 200
        cookie = set_cookie.split(";")[0]
        token = TOKEN.search(html)[1]
        emails = [f"dalibnieks{n}@example.org" for n in range(PEOPLE)]
        emails += [address.upper() for address in emails[:TWICE]]

        def sign_up(email: str) -> int:
            body = urlencode({"csrfmiddlewaretoken": token, "name": "Dalībnieks", "email": email})
            return request(port, "POST", event.url, body, cookie)[0]

        with ThreadPoolExecutor(max_workers=len(emails)) as pool:
            statuses = list(pool.map(sign_up, emails))

    assert set(statuses) <= {303, 200}, statuses
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == PEOPLE
    assert registrations.values("email_key").distinct().count() == PEOPLE
    confirmed = registrations.filter(status=Registration.Status.CONFIRMED).count()
    waiting = list(registrations.filter(status=Registration.Status.WAITLISTED))
    assert confirmed == CAPACITY, f"{confirmed} seated for {CAPACITY} seats"
    assert len(waiting) == PEOPLE - CAPACITY
    assert sorted(person.place_in_line() for person in waiting) == list(
        range(1, PEOPLE - CAPACITY + 1)
    )
