import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests.support.factories import EventIndexPageFactory, EventPageFactory


@pytest.fixture
def events(home):
    return EventIndexPageFactory(slug="pasakumi")


@pytest.fixture
def make_event(events):
    """An upcoming event taking registrations (override any field)."""

    def make(**fields):
        start = timezone.now() + datetime.timedelta(days=10)
        defaults = {
            "title": "Reģionālais seminārs Kurzemē",
            "slug": "regionalais-seminars",
            "start": start,
            "registration_open": True,
            "capacity": 2,
        }
        return EventPageFactory(parent=events, **{**defaults, **fields})

    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def english_event(event):
    """The event's English page (its translation, published)."""
    english = event.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Regional seminar in Kurzeme"
    english.save_revision().publish()
    english.refresh_from_db()
    return english


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """POST as a request would commit: the e-mails and the cache purge go out."""

    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


@pytest.fixture
def sign_up(committed):
    """Sign up on an event's page (Anna by default), committed."""

    def post(client, page, **fields):
        data = {"name": "Anna Bērziņa", "email": "anna@example.org", **fields}
        return committed(client, page.url, data)

    return post
