"""Flat listings of news posts, events and issues, with date, category and status."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import BlogCategory, BlogIndexPage, BlogPage
from newsletter.models import NewsletterIssuePage
from newsletter.permissions import MANAGERS_GROUP
from tests.support.admin import admin_menu, visible_strings
from tests.support.factories import BlogPageFactory, UserFactory


def logged_in(client, group: str):
    user = UserFactory(groups=[group])
    user.wagtail_userprofile.preferred_language = "lv"
    user.wagtail_userprofile.save()
    client.force_login(user)
    return user


@pytest.mark.django_db
class TestListings:
    def test_news_posts_show_latvian_date_categories_and_status(self, demo, client):
        logged_in(client, "Moderatori")
        post = BlogPage.objects.filter(locale__language_code="lv", categories__isnull=False).first()
        category = post.categories.first()
        response = client.get(reverse("news_posts:index"))
        assert response.status_code == 200
        seen = visible_strings(response.content.decode())
        assert {"Datums", "Kategorijas", "Statuss", post.title} <= seen
        assert post.date.strftime("%d.%m.%Y.") in seen
        assert any(category.name in text for text in seen)

    def test_events_show_their_start(self, demo, client):
        logged_in(client, "Redaktori")
        response = client.get(reverse("events:index"))
        assert response.status_code == 200
        assert re.search(r"\d\d\.\d\d\.\d{4}\. \d\d\.\d\d", response.content.decode())

    def test_issues_are_in_the_e_bulletin_menu_for_liga(self, demo, client):
        logged_in(client, MANAGERS_GROUP)
        home = client.get(reverse("wagtailadmin_home"))
        assert reverse("issues:index") in admin_menu(home)
        response = client.get(reverse("issues:index"))
        assert response.status_code == 200
        issue = NewsletterIssuePage.objects.filter(locale__language_code="lv").first()
        assert issue.title in visible_strings(response.content.decode())

    def test_the_news_listing_reads_categories_in_one_query(self, demo, client):
        """More posts, no more category queries. (wagtail-localize's per-row
        "Translate" buttons cost queries of their own, in every page listing.)"""
        logged_in(client, "Moderatori")
        url = reverse("news_posts:index")

        def category_queries(context) -> int:
            return sum("blog_blogcategory" in query["sql"] for query in context.captured_queries)

        client.get(url)
        with CaptureQueriesContext(connection) as before:
            client.get(url)
        news = BlogIndexPage.objects.get(locale__language_code="lv")
        categories = list(BlogCategory.objects.filter(locale__language_code="lv")[:2])
        for _ in range(5):
            BlogPageFactory(parent=news, categories=categories)
        with CaptureQueriesContext(connection) as after:
            client.get(url)
        assert category_queries(after) == category_queries(before) == 1


@pytest.mark.django_db
def test_send_is_a_visible_button_on_an_issue_for_liga_only(demo, client):
    issue = NewsletterIssuePage.objects.filter(locale__language_code="lv").first()
    send_url = reverse("dispatches:send", args=[issue.pk])
    visible_send = f'<a class="button button-small button-secondary w-ml-3" href="{send_url}">'
    logged_in(client, MANAGERS_GROUP)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert visible_send in page
    assert "Sūtīt…" in visible_strings(page)
    logged_in(client, "Moderatori")
    page = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert visible_send not in page
