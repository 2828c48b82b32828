"""Around every page: sitemap, robots, social tags, legal links, errors, redirects."""

import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.django_db
class TestSitemap:
    def test_lists_both_languages_with_alternates_and_no_aliases(self, client, demo):
        response = client.get("/sitemap.xml")
        assert response["Content-Type"].startswith("application/xml")
        root = ET.fromstring(response.content)
        locations = [url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)]
        assert "http://127.0.0.1:8000/lv/jaunumi/" in locations
        assert "http://127.0.0.1:8000/en/news/" in locations
        assert len(locations) == Page.objects.live().filter(depth__gt=1).count()
        english_news = next(
            url
            for url in root.findall("s:url", NS)
            if url.findtext("s:loc", namespaces=NS) == "http://127.0.0.1:8000/en/news/"
        )
        alternates = {
            link.get("hreflang"): link.get("href") for link in english_news.findall("x:link", NS)
        }
        assert alternates == {
            "lv": "http://127.0.0.1:8000/lv/jaunumi/",
            "en": "http://127.0.0.1:8000/en/news/",
        }

    def test_robots_points_to_the_sitemap(self, client, demo, settings):
        body = client.get("/robots.txt").content.decode()
        assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body
        assert "Disallow: /admin/" in body


@pytest.mark.django_db
def test_canonical_and_open_graph_tags(client, demo):
    html = client.get("/en/news/news-from-bauska-and-valmiera/").content.decode()
    url = "http://127.0.0.1:8000/en/news/news-from-bauska-and-valmiera/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(
        r'<meta property="og:image" content="http://127.0.0.1:8000/media/images/[^"]+\.jpg">', html
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:locale" content="en_GB">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "statement", "privacy"),
    [
        ("/lv/", "/lv/pieklustamibas-pazinojums/", "/lv/privatuma-politika/"),
        ("/en/events/", "/en/accessibility-statement/", "/en/privacy/"),
    ],
)
def test_every_footer_links_the_legal_pages_in_its_language(client, demo, url, statement, privacy):
    html = client.get(url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'href="{statement}"' in footer and f'href="{privacy}"' in footer
    assert client.get(statement).status_code == 200
    assert client.get(privacy).status_code == 200


@pytest.mark.django_db
def test_accessibility_statement_follows_the_latvian_template(client, demo):
    html = client.get("/lv/pieklustamibas-pazinojums/").content.decode()
    for heading in [
        "Cik piekļūstama ir šī tīmekļvietne?",
        "Piekļūstamības alternatīvas",
        "Atsauksmēm un saziņai",
        "Neatbilstības un to iemesli",
    ]:
        assert f"<h2>{heading}</h2>" in html
    assert "daļēji atbilst" in html


@pytest.mark.django_db
def test_privacy_page_lists_cookies_and_the_supervisory_authority(client, demo):
    html = client.get("/en/privacy/").content.decode()
    assert "<td>csrftoken</td>" in html and "<td>sessionid</td>" in html
    assert "Data State Inspectorate" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "text", "lang"),
    [
        ("/lv/nav-tadas-lapas/", "Lapa nav atrasta", "lv"),
        ("/en/no-such-page/", "Page not found", "en"),
    ],
)
def test_friendly_404_in_the_url_language(client, demo, url, text, lang):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html and text in html


@pytest.mark.django_db
def test_a_moved_page_redirects_from_its_old_address(
    client, demo, django_capture_on_commit_callbacks
):
    page = Page.objects.get(url_path="/home/about-us/").specific
    page.slug = "about"
    # Wagtail creates the redirect once the publish is committed.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get("/en/about-us/")
    assert response.status_code == 301
    assert response["Location"].endswith("/en/about/")


@pytest.mark.django_db
def test_posts_offer_share_links(client, demo):
    html = client.get("/lv/jaunumi/supervizijas-socialajiem-darbiniekiem/").content.decode()
    for network in [
        "facebook.com/sharer",
        "x.com/intent/post",
        "linkedin.com/sharing",
        "draugiem.lv/say",
    ]:
        assert network in html


@pytest.mark.django_db
def test_sitemap_and_hreflang_name_the_english_slug(client, demo):
    latvian = "http://127.0.0.1:8000/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/"
    english = "http://127.0.0.1:8000/en/news/annual-report-cesis-family-support/"
    root = ET.fromstring(client.get("/sitemap.xml").content)
    entry = next(
        url for url in root.findall("s:url", NS) if url.findtext("s:loc", namespaces=NS) == english
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
    assert alternates == {"lv": latvian, "en": english}
    html = client.get(latvian.removeprefix("http://127.0.0.1:8000")).content.decode()
    assert f'<link rel="alternate" hreflang="en" href="{english}">' in html
    assert '<a href="/en/news/annual-report-cesis-family-support/" hreflang="en"' in html
