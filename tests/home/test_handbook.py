"""The methodology handbook in HTML beside its PDF (issue 15, item 9; COMPLIANCE.md 3)."""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from wagtail.models import Locale

from core.cache_tags import subtree_tag
from home.models import HandbookChapterPage, HandbookPage

ROOT = Path(__file__).resolve().parents[2]


def handbook(language: str) -> HandbookPage:
    return HandbookPage.objects.get(locale__language_code=language)


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def contents_links(html: str) -> list[str]:
    contents = html[html.index('<nav class="handbook-contents"') :]
    contents = contents[: contents.index("</nav>")]
    return re.findall(r'<a href="([^"]+)">', contents)


@pytest.mark.django_db
class TestTheDemoHandbook:
    @pytest.mark.parametrize("language", ["lv", "en"])
    def test_the_handbook_page_lists_its_chapters_in_order(self, client, demo, language):
        book = handbook(language)
        chapters = HandbookChapterPage.objects.child_of(book).order_by("path")
        assert chapters.count() >= 3
        assert all(chapter.locale == book.locale for chapter in chapters)
        html = client.get(book.url).content.decode()
        assert f"<h1>{book.title}</h1>" in html
        assert contents_links(html) == [chapter.url for chapter in chapters]

    def test_the_latvian_handbook_links_its_pdf_and_another_format(self, client, demo):
        book = handbook("lv")
        html = main_of(client.get(book.url).content.decode())
        assert book.document is not None
        assert f'<a href="{book.document.url}">Lejupielādēt PDF</a>' in html
        assert "(PDF, " in html
        form_url = "/lv/atsauksmes/?" + urlencode({"about": book.url})
        assert f'Vajag citā formātā? <a href="{form_url}">Rakstiet mums</a>' in html

    def test_the_english_handbook_says_so_in_english(self, client, demo):
        book = handbook("en")
        html = main_of(client.get(book.url).content.decode())
        assert book.url == "/en/documents/handbook/"
        assert ">Download PDF</a>" in html and ">Write to us</a>" in html
        assert "/en/feedback/?about=%2Fen%2Fdocuments%2Fhandbook%2F" in html

    def test_the_link_for_another_format_fills_in_the_page(self, client, demo):
        book = handbook("lv")
        html = client.get("/lv/atsauksmes/", {"about": book.url}).content.decode()
        assert f'value="{book.url}"' in html

    def test_the_documents_page_leads_to_the_handbook(self, client, demo):
        html = client.get("/lv/dokumenti/").content.decode()
        assert f'<a href="{handbook("lv").url}">' in html


@pytest.mark.django_db
class TestChapters:
    def chapters(self, language: str = "lv") -> list[HandbookChapterPage]:
        return list(HandbookChapterPage.objects.child_of(handbook(language)).order_by("path"))

    def test_each_chapter_links_the_one_before_and_after_and_the_contents(self, client, demo):
        chapters = self.chapters()
        for number, chapter in enumerate(chapters, start=1):
            html = main_of(client.get(chapter.url).content.decode())
            assert f"<h1>{chapter.title}</h1>" in html
            assert f"{number}. nodaļa no {len(chapters)}" in html
            previous = re.search(r'<a href="([^"]+)" rel="prev">', html)
            following = re.search(r'<a href="([^"]+)" rel="next">', html)
            expected_previous = chapters[number - 2].url if number > 1 else None
            expected_next = chapters[number].url if number < len(chapters) else None
            assert (previous.group(1) if previous else None) == expected_previous
            assert (following.group(1) if following else None) == expected_next
            assert f'<a href="{handbook("lv").url}">Saturs</a>' in html
            assert "Lejupielādēt PDF" in html

    def test_the_links_are_named_for_a_screen_reader(self, client, demo):
        first, second = self.chapters("en")[:2]
        html = client.get(first.url).content.decode()
        assert '<nav class="handbook-pager" aria-label="Chapters">' in html
        assert (
            f'<a href="{second.url}" rel="next"><span class="pager-label">Next chapter:</span> '
            f"{second.title}</a>"
        ) in html
        assert f'<link rel="next" href="{second.url}">' in html

    def test_a_draft_chapter_is_neither_listed_nor_linked(self, client, demo):
        first, second, third = self.chapters()[:3]
        second.unpublish()
        assert second.url not in contents_links(client.get(handbook("lv").url).content.decode())
        html = client.get(first.url).content.decode()
        assert re.search(r'<a href="([^"]+)" rel="next">', html).group(1) == third.url

    def test_a_chapter_is_purged_with_its_siblings(self, demo):
        chapter = self.chapters()[0]
        assert subtree_tag(chapter.get_parent().pk) in chapter.cache_dependencies()

    def test_the_chapters_are_found_by_search(self, client, demo):
        chapter = self.chapters()[1]
        html = client.get("/lv/meklet/", {"q": "sistemiska pieeja"}).content.decode()
        assert chapter.url in html


def test_paper_leaves_out_the_way_between_chapters_and_the_downloads():
    css = (ROOT / "static/css/print.css").read_text()
    rule = next(line for line in css.splitlines() if ".handbook-pager" in line)
    assert ".handbook-formats" in rule and "display: none" in rule


@pytest.mark.django_db
def test_every_chapter_has_an_english_translation(demo):
    english = Locale.objects.get(language_code="en")
    for chapter in HandbookChapterPage.objects.filter(locale__language_code="lv"):
        translation = chapter.get_translation(english)
        assert translation.alias_of_id is None and translation.slug != chapter.slug


@pytest.mark.django_db
def test_a_chapter_describes_itself_to_search_engines_by_its_opening_words(client, demo):
    chapter = HandbookChapterPage.objects.get(slug="pieejas-pamati")
    html = client.get(chapter.url).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert description.startswith("Sistēmiskā pieeja skata ģimeni kā veselumu")
    assert "kontekstā. Sociālais" in description and "<" not in description
