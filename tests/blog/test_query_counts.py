"""SQL queries per page stay flat as news and events pile up."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import BlogIndexPage, EventIndexPage
from tests.support.factories import BlogPageFactory, EventPageFactory
from tests.support.queries import PAGES, count_queries


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_posts_and_events(client, demo):
    few = {name: count_queries(client, url) for name, url in PAGES.items()}

    news = BlogIndexPage.objects.get(locale__language_code="lv")
    events = EventIndexPage.objects.get(locale__language_code="lv")
    # Enough to fill the first page of news (the demo has six posts, a page
    # holds ten) and to lengthen the unpaginated events list: a query per item
    # anywhere would show as more than two extra.
    for n in range(12):
        BlogPageFactory(parent=news, title=f"Papildu ziņa {n}", date=datetime.date(2025, 1, 1))
    start = datetime.datetime(2031, 1, 1, 10, tzinfo=ZoneInfo("Europe/Riga"))
    for n in range(8):
        EventPageFactory(
            parent=events, title=f"Papildu pasākums {n}", start=start + datetime.timedelta(days=n)
        )
    many = {name: count_queries(client, url) for name, url in PAGES.items()}

    for name in PAGES:
        assert many[name] <= few[name] + 2, (name, few[name], many[name])


@pytest.mark.django_db
def test_a_cached_page_costs_no_queries(client, demo):
    client.get("/lv/jaunumi/")
    with CaptureQueriesContext(connection) as context:
        response = client.get("/lv/jaunumi/")
    assert response["X-Page-Cache"] == "hit"
    assert len(context.captured_queries) == 0
