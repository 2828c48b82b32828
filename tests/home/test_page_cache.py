"""Anonymous pages are cached and purged precisely when what they show changes."""

import gzip

import pytest
from django.test import RequestFactory

from blog.models import BlogIndexPage, BlogPage, EventPage
from navigation import page_cache
from tests.support.factories import BlogCategoryFactory, BlogIndexPageFactory, BlogPageFactory


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
        # The seminar is always three weeks ahead, so the list's first page shows it.
        event = EventPage.objects.get(slug="regionalais-seminars-riga", locale__language_code="lv")
        assert event.title in client.get("/lv/pasakumi/").content.decode()
        event.unpublish()
        assert event.title not in client.get("/lv/pasakumi/").content.decode()

    def test_a_new_menu_page_appears_on_every_page(self, client, demo):
        from tests.support.factories import ContentPageFactory

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

    def test_a_cdn_may_hold_what_the_cache_stores_and_serves(self, client, home, settings):
        settings.PAGE_CACHE_SHARED_MAX_AGE = 120
        for state in ("miss", "hit"):
            response = client.get("/lv/")
            assert response["X-Page-Cache"] == state
            directives = {d.strip() for d in response["Cache-Control"].split(",")}
            assert {"public", "s-maxage=120"} <= directives

    def test_a_cdn_is_not_told_to_hold_what_the_cache_does_not_store(
        self, client, admin_client, home
    ):
        assert "s-maxage" not in client.get("/lv/meklet/?q=projekts").get("Cache-Control", "")
        assert "s-maxage" not in admin_client.get("/lv/").get("Cache-Control", "")
        assert "s-maxage" not in client.get("/lv/?unknown=1").get("Cache-Control", "")

    def test_each_app_declares_the_models_shown_around_pages(self):
        from blog.models import BlogCategory
        from home.models import Partner, SiteSettings
        from navigation import purges

        assert {BlogCategory, Partner, SiteSettings} <= set(purges.shown_around_pages())

    def test_a_snippet_shown_around_pages_purges_every_page(self, client, home):
        client.get("/lv/")
        assert cache_state(client, "/lv/") == "hit"
        BlogCategoryFactory(name="Supervīzija", slug="supervizija")
        assert cache_state(client, "/lv/") == "miss"


def stored_entries() -> int:
    """How many whole pages the shared cache holds (local memory or Redis)."""
    backend = page_cache.cache._cache
    if hasattr(backend, "get_client"):  # Django's RedisCache
        return len(backend.get_client().keys("*page-cache:entry:*"))
    return sum(1 for key in backend if "page-cache:entry:" in key)


@pytest.fixture
def news_list(home):
    news = BlogIndexPageFactory(slug="jaunumi")
    trainings = BlogCategoryFactory(name="Apmācības", slug="apmacibas")
    for n in range(12):
        BlogPageFactory(parent=news, title=f"Ziņa numur {n}", date=f"2023-01-{n + 1:02d}")
    BlogPageFactory(parent=news, title="Apmācību ziņa", date="2024-02-01", categories=[trainings])
    return news


@pytest.mark.django_db
class TestQueryStrings:
    """Item 12: tracking parameters share the page's entry; unknown ones store nothing."""

    def test_tracking_parameters_are_served_the_plain_page(self, client, home):
        assert cache_state(client, "/lv/") == "miss"
        for query in (
            "utm_source=e-apkartraksts&utm_medium=email&utm_campaign=nr-7",
            "fbclid=IwAR0abc",
            "gclid=Cj0KCQ",
            "mc_cid=1a2b3c&mc_eid=4d5e6f",
            "msclkid=99",
        ):
            assert cache_state(client, f"/lv/?{query}") == "hit", query
        assert stored_entries() == 1

    def test_320_newsletter_links_neither_evict_nor_grow_the_cache(self, client, home):
        client.get("/lv/")
        for n in range(320):
            client.get("/lv/", {"utm_source": "e-apkartraksts", "utm_content": f"saite-{n}"})
        assert stored_entries() == 1
        assert cache_state(client, "/lv/") == "hit"

    def test_unknown_parameters_are_not_stored(self, client, home):
        for n in range(50):
            assert cache_state(client, f"/lv/?x={n}") == "miss"
        assert cache_state(client, "/lv/?x=1") == "miss"
        assert stored_entries() == 0

    def test_the_news_list_stores_the_filters_and_pages_it_uses(self, client, news_list):
        for query in ("page=2", "category=apmacibas", "year=2023", "year=2023&page=2"):
            assert cache_state(client, f"{news_list.url}?{query}") == "miss", query
            assert cache_state(client, f"{news_list.url}?{query}") == "hit", query
        # Same parameters in another order, or with tracking added: the same entry.
        assert cache_state(client, f"{news_list.url}?page=2&year=2023") == "hit"
        assert cache_state(client, f"{news_list.url}?page=2&utm_source=x") == "hit"

    @pytest.mark.parametrize(
        "query",
        [
            "page=zz",
            "page=999",
            "page=02",
            "category=nav-tadas",
            "tag=nav-tada",
            "year=99999",
            "year=1999",
            "page=2&x=1",
        ],
    )
    def test_the_news_list_stores_no_value_it_did_not_take(self, client, news_list, query):
        assert client.get(f"{news_list.url}?{query}").status_code == 200
        assert cache_state(client, f"{news_list.url}?{query}") == "miss"
        assert stored_entries() == 0

    def test_a_stored_page_holds_no_tracking_parameter(self, client, news_list):
        first = client.get(news_list.url, {"utm_source": "noplude"})
        assert "noplude" not in first.content.decode()
        page = client.get(news_list.url)
        assert page["X-Page-Cache"] == "hit"
        assert "noplude" not in page.content.decode()


