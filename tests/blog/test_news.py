import json
import re

import feedparser
import pytest
from wagtail.models import Locale

from blog.feeds import FEED_LENGTH
from blog.models import BlogPage
from tests.support.factories import BlogCategoryFactory, BlogIndexPageFactory, BlogPageFactory


@pytest.fixture
def news(home):
    return BlogIndexPageFactory(slug="jaunumi")


@pytest.mark.django_db
class TestNewsIndex:
    def test_lists_newest_first(self, client, news):
        older = BlogPageFactory(parent=news, title="Vecāka ziņa", date="2020-01-01")
        newer = BlogPageFactory(parent=news, title="Jaunāka ziņa", date="2024-01-01")
        html = client.get(news.url).content.decode()
        assert html.index(newer.title) < html.index(older.title)

    def test_filters_by_category_tag_and_year(self, client, news):
        trainings = BlogCategoryFactory(name="Apmācības", slug="apmacibas")
        training = BlogPageFactory(
            parent=news, title="Apmācību ziņa", date="2023-05-01", categories=[trainings]
        )
        other = BlogPageFactory(parent=news, title="Cita ziņa", date="2024-05-01")
        other.tags.add("ģimeņu atbalsts")
        other.save_revision().publish()

        by_category = client.get(news.url, {"category": "apmacibas"}).content.decode()
        assert training.title in by_category and other.title not in by_category
        by_tag = client.get(news.url, {"tag": "gimenu-atbalsts"}).content.decode()
        assert other.title in by_tag and training.title not in by_tag
        by_year = client.get(news.url, {"year": "2023"}).content.decode()
        assert training.title in by_year and other.title not in by_year

    def test_paginates_and_tolerates_bad_page_numbers(self, client, news):
        for n in range(12):
            BlogPageFactory(parent=news, title=f"Ziņa numur {n}")
        first = client.get(news.url).content.decode()
        assert first.count('class="post-card"') == 10
        second = client.get(news.url, {"page": 2}).content.decode()
        assert second.count('class="post-card"') == 2
        for bad in ["abc", "999", "-1"]:
            assert client.get(news.url, {"page": bad, "year": "x"}).status_code == 200

    @pytest.mark.parametrize("year", ["0", "99999", "-1", "²", "1" * 30])
    def test_a_year_no_post_can_have_is_an_empty_list_with_a_way_back(self, client, news, year):
        BlogPageFactory(parent=news, title="Ziņa no 2024. gada", date="2024-03-01")
        response = client.get(news.url, {"year": year})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Ziņa no 2024. gada" not in html
        assert "Atrastas 0 ziņas" in html
        assert f'<a href="{news.url}">Rādīt visas ziņas</a>' in html

    @pytest.mark.parametrize("name", ["category", "tag"])
    @pytest.mark.parametrize("value", ["a\x00b", "\x00", "ne slugs!", "ā" * 300])
    def test_a_malformed_category_or_tag_is_an_empty_list(self, client, news, name, value):
        BlogPageFactory(parent=news, title="Ziņa bez kategorijas")
        response = client.get(news.url, {name: value})
        assert response.status_code == 200
        assert "Ziņa bez kategorijas" not in response.content.decode()


@pytest.mark.django_db
class TestFeeds:
    def test_each_language_has_its_own_rss_and_atom(self, client, demo):
        for url, language in [("/lv/jaunumi/feed/rss/", "lv"), ("/en/news/feed/atom/", "en")]:
            feed = feedparser.parse(client.get(url).content)
            assert not feed.bozo, feed.bozo_exception
            assert feed.feed.language == language
            # Whatever the demo's news say: the language's own posts (no untranslated
            # aliases), newest first.
            newest_first = list(
                BlogPage.objects.live()
                .filter(locale__language_code=language, alias_of__isnull=True)
                .order_by("-date", "-pk")
                .values_list("title", flat=True)[:FEED_LENGTH]
            )
            assert len(newest_first) > 1, "the demo has news in both languages"
            assert [entry.title for entry in feed.entries] == newest_first

    def test_entry_ids_do_not_change_with_the_slug(self, client, demo):
        post = BlogPage.objects.get(
            slug="supervizijas-socialajiem-darbiniekiem", locale__language_code="lv"
        )
        before = {
            e.title: e.id
            for e in feedparser.parse(client.get("/lv/jaunumi/feed/rss/").content).entries
        }
        post.slug = "supervizijas"
        post.save_revision().publish()
        after = {
            e.title: e.id
            for e in feedparser.parse(client.get("/lv/jaunumi/feed/rss/").content).entries
        }
        assert after[post.title] == before[post.title]

    def test_feeds_are_announced_in_every_page_head(self, client, demo):
        html = client.get("/en/").content.decode()
        assert re.search(
            r'<link rel="alternate" type="application/rss\+xml"[^>]+href="/en/news/feed/rss/"', html
        )
        assert re.search(
            r'<link rel="alternate" type="application/atom\+xml"[^>]+href="/en/news/feed/atom/"',
            html,
        )


@pytest.mark.django_db
class TestPost:
    def test_news_article_structured_data(self, client, demo):
        post = BlogPage.objects.get(
            slug="news-from-bauska-and-valmiera", locale__language_code="en"
        )
        post.authors = "Anna Bērziņa, Jānis Ozols"
        post.save_revision().publish()
        html = client.get(post.url).content.decode()
        payload = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
        data = json.loads(payload)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == post.title
        assert data["datePublished"] == post.date.isoformat()
        assert data["inLanguage"] == "en"
        assert data["author"] == [
            {"@type": "Person", "name": "Anna Bērziņa"},
            {"@type": "Person", "name": "Jānis Ozols"},
        ]
        assert data["image"].startswith("http://127.0.0.1:8000/")

    def test_latvian_post_shows_latvian_date_and_figures(self, client, demo):
        html = client.get(
            "/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/"
        ).content.decode()
        post = BlogPage.objects.get(
            slug="cesu-gimenu-stiprinasanas-projekta-gada-parskats", locale__language_code="lv"
        )
        assert "2013. gada 31. janvāris" in html
        # The post's figures as the figures block writes them, whatever the demo's numbers.
        labels = [
            figure["label"]
            for block in post.body
            if block.block_type == "figures"
            for figure in block.value["figures"]
        ]
        assert labels, "the demo's annual report has figures"
        for label in labels:
            assert re.search(rf"<strong>[\d\s,]+</strong> <span>{re.escape(label)}</span>", html)
        assert f'alt="{post.hero_alt}"' in html and post.hero_alt

    def test_related_posts_share_a_category_in_the_same_language(self, demo):
        post = BlogPage.objects.get(
            slug="news-from-bauska-and-valmiera", locale__language_code="en"
        )
        related = post.related_posts()
        assert related and all(p.locale == post.locale for p in related)
        assert post not in related


@pytest.mark.django_db
def test_demo_news_exists_in_both_languages(demo):
    latvian = BlogPage.objects.filter(locale__language_code="lv")
    assert latvian.count() >= 6
    english = Locale.objects.get(language_code="en")
    for post in latvian:
        translation = post.get_translation(english)
        assert translation.alias_of_id is None and translation.title != post.title
