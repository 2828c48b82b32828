"""Search per language, forgiving missing Latvian diacritics, without aliases."""

import re

import pytest
from wagtail.models import Locale

from blog.models import EventPage
from tests.support.factories import ContentPageFactory


def conference(language: str) -> EventPage:
    """The demo's supervision conference (a family group conference) in `language`."""
    latvian = EventPage.objects.get(
        slug="supervizija-gimenu-grupu-konference", locale__language_code="lv"
    )
    return latvian.get_translation(Locale.objects.get(language_code=language))


def result_titles(client, url: str, query: str) -> list[str]:
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', main)


@pytest.mark.django_db
class TestSearch:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("gimenes", "Ģimenes atbalsta centrs Zilupē"),
            ("ģimenes", "Ģimenes atbalsta centrs Zilupē"),
            ("socialie darbinieki", "Sociālie darbinieki mācās Rūjienā"),
            ("gimenu atbalsts", "Ģimeņu atbalsts Kalnienā"),
            ("SUPERVIZIJA", "Supervīzija Ērgļos"),
        ],
    )
    def test_latvian_words_are_found_without_diacritics(self, client, home, query, expected):
        for title in {
            "Ģimenes atbalsta centrs Zilupē",
            "Sociālie darbinieki mācās Rūjienā",
            "Ģimeņu atbalsts Kalnienā",
            "Supervīzija Ērgļos",
        }:
            ContentPageFactory(title=title)
        assert expected in result_titles(client, "/lv/meklet/", query)

    def test_results_stay_in_the_page_language(self, client, demo):
        english = result_titles(client, "/en/search/", "family")
        assert conference("en").title in english
        assert result_titles(client, "/en/search/", "gimenes") == []
        assert all("ģ" not in title for title in english)

    def test_untranslated_alias_does_not_leak_latvian_text_into_english_results(self, client, demo):
        page = ContentPageFactory(title="Kurzemes vasaras skola", slug="vasaras-skola")
        english = Locale.objects.get(language_code="en")
        page.create_alias(parent=page.get_parent().get_translation(english), update_locale=english)
        assert "Kurzemes vasaras skola" in result_titles(client, "/lv/meklet/", "vasaras skola")
        assert result_titles(client, "/en/search/", "vasaras skola") == []

    @pytest.mark.parametrize(
        "params", [{"q": ""}, {"q": "x" * 5000}, {"q": "ģimenes", "page": "zz"}]
    )
    def test_odd_queries_get_a_page_not_an_error(self, client, demo, params):
        assert client.get("/lv/meklet/", params).status_code == 200

    @pytest.mark.parametrize(
        "query", ['"', '"ģimenes', 'ģimeņu "atbalsts', 'a"b"c"', "ģimenes\x00", "\x00", "\x00\x00x"]
    )
    def test_quotes_and_nul_characters_get_a_page_not_an_error(self, client, demo, query):
        response = client.get("/lv/meklet/", {"q": query})
        assert response.status_code == 200
        assert "<main" in response.content.decode()

    def test_an_unbalanced_quote_still_finds_the_words(self, client, demo):
        titles = result_titles(client, "/lv/meklet/", '"SUPERVIZIJA')
        assert conference("lv").title in titles


@pytest.mark.django_db
class TestSearchAddress:
    def test_search_reads_naturally_in_each_language(self, client, demo):
        assert client.get("/lv/meklet/", {"q": "ģimenes"}).status_code == 200
        assert client.get("/en/search/", {"q": "family"}).status_code == 200
        for url, action in (("/lv/", "/lv/meklet/"), ("/en/", "/en/search/")):
            html = client.get(url).content.decode()
            assert f'<form class="search-form" role="search" action="{action}"' in html

    def test_the_old_latvian_address_moves_permanently_keeping_the_query(self, client, demo):
        response = client.get("/lv/search/", {"q": "ģimeņu atbalsts", "page": "2"})
        assert response.status_code == 301
        assert response["Location"] == "/lv/meklet/?q=%C4%A3ime%C5%86u+atbalsts&page=2"
        assert client.get("/lv/search/")["Location"] == "/lv/meklet/"

    def test_results_are_never_kept_in_the_page_cache(self, client, demo):
        for url in ("/lv/meklet/?q=projekts", "/en/search/?q=project"):
            assert "s-maxage" not in client.get(url).get("Cache-Control", ""), url

    def test_robots_keeps_crawlers_off_both_latvian_addresses(self, client, db):
        body = client.get("/robots.txt").content.decode()
        for path in ("/lv/meklet/", "/lv/search/", "/en/search/"):
            assert f"Disallow: {path}" in body
