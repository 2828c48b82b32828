"""The page cache never hands one visitor's form (CSRF token, input, errors) to another."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from registrations.models import Registration

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_two_anonymous_visitors_get_their_own_form_token(event):
    anna, ilze = Client(), Client()
    first = anna.get(event.url)
    second = ilze.get(event.url)
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "miss"
    assert "public" not in second.get("Cache-Control", "")
    assert anna.cookies["csrftoken"].value != ilze.cookies["csrftoken"].value
    assert TOKEN.search(first.content.decode())[1] != TOKEN.search(second.content.decode())[1]


def test_one_visitors_errors_and_input_are_not_shown_to_the_next(event):
    anna, ilze = Client(), Client()
    refused = anna.post(event.url, {"name": "Anna Slepenā", "email": "nav-adrese"})
    assert refused.status_code == 400
    assert "Anna Slepenā" in refused.content.decode()
    html = ilze.get(event.url).content.decode()
    assert "Anna Slepenā" not in html
    assert 'role="alert"' not in html
    assert not Registration.objects.exists()


def test_an_event_without_a_form_is_still_cached(make_event):
    event = make_event(registration_open=False)
    Client().get(event.url)
    assert Client().get(event.url)["X-Page-Cache"] == "hit"


def test_the_events_list_is_cached_and_a_sign_up_refreshes_it(client, event, sign_up):
    Client().get("/lv/pasakumi/")
    cached = Client().get("/lv/pasakumi/")
    assert cached["X-Page-Cache"] == "hit"
    assert "Brīvas vietas: 2" in cached.content.decode()
    sign_up(client, event)
    fresh = Client().get("/lv/pasakumi/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "Brīvas vietas: 1" in fresh.content.decode()
