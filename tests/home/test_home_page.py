"""The home page shows what is new: the latest news and the upcoming events (SPEC 5, 9)."""

import datetime

from django.utils import timezone

from tests.support.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
)


def test_home_shows_the_four_newest_posts_with_date_and_lead(client, home):
    news = BlogIndexPageFactory(parent=home)
    posts = [
        BlogPageFactory(parent=news, title=f"Ziņa {n}", date=datetime.date(2026, 1, n + 1))
        for n in range(5)
    ]
    html = client.get("/lv/").content.decode()

    for newest in posts[1:]:
        assert f">{newest.title}</a>" in html
    assert ">Ziņa 0</a>" not in html  # the fifth newest stays on the news list
    # Newest first, with the date in the Latvian form and the lead.
    assert html.index(">Ziņa 4</a>") < html.index(">Ziņa 1</a>")
    assert '<time datetime="2026-01-05">2026. gada 5. janvāris</time>' in html
    assert "Īsumā par notikušo." in html
    assert f'href="{news.url}"' in html


def test_home_leaves_out_unpublished_and_private_posts(client, home):
    from wagtail.models import PageViewRestriction

    news = BlogIndexPageFactory(parent=home)
    BlogPageFactory(parent=news, title="Redzama ziņa")
    hidden = BlogPageFactory(parent=news, title="Slēpta ziņa")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = BlogPageFactory(parent=news, title="Melnraksts")
    draft.unpublish()

    html = client.get("/lv/").content.decode()
    assert "Redzama ziņa" in html
    assert "Slēpta ziņa" not in html
    assert "Melnraksts" not in html


def test_home_shows_the_next_events_with_time_and_place(client, home):
    events = EventIndexPageFactory(parent=home)
    soon = timezone.now() + datetime.timedelta(days=3)
    EventPageFactory(parent=events, title="Reģionālais seminārs", start=soon, venue="Cēsis")
    EventPageFactory(
        parent=events,
        title="Pagājis pasākums",
        start=timezone.now() - datetime.timedelta(days=30),
    )
    html = client.get("/lv/").content.decode()

    assert "Gaidāmie pasākumi" in html
    assert ">Reģionālais seminārs</a>" in html
    assert "Cēsis" in html
    assert "Pagājis pasākums" not in html
    assert f'href="{events.url}"' in html


def test_english_home_shows_its_own_news_and_events(client, demo):
    html = client.get("/en/").content.decode()
    assert "Latest news" in html
    assert "Upcoming events" in html
    section = html[html.index('id="latest-news-title"') :]
    assert 'href="/en/news/' in section
    assert 'href="/lv/' not in section.split("</section>")[0]


def test_home_page_queries_do_not_grow_with_posts(client, home, django_assert_max_num_queries):
    news = BlogIndexPageFactory(parent=home)
    for n in range(3):
        BlogPageFactory(parent=news, title=f"Pirmā {n}")
    with django_assert_max_num_queries(60) as few:
        client.get("/lv/")
    for n in range(12):
        BlogPageFactory(parent=news, title=f"Vēlākā {n}")
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/lv/")


def test_home_shows_seats_left_and_a_sign_up_changes_them(
    client, home, django_capture_on_commit_callbacks
):
    events = EventIndexPageFactory(parent=home)
    event = EventPageFactory(
        parent=events,
        title="Seminārs ar pieteikšanos",
        start=timezone.now() + datetime.timedelta(days=10),
        registration_open=True,
        capacity=2,
    )
    assert "Brīvas vietas: 2" in client.get("/lv/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, {"name": "Anna Bērziņa", "email": "anna@example.org"})
    # The home page is cached for visitors: the sign-up refreshes it.
    assert "Brīvas vietas: 1" in client.get("/lv/").content.decode()


def test_home_leaves_out_posts_and_events_of_a_private_section(client, home):
    from wagtail.models import PageViewRestriction

    news = BlogIndexPageFactory(parent=home)
    BlogPageFactory(parent=news, title="Ziņa aiz paroles")
    events = EventIndexPageFactory(parent=home)
    EventPageFactory(
        parent=events,
        title="Pasākums aiz paroles",
        start=timezone.now() + datetime.timedelta(days=3),
    )
    shown = client.get("/lv/", {"before": 1}).content.decode()
    assert "Ziņa aiz paroles" in shown and "Pasākums aiz paroles" in shown

    for section in (news, events):
        PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    html = client.get("/lv/", {"after": 1}).content.decode()
    assert "Ziņa aiz paroles" not in html
    assert "Pasākums aiz paroles" not in html
