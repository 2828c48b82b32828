"""Staff see Wagtail's admin in Latvian: no English Wagtail string on the daily screens.

Wagtail's own Latvian catalogues leave most of the admin untranslated; the
project fills the gaps in `locale_wagtail/`. These tests render the screens the
newsletter manager, editors and moderators use every day as a superuser whose
admin language is Latvian, and look for any visible text or label that is
still one of Wagtail's English messages.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wagtail
import wagtail_localize
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from blog.models import BlogIndexPage, BlogPage
from home.models import HomePage, Partner
from tests.factories import BlogPageFactory

# Words that read the same in Latvian or are names, not English left behind.
SAME_IN_LATVIAN = {"Wagtail", "URL", "ID", "CSV", "XLSX", "JSON"}
# Written literally in Wagtail 8.0's templates, not through gettext, so no
# catalogue can translate them: the header's `<nav aria-label="Actions">`,
# the search forms' hidden `<input type="submit" value="Search">` and the side
# panel toggle's hidden comment counter, which prints Python's None.
LITERAL_IN_WAGTAIL_TEMPLATES = {"Actions", "Search", "None"}
LABEL_ATTRIBUTES = ("aria-label", "title", "placeholder")
# The sidebar menu is drawn by JavaScript from this JSON; its labels are visible.
SIDEBAR_PROPS = "wagtail-sidebar-props"
# So is wagtail-localize's translation editor, from this element's data-props.
TRANSLATION_EDITOR = "js-translation-editor"


def english_messages(package: object, domain: str = "django") -> set[str]:
    """Every English message (singular and plural) of a package's catalogues."""
    messages: set[str] = set()
    pattern = f"**/locale/en/LC_MESSAGES/{domain}.po"
    for catalogue in Path(package.__file__).parent.glob(pattern):
        current: list[str] | None = None
        for line in catalogue.read_text(encoding="utf-8").splitlines():
            if line.startswith(("msgid ", "msgid_plural ")):
                if current:
                    messages.add(" ".join("".join(current).split()))
                current = [line.split(" ", 1)[1].strip()[1:-1]]
            elif line.startswith('"') and current is not None:
                current.append(line.strip()[1:-1])
            else:
                if current:
                    messages.add(" ".join("".join(current).split()))
                current = None
    return {re.sub(r'\\(["\\])', r"\1", message) for message in messages if message}


def wagtail_messages() -> set[str]:
    """Every English message of Wagtail's and wagtail-localize's catalogues."""
    return english_messages(wagtail) | english_messages(wagtail_localize)


