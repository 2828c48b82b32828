"""navigation.sites: the request's Wagtail site, from the cache while it is current."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from navigation.sites import site_for

SITE = '"wagtailcore_site"'


def site_queries(request) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        site_for(request)
    return [sql for sql in (query["sql"] for query in context.captured_queries) if SITE in sql]


@pytest.mark.django_db
def test_the_site_is_looked_up_once_then_kept(home):
    site = Site.objects.get(is_default_site=True)
    assert site_for(RequestFactory().get("/lv/")) == site
    assert site_queries(RequestFactory().get("/lv/")) == []
    assert site_for(RequestFactory().get("/lv/")).root_page_id == site.root_page_id


@pytest.mark.django_db
def test_a_changed_site_is_looked_up_again(home):
    site = Site.objects.get(is_default_site=True)
    site_for(RequestFactory().get("/lv/"))
    site.site_name = "Cilvēks"
    site.save()  # a site is shown around every page: the global tag moves
    assert len(site_queries(RequestFactory().get("/lv/"))) == 1
    assert site_for(RequestFactory().get("/lv/")).site_name == "Cilvēks"


@pytest.mark.django_db
def test_pages_are_served_without_asking_for_the_site(client, home):
    # The first view makes the site's settings (a change shown around every page).
    client.get("/lv/", {"first": 1})
    client.get("/lv/", {"then": 1})
    with CaptureQueriesContext(connection) as context:
        response = client.get("/lv/", {"second": 1})
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    assert not [query for query in context.captured_queries if SITE in query["sql"]]
