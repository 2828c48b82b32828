"""Anonymous pages are cached and purged precisely when what they show changes."""

import pytest

from blog.models import BlogIndexPage, BlogPage, EventPage
from home import page_cache
from tests.factories import BlogPageFactory


def cache_state(client, url: str) -> str:
    return client.get(url)["X-Page-Cache"]


class CountingCache:
    """The site's cache, counting the calls that would each be a round trip to Redis."""

    def __init__(self, real) -> None:
        self.real = real
        self.reads = 0

    def get(self, *args, **kwargs):
        self.reads += 1
        return self.real.get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        self.reads += 1
        return self.real.get_many(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.mark.django_db
class TestPageCache:
    def test_publishing_a_post_refreshes_its_list_and_home_but_not_events(self, client, demo):
        for url in ("/lv/", "/lv/jaunumi/", "/lv/pasakumi/"):
            client.get(url)
            assert cache_state(client, url) == "hit"

        news = BlogIndexPage.objects.get(locale__language_code="lv")
        BlogPageFactory(parent=news, title="Jaunākā ziņa no Kuldīgas")

        assert "Jaunākā ziņa no Kuldīgas" in client.get("/lv/jaunumi/").content.decode()
        assert "Jaunākā ziņa no Kuldīgas" in client.get("/lv/jaunumi/feed/rss/").content.decode()
        assert cache_state(client, "/lv/pasakumi/") == "hit"

    def test_editing_a_post_refreshes_it_and_its_translation_links(self, client, demo):
        post = BlogPage.objects.get(
            slug="supervizijas-socialajiem-darbiniekiem", locale__language_code="lv"
        )
        client.get(post.url)
        post.title = "Supervīzijas – jauns virsraksts"
        post.save_revision().publish()
        assert "Supervīzijas – jauns virsraksts" in client.get(post.url).content.decode()

    def test_unpublishing_removes_the_page_from_lists(self, client, demo):
        event = EventPage.objects.get(
            slug="supervizija-gimenu-grupu-konference", locale__language_code="lv"
        )
        client.get("/lv/pasakumi/")
        event.unpublish()
        assert (
            "Supervīzija: Ģimeņu grupu konference"
            not in client.get("/lv/pasakumi/").content.decode()
        )

    def test_a_new_menu_page_appears_on_every_page(self, client, demo):
        from tests.factories import ContentPageFactory

        client.get("/lv/pasakumi/")
        ContentPageFactory(title="Kontakti Kurzemē", show_in_menus=True)
        assert "Kontakti Kurzemē" in client.get("/lv/pasakumi/").content.decode()

    def test_a_hit_reads_the_shared_cache_once(self, client, demo, monkeypatch):
        counting = CountingCache(page_cache.cache)
        monkeypatch.setattr(page_cache, "cache", counting)
        client.get("/lv/jaunumi/")  # stored
        counting.reads = 0
        assert cache_state(client, "/lv/jaunumi/") == "hit"
        assert counting.reads == 1

    def test_a_hit_is_still_purged_when_the_process_has_not_seen_the_url(self, client, demo):
        client.get("/lv/jaunumi/")
        page_cache.forget_known_tags()  # as in another web process, which stored nothing
        assert cache_state(client, "/lv/jaunumi/") == "hit"
        news = BlogIndexPage.objects.get(locale__language_code="lv")
        BlogPageFactory(parent=news, title="Ziņa, ko otrs process vēl nav redzējis")
        page_cache.forget_known_tags()
        assert cache_state(client, "/lv/jaunumi/") == "miss"

    def test_editors_with_a_session_always_see_fresh_pages(self, admin_client, demo):
        admin_client.get("/lv/jaunumi/")
        response = admin_client.get("/lv/jaunumi/")
        assert "X-Page-Cache" not in response
