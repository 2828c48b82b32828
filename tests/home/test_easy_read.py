""" "Viegli lasīt": the easy-read page in Latvian, linked from every Latvian page's header.

Issue 15, item 7: what the project is, who it helps and how to get in touch,
written from seed 000 in short sentences.
"""

import re

import pytest
from django.utils.html import strip_tags
from wagtail.models import Locale

from home.models import ContentPage
from tests.support.factories import ContentPageFactory

EASY_READ_URL = "/lv/viegli-lasit/"
LINK = f'<a class="easy-read-link" href="{EASY_READ_URL}">Viegli lasīt</a>'


def header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


@pytest.mark.django_db
class TestEasyRead:
    @pytest.mark.parametrize(
        "url", ["/lv/", "/lv/jaunumi/", "/lv/pieklustamibas-pazinojums/", "/lv/lapas-karte/"]
    )
    def test_every_latvian_page_links_it_from_the_header(self, demo, client, url):
        response = client.get(url)
        assert response.status_code == 200
        assert LINK in header(response.content.decode())

    def test_english_pages_do_not_link_a_latvian_page(self, demo, client):
        assert "easy-read-link" not in client.get("/en/").content.decode()

    def test_the_page_tells_what_who_and_how_to_get_in_touch_in_short_sentences(self, demo, client):
        html = client.get(EASY_READ_URL).content.decode()
        main = strip_tags(re.search(r"<main.*?</main>", html, re.S).group(0))
        for heading in ("Kas ir šis projekts?", "Kam projekts palīdz?", "Kā ar mums sazināties?"):
            assert heading in main
        assert "info@example.org" in main
        page = ContentPage.objects.get(slug="viegli-lasit")
        text = strip_tags("".join(str(block.value) for block in page.body)).replace(
            "„Cilvēks: izmaiņu veicinātājs!”", "projekts"
        )
        sentences = [s for s in re.split(r"(?<=[.?!])\s*", text) if s.strip()]
        assert sentences and max(len(s.split()) for s in sentences) <= 12


@pytest.mark.django_db
class TestAPagesOwnEasyReadVersion:
    @pytest.fixture
    def about(self, demo):
        """The about page with an easy-read version of its own."""
        about = ContentPage.objects.get(slug="par-mums")
        # Elsewhere in the tree: only the page's own declaration ties their caches.
        section = ContentPage.objects.get(slug="projekti")
        version = ContentPageFactory(parent=section, title="Par mums vienkārši", slug="vienkarsi")
        about.easy_read_version = version
        about.save_revision().publish()
        return about, version

    def test_the_header_leads_to_the_pages_own_version(self, client, about):
        page, version = about
        html = header(client.get(page.url).content.decode())
        assert f'<a class="easy-read-link" href="{version.url}">Viegli lasīt</a>' in html
        # Other pages keep the site's easy-read page.
        assert LINK in header(client.get("/lv/jaunumi/").content.decode())

    def test_an_unpublished_version_gives_way_to_the_sites_page_at_once(self, client, about):
        page, version = about
        client.get(page.url)  # cached first
        version.unpublish()
        assert LINK in header(client.get(page.url).content.decode())

    def test_the_english_page_does_not_link_a_latvian_version(self, client, about):
        page, _ = about
        english = page.get_translation(Locale.objects.get(language_code="en"))
        english.easy_read_version = page.easy_read_version
        english.save_revision().publish()
        assert "easy-read-link" not in client.get(english.url).content.decode()
