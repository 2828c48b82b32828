"""A site map for people (SPEC 9: "Lapas karte" / "Site map")."""

import re

from wagtail.models import Page, PageViewRestriction

from home.models import HomePage


def page_links(html: str) -> set[str]:
    section = html[html.index('<ul class="site-map">') : html.index("</main>")]
    return set(re.findall(r'<a href="([^"]+)"', section))


def test_the_latvian_site_map_lists_every_public_latvian_page_as_a_tree(client, demo):
    response = client.get("/lv/lapas-karte/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Lapas karte</h1>" in html
    home = HomePage.objects.get(locale__language_code="lv")
    expected = {
        page.url
        for page in Page.objects.descendant_of(home, inclusive=True)
        .live()
        .public()
        .filter(alias_of__isnull=True)
    }
    assert page_links(html) == expected
    # A tree: the news list holds its posts in a nested list.
    news = home.get_children().get(slug="jaunumi")
    site_map = html[html.index('<ul class="site-map">') :]
    item = site_map[site_map.index(f'<a href="{news.url}">') :]
    assert item.index("<ul>") < item.index("</li>")


def test_the_english_site_map_lists_english_pages_only(client, demo):
    html = client.get("/en/site-map/").content.decode()
    assert "<h1>Site map</h1>" in html
    links = page_links(html)
    assert links and all(link.startswith("/en/") for link in links)


def test_private_pages_stay_off_the_site_map(client, demo):
    home = HomePage.objects.get(locale__language_code="lv")
    hidden = home.get_children().live().first()
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    assert hidden.url not in page_links(client.get("/lv/lapas-karte/").content.decode())


def test_every_footer_links_the_site_map(client, demo):
    assert 'href="/lv/lapas-karte/">Lapas karte</a>' in client.get("/lv/").content.decode()
    assert 'href="/en/site-map/">Site map</a>' in client.get("/en/news/").content.decode()