class VisibleStrings(HTMLParser):
    """Text nodes, the labels assistive technology reads out and the labels of
    the sidebar menu and the translation editor, whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden_depth = 0
        self.in_sidebar_props = False
        self.sidebar_props: list[str] = []
        self.strings: set[str] = set()

    def add(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.strings.add(text)

    def add_labels(self, data: object) -> None:
        if isinstance(data, dict):
            for key, value in data.items():
                if key == "label" and isinstance(value, str):
                    self.add(value)
                else:
                    self.add_labels(value)
        elif isinstance(data, list):
            for value in data:
                self.add_labels(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self.hidden_depth += 1
            self.in_sidebar_props = attributes.get("id") == SIDEBAR_PROPS
        for name in LABEL_ATTRIBUTES:
            self.add(attributes.get(name) or "")
        is_button = tag == "button" or attributes.get("type") in ("submit", "button")
        if is_button:
            self.add(attributes.get("value") or "")
        if TRANSLATION_EDITOR in (attributes.get("class") or "").split():
            self.add_labels(json.loads(attributes.get("data-props") or "{}"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden_depth:
            self.hidden_depth -= 1
            if self.in_sidebar_props:
                self.add_labels(json.loads("".join(self.sidebar_props)))
                self.in_sidebar_props = False

    def handle_data(self, data: str) -> None:
        if self.in_sidebar_props:
            self.sidebar_props.append(data)
        elif not self.hidden_depth:
            self.add(data)


def visible_strings(html: str) -> set[str]:
    parser = VisibleStrings()
    parser.feed(html)
    return parser.strings


@pytest.fixture
def liga(demo) -> Client:
    """The newsletter manager, logged in, with Latvian as her admin language."""
    user = get_user_model().objects.create_superuser("liga", "liga@example.org", "x")
    user.wagtail_userprofile.preferred_language = "lv"
    user.wagtail_userprofile.save()
    client = Client()
    client.force_login(user)
    return client


def daily_screens() -> list[str]:
    home = HomePage.objects.get(locale__language_code="lv")
    news = BlogIndexPage.objects.get(locale__language_code="lv")
    post = BlogPage.objects.filter(locale__language_code="lv").first()
    return [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{news.pk}/",
        f"/admin/pages/{post.pk}/edit/",
        f"/admin/pages/{post.pk}/history/",
        "/admin/images/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/home/partner/",
        f"/admin/snippets/home/partner/edit/{Partner.objects.first().pk}/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/users/",
        "/admin/workflows/list/",
        "/admin/account/",
        reverse("subscribers:index"),
    ]


@pytest.mark.django_db
def test_daily_admin_screens_show_no_english_wagtail_string(liga):
    english = wagtail_messages() - SAME_IN_LATVIAN - LITERAL_IN_WAGTAIL_TEMPLATES
    left_in_english = {}
    for url in daily_screens():
        response = liga.get(url, follow=True)
        assert response.status_code == 200, url
        found = visible_strings(response.content.decode()) & english
        if found:
            left_in_english[url] = sorted(found)
    report = "\n".join(f"{url}: {strings}" for url, strings in left_in_english.items())
    assert not left_in_english, f"English Wagtail strings on Latvian screens:\n{report}"


@pytest.mark.django_db
def test_explorer_and_editor_speak_latvian(liga):
    news = BlogIndexPage.objects.get(locale__language_code="lv")
    post = BlogPage.objects.filter(locale__language_code="lv").first()
    explorer = visible_strings(liga.get(f"/admin/pages/{news.pk}/").content.decode())
    editor = visible_strings(liga.get(f"/admin/pages/{post.pk}/edit/").content.decode())
    assert {"Rādīt filtrus", "Publicēt atlasītās lapas"} <= explorer
    assert {"Komentāri", "Iestatīt publicēšanas grafiku"} <= editor


def translate_with_wagtail_localize(page: BlogPage, user) -> Translation:
    """The page's English translation as wagtail-localize manages it: the demo
    copies its translations with Wagtail's own API, so the translation editor
    needs a source and a translation record, as "Translate this page" makes."""
    english = Locale.objects.get(language_code="en")
    TranslationCreator(user, [english]).create_translations(page)
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=english)


def wagtail_localize_screens(user) -> list[str]:
    """The screens staff use to translate a Latvian page into English: a new
    post's English alias (what the synchronised tree makes), the form that
    starts its translation, the translation editor, the form that syncs a
    changed source into its translations and the translations report."""
    news = BlogIndexPage.objects.get(locale__language_code="lv")
    english = Locale.objects.get(language_code="en")
    new_post = BlogPageFactory(parent=news)
    alias = new_post.copy_for_translation(english, copy_parents=True, alias=True)
    post = BlogPage.objects.filter(locale__language_code="lv").first()
    translation = translate_with_wagtail_localize(post, user)
    return [
        f"/admin/pages/{alias.pk}/edit/",
        reverse("wagtail_localize:submit_page_translation", args=[new_post.pk]),
        f"/admin/pages/{post.get_translation(english).pk}/edit/",
        reverse("wagtail_localize:update_translations", args=[translation.source.pk]),
        reverse("wagtail_localize:translations_report"),
    ]


@pytest.mark.django_db
def test_translation_screens_show_no_english_wagtail_localize_string(liga):
    english = wagtail_messages() - SAME_IN_LATVIAN - LITERAL_IN_WAGTAIL_TEMPLATES
    user = get_user_model().objects.get(username="liga")
    left_in_english = {}
    for url in wagtail_localize_screens(user):
        response = liga.get(url, follow=True)
        assert response.status_code == 200, url
        found = visible_strings(response.content.decode()) & english
        if found:
            left_in_english[url] = sorted(found)
    report = "\n".join(f"{url}: {strings}" for url, strings in left_in_english.items())
    assert not left_in_english, f"English wagtail-localize strings on Latvian screens:\n{report}"


def translation_editor_script_messages() -> set[str]:
    """The English messages the translation editor's script passes to gettext()."""
    # The bundle is minified: each call reads `<alias>()("message")`, the
    # alias being webpack's wrapper around the global gettext.
    bundle = (
        Path(wagtail_localize.__file__).parent / "static/wagtail_localize/js/wagtail-localize.js"
    )
    return set(re.findall(r'\w+\(\)\("([^"]+)"\)', bundle.read_text(encoding="utf-8")))


@pytest.mark.django_db
def test_translation_editor_script_gets_latvian_from_its_catalogue(liga):
    """The editor's buttons ("Translate", "Publish in English", "Save") are drawn
    by JavaScript, which translates them with the catalogue the page loads."""
    response = liga.get(reverse("wagtail_localize:javascript_catalog"))
    assert response.status_code == 200
    catalogue = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)[1]
    )
    messages = translation_editor_script_messages()
    assert {"Translate", "Publish in ", "Save"} <= messages
    untranslated = sorted(message for message in messages if message not in catalogue)
    assert not untranslated, f"English in the translation editor's script: {untranslated}"
    assert catalogue["Publish in "] == "Publicēt valodā "
