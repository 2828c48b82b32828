"""Every page says when it was last updated (SPEC 9: "Atjaunots" / "Updated")."""

import datetime
import re

from django.utils import timezone
from wagtail.models import Page

from newsletter.models import NewsletterIssuePage
from tests.support.factories import BlogIndexPageFactory, BlogPageFactory, ContentPageFactory

UPDATED = re.compile(r'class="page-updated">([^<]*)<time datetime="([^"]+)">([^<]+)</time>')


def updated_on(html: str) -> tuple[str, datetime.datetime, str]:
    match = UPDATED.search(html)
    assert match, "no Updated line"
    return match.group(1), datetime.datetime.fromisoformat(match.group(2)), match.group(3)


def test_a_page_shows_its_last_published_change_in_latvian(client, home):
    page = ContentPageFactory(parent=home, title="Par projektu")
    page.refresh_from_db()  # as stored: Wagtail may write it after the object we hold
    published = timezone.localtime(page.last_published_at)
    label, when, shown = updated_on(client.get(page.url).content.decode())
    assert label.strip() == "Atjaunots:"
    assert when == published.replace(microsecond=0)
    assert shown == published.strftime("%d.%m.%Y.")


def test_a_list_page_takes_its_newest_items_date(client, home):
    news = BlogIndexPageFactory(parent=home)
    post = BlogPageFactory(parent=news)
    later = timezone.now() + datetime.timedelta(days=2)
    type(post).objects.filter(pk=post.pk).update(last_published_at=later)
    _, when, _ = updated_on(client.get(news.url).content.decode())
    assert when == timezone.localtime(later).replace(microsecond=0)


def test_english_pages_say_updated(client, demo):
    label, _, shown = updated_on(client.get("/en/").content.decode())
    assert label.strip() == "Updated:"
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", shown)


def test_every_page_of_the_demo_says_when_it_was_updated(client, demo):
    # An e-bulletin's address serves the e-mail as it went out (SPEC 6), not a site page.
    pages = Page.objects.live().public().filter(depth__gt=1).not_type(NewsletterIssuePage)
    assert pages.count() > 40
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        label, _, _ = updated_on(response.content.decode())
        expected = "Atjaunots:" if page.locale.language_code == "lv" else "Updated:"
        assert label.strip() == expected, page.url