@pytest.mark.django_db
class TestHosts:
    """Item 13: ALLOWED_HOSTS holds on a hit too; nothing echoes the Host header."""

    def test_a_foreign_host_gets_400_cached_or_not(self, client, home):
        assert client.get("/lv/", HTTP_HOST="evil.example").status_code == 400
        client.get("/lv/")
        assert cache_state(client, "/lv/") == "hit"
        assert client.get("/lv/", HTTP_HOST="evil.example").status_code == 400

    def test_each_allowed_host_has_its_own_entry(self, client, home):
        assert client.get("/lv/", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"
        assert client.get("/lv/", HTTP_HOST="127.0.0.1")["X-Page-Cache"] == "miss"
        assert client.get("/lv/", HTTP_HOST="localhost")["X-Page-Cache"] == "hit"

    def test_the_cached_atom_feed_links_to_itself_on_the_site_url(
        self, client, news_list, settings
    ):
        feed = f"{news_list.url}feed/atom/"
        for host in ("localhost", "localhost"):
            body = client.get(feed, HTTP_HOST=host).content.decode()
            assert f'href="{settings.SITE_URL}{feed}" rel="self"' in body
            assert "://localhost" not in body

    def test_robots_txt_names_the_site_url(self, client, db, settings):
        body = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
        assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body
        assert "localhost" not in body


# A view restriction purges like a publish: the page, the lists and feeds that
# show it, and its subpages (issue 11, item 2). One page of each listed type.
RESTRICTED_IN_LISTS = [
    (
        "/lv/jaunumi/supervizijas-socialajiem-darbiniekiem/",
        ["/lv/jaunumi/", "/lv/jaunumi/feed/rss/", "/lv/jaunumi/feed/atom/"],
    ),
    ("/lv/pasakumi/atbalsta-grupa-sievietem/", ["/lv/pasakumi/", "/lv/pasakumi/calendar/"]),
    ("/lv/projekti/profesionala-un-musdieniga-sociala-darba-attistiba/", ["/lv/projekti/"]),
    ("/lv/e-apkartraksts/e-apkartraksts-nr-1/", ["/lv/e-apkartraksts/"]),
]


def page_at(url: str):
    from wagtail.models import Page

    return next(page for page in Page.objects.live() if page.url == url).specific


def listed_page_at(url: str):
    """The page at url, as its lists show it: an e-bulletin issue is listed in the
    archive only once it was sent, so it gets a finished dispatch."""
    from newsletter.models import Dispatch, NewsletterIssuePage

    page = page_at(url)
    if isinstance(page, NewsletterIssuePage):
        Dispatch.objects.create(issue=page, state=Dispatch.State.FINISHED)
    return page


def login_restriction(page):
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.mark.django_db
class TestViewRestrictionsPurge:
    @pytest.mark.parametrize(("url", "lists"), RESTRICTED_IN_LISTS)
    def test_a_page_made_private_leaves_the_cache_and_its_lists_at_once(
        self, client, demo, url, lists
    ):
        page = listed_page_at(url)
        for address in [url, *lists]:
            client.get(address)
            assert cache_state(client, address) == "hit"
            if address in lists:
                assert page.title in client.get(address).content.decode()

        login_restriction(page)

        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
        for address in lists:
            assert page.title not in client.get(address).content.decode(), address

    def test_a_section_made_private_takes_its_subpages_out_of_the_cache(self, client, demo):
        project = "/lv/projekti/cilveks-izmainu-veicinatajs/"
        client.get(project)
        assert cache_state(client, project) == "hit"

        login_restriction(page_at("/lv/projekti/"))

        response = client.get(project)
        assert response.status_code == 302 and response["X-Page-Cache"] != "hit"

    def test_a_password_restriction_leaves_no_copy_for_anyone(self, client, demo):
        from wagtail.models import PageViewRestriction

        post = page_at("/lv/jaunumi/supervizijas-socialajiem-darbiniekiem/")
        lead = post.lead[:40]
        assert lead in client.get(post.url).content.decode()
        PageViewRestriction.objects.create(
            page=post, restriction_type=PageViewRestriction.PASSWORD, password="slepens"
        )
        for _ in range(2):
            response = client.get(post.url)
            assert response["X-Page-Cache"] != "hit"
            assert lead not in response.content.decode()

    def test_changing_a_restriction_purges_like_a_publish(self, client, demo):
        post = page_at("/lv/jaunumi/supervizijas-socialajiem-darbiniekiem/")
        restriction = login_restriction(post)
        client.get("/lv/jaunumi/")
        assert cache_state(client, "/lv/jaunumi/") == "hit"

        restriction.restriction_type = restriction.PASSWORD
        restriction.password = "slepens"
        restriction.save()

        assert cache_state(client, "/lv/jaunumi/") == "miss"

    @pytest.mark.parametrize(("url", "lists"), RESTRICTED_IN_LISTS)
    def test_removing_a_restriction_shows_the_page_in_its_lists_at_once(
        self, client, demo, url, lists
    ):
        page = listed_page_at(url)
        restriction = login_restriction(page)
        for address in lists:
            client.get(address)
            assert cache_state(client, address) == "hit"

        restriction.delete()

        assert client.get(url).status_code == 200
        for address in lists:
            assert page.title in client.get(address).content.decode(), address


@pytest.mark.django_db
class TestStoredReadyToSend:
    """Issue 16: an entry is sent as stored; gzip is done once, when the page is stored."""

    def test_a_client_that_accepts_gzip_gets_the_same_page_compressed(self, client, home):
        import gzip

        rendered = client.get("/lv/")
        assert rendered["X-Page-Cache"] == "miss"
        hit = client.get("/lv/", HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
        assert hit["X-Page-Cache"] == "hit"
        assert hit["Content-Encoding"] == "gzip"
        assert gzip.decompress(hit.content) == rendered.content
        assert int(hit["Content-Length"]) == len(hit.content) < len(rendered.content)
        assert hit["Content-Type"] == rendered["Content-Type"]
        assert hit["Content-Language"] == rendered["Content-Language"] == "lv"

    def test_other_clients_get_the_plain_page(self, client, home):
        rendered = client.get("/lv/")
        for accepted in ({}, {"HTTP_ACCEPT_ENCODING": "identity"}, {"HTTP_ACCEPT_ENCODING": "br"}):
            hit = client.get("/lv/", **accepted)
            assert hit["X-Page-Cache"] == "hit"
            assert "Content-Encoding" not in hit
            assert hit.content == rendered.content
            assert int(hit["Content-Length"]) == len(rendered.content)

    def test_shared_caches_are_told_the_answer_depends_on_accept_encoding(self, client, home):
        for accepted in ("", "gzip"):
            for state in ("miss", "hit") if not accepted else ("hit",):
                response = client.get("/lv/", HTTP_ACCEPT_ENCODING=accepted)
                assert response["X-Page-Cache"] == state
                assert "Accept-Encoding" in response["Vary"], (accepted, state)

    def test_nothing_is_compressed_on_a_hit(self, client, home, monkeypatch):
        client.get("/lv/")

        def refuse(*args, **kwargs):
            raise AssertionError("compressed per request")

        monkeypatch.setattr(page_cache.gzip, "compress", refuse)
        assert client.get("/lv/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"

    def test_an_entry_stored_by_an_older_release_is_rendered_again(self, client, home):
        client.get("/lv/")
        # The entry's own key, whichever cache backend the lane runs on.
        key = page_cache._entry_key(RequestFactory().get("/lv/"))
        old = page_cache.cache.get(key)
        assert old is not None
        # As the release before stored it: the plain HTML beside the gzipped copy.
        before = {k: v for k, v in old.items() if k != "format"}
        page_cache.cache.set(key, {**before, "content": gzip.decompress(old["gzip"])})
        assert cache_state(client, "/lv/") == "miss"
        assert cache_state(client, "/lv/") == "hit"


@pytest.mark.django_db
class TestAnsweredFirst:
    """The page cache runs first: a hit is sent with the headers the page was stored with."""

    def test_a_hit_carries_the_headers_the_rest_of_the_chain_gave_the_page(self, client, home):
        miss = client.get("/lv/")
        hit = client.get("/lv/")
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
        for header in (
            "Content-Type",
            "Content-Language",
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
        ):
            assert hit[header] == miss[header], header

    def test_plain_http_is_still_redirected_where_https_is_required(self, client, home, settings):
        settings.SECURE_SSL_REDIRECT = True
        assert client.get("/lv/", secure=True)["X-Page-Cache"] == "miss"
        assert client.get("/lv/", secure=True)["X-Page-Cache"] == "hit"
        response = client.get("/lv/")
        assert response.status_code == 301
        assert response["Location"] == "https://testserver/lv/"

    def test_an_answer_over_https_is_not_served_over_http(self, client, home, settings):
        settings.SECURE_HSTS_SECONDS = 3600
        assert "Strict-Transport-Security" in client.get("/lv/", secure=True)
        plain = client.get("/lv/")
        assert plain["X-Page-Cache"] == "miss"
        assert "Strict-Transport-Security" not in plain
