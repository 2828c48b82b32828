"""English pages are wagtail-localize translations: made, adopted, kept in step."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from blog.models import BlogIndexPage, BlogPage, EventPage
from home.models import ContentPage, ResultsPage
from home.translation import adopt_translation, is_localize_translation
from newsletter.blocks import latest_news
from newsletter.models import NewsletterIssuePage
from tests.support.factories import BlogPageFactory, ContentPageFactory, UserFactory


def english() -> Locale:
    return Locale.objects.get(language_code="en")


def hand_made_english(page: Page, **fields) -> Page:
    """An English page written the way the demo used to: a copy with English texts."""
    translation = page.copy_for_translation(english(), copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


LATVIAN_BODY = [
    ("heading", {"text": "Kontakti", "level": "h2"}),
    ("paragraph", "<p>Rakstiet mums.</p><p>Atbildam <b>darba dienās</b>.</p>"),
    (
        "table",
        {
            "data": [["Nosaukums", "Nolūks"], ["sessionid", "Pieteikšanās"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Sīkdatnes",
        },
    ),
]
ENGLISH_BODY = [
    ("heading", {"text": "Contact", "level": "h2"}),
    ("paragraph", "<p>Write to us.</p><p>We answer <b>on working days</b>.</p>"),
    (
        "table",
        {
            "data": [["Name", "Purpose"], ["sessionid", "Signing in"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Cookies",
        },
    ),
]


@pytest.mark.django_db
class TestDemoIsTranslatedWithWagtailLocalize:
    def test_every_english_page_is_a_complete_wagtail_localize_translation(self, demo):
        pages = Page.objects.filter(locale=english(), depth__gt=1)
        assert pages.count() > 20
        for page in pages:
            assert page.alias_of_id is None, page.url_path
            translation = Translation.objects.get(
                source__object_id=page.translation_key, target_locale=page.locale
            )
            assert translation.source.locale.language_code == "lv"
            total, translated = translation.get_progress()
            assert total == translated > 0, page.url_path

    def test_resyncing_keeps_the_english_text_and_table(self, client, demo):
        privacy = Page.objects.get(locale=english(), slug="privacy").specific
        translation = Translation.objects.get(
            source__object_id=privacy.translation_key, target_locale=privacy.locale
        )
        translation.save_target(publish=True)
        html = client.get("/en/privacy/").content.decode()
        assert "Strictly necessary cookies" in html
        assert "Nepieciešamās sīkdatnes" not in html


@pytest.mark.django_db
class TestLocalizeExistingTranslations:
    def test_command_makes_a_hand_made_english_page_a_translation_keeping_its_text(
        self, client, demo
    ):
        latvian = ContentPageFactory(title="Kontakti un adrese", lead="Kā mūs atrast.")
        latvian.body = LATVIAN_BODY
        latvian.save_revision().publish()
        hand_made = hand_made_english(
            latvian,
            title="Contact and address",
            slug="contact-and-address",
            lead="How to find us.",
            body=ENGLISH_BODY,
        )
        assert not is_localize_translation(hand_made)

        out = StringIO()
        call_command("localize_existing_translations", stdout=out)

        page = ContentPage.objects.get(pk=hand_made.pk)
        assert is_localize_translation(page)
        assert (page.title, page.slug, page.lead, page.live) == (
            "Contact and address",
            "contact-and-address",
            "How to find us.",
            True,
        )
        html = client.get("/en/contact-and-address/").content.decode()
        for text in ("We answer <b>on working days</b>.", "Signing in", "Cookies", "Contact"):
            assert text in html
        for text in ("Rakstiet", "Pieteikšanās", "Sīkdatnes"):
            assert text not in html
        assert "/en/contact-and-address/: 11 texts kept" in out.getvalue()

    def test_command_is_idempotent(self, demo):
        latvian = ContentPageFactory(title="Par projektu", lead="Īsumā.")
        hand_made_english(
            latvian, title="About the project", slug="about-project", lead="In short."
        )
        call_command("localize_existing_translations", stdout=StringIO())
        translations = StringTranslation.objects.count()
        revisions = Page.objects.get(pk=latvian.get_translation(english()).pk).revisions.count()

        out = StringIO()
        call_command("localize_existing_translations", stdout=out)

        assert "0 pages are now translations" in out.getvalue()
        assert StringTranslation.objects.count() == translations
        assert Page.objects.get(pk=latvian.get_translation(english()).pk).revisions.count() == (
            revisions
        )

    def test_a_page_built_differently_is_reported_and_left_alone(self, demo):
        latvian = ContentPageFactory(title="Divas rindkopas")
        latvian.body = [("paragraph", "<p>Viens.</p><p>Divi.</p>")]
        latvian.save_revision().publish()
        hand_made = hand_made_english(
            latvian,
            title="One paragraph",
            slug="one-paragraph",
            body=[("paragraph", "<p>One.</p>")],
        )
        err = StringIO()

        call_command("localize_existing_translations", stdout=StringIO(), stderr=err)

        assert "“One paragraph”" in err.getvalue() and "“body”" in err.getvalue()
        page = ContentPage.objects.get(pk=hand_made.pk)
        assert not is_localize_translation(page)
        assert "One." in str(page.body)


@pytest.mark.django_db
class TestFiguresFollowTheSource:
    def test_one_publish_of_the_latvian_results_updates_the_english_page(self, client, demo):
        latvian = ResultsPage.objects.get(locale__language_code="lv")
        indicators = latvian.indicators.raw_data
        indicators[0]["value"]["achieved"] = "13"
        indicators[0]["value"]["as_of"] = "2015-04-01"
        latvian.indicators = indicators
        latvian.save_revision().publish()

        english_page = ResultsPage.objects.get(locale__language_code="en")
        first = english_page.indicators[0].value
        assert (first["label"], first["achieved"], first["as_of"]) == (
            "Social workers trained",
            Decimal("13"),
            datetime.date(2015, 4, 1),
        )
        for url, text in (("/lv/rezultati/", "<td>13 sociālie"), ("/en/results/", "<td>13 social")):
            assert text in client.get(url).content.decode(), url

    def test_a_changed_label_waits_for_its_translation_and_is_not_shown_in_latvian(
        self, client, demo
    ):
        latvian = ResultsPage.objects.get(locale__language_code="lv")
        indicators = latvian.indicators.raw_data
        indicators[0]["value"]["label"] = "Apmācīti sociālā darba speciālisti"
        latvian.indicators = indicators
        latvian.save_revision().publish()

        html = client.get("/en/results/").content.decode()
        assert "Social workers trained" in html
        assert "sociālā darba speciālisti" not in html


@pytest.mark.django_db
class TestAliasesStayOutOfEnglish:
    """A new Latvian post gets an English alias (Latvian text) until it is translated."""

    @pytest.fixture
    def new_post(self, demo):
        latvian_index = BlogIndexPage.objects.get(locale__language_code="lv")
        post = BlogPageFactory(
            parent=latvian_index,
            title="Jauna ziņa par supervīzijām",
            lead="Tikai latviski.",
            date=datetime.date(2030, 1, 1),
        )
        alias = post.copy_for_translation(english(), alias=True)
        return post, alias

    def test_lists_and_feeds_leave_the_alias_out(self, client, new_post):
        for url in ("/en/news/", "/en/news/feed/rss/", "/en/news/feed/atom/"):
            assert "Jauna ziņa" not in client.get(url).content.decode(), url
        assert "Jauna ziņa" in client.get("/lv/jaunumi/").content.decode()
        english_issue = NewsletterIssuePage.objects.get(locale=english())
        assert new_post[1].pk not in [post.pk for post in latest_news(english_issue)]

    def test_the_post_appears_once_its_translation_is_published(self, client, new_post):
        post, alias = new_post
        draft = TranslationSource.update_or_create_from_instance(post)[0].as_instance()
        draft.locale, draft.title, draft.lead = english(), "News about supervision", "In English."
        adopt_translation(post, draft, publish=True)
        html = client.get("/en/news/").content.decode()
        assert "News about supervision" in html
        assert "Jauna ziņa" not in html

    def test_events_archive_and_home_leave_aliases_out(self, client, demo):
        event = EventPage.objects.filter(locale__language_code="lv").first()
        english_event = event.get_translation(english())
        english_event.delete()
        event.copy_for_translation(english(), alias=True)
        assert event.title not in client.get("/en/events/").content.decode()

        issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
        issue.get_translation(english()).delete()
        issue.copy_for_translation(english(), alias=True)
        assert issue.title not in client.get("/en/e-bulletin/").content.decode()

        results = ResultsPage.objects.get(locale__language_code="lv")
        results.get_translation(english()).delete()
        results.copy_for_translation(english(), alias=True)
        assert "Apmācīti sociālie darbinieki" not in client.get("/en/").content.decode()

    def test_the_moderator_is_told_the_english_version_is_pending(self, client, new_post):
        post, _ = new_post
        client.force_login(UserFactory(groups=["Moderatori"]))
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[post.pk]),
            {
                "title": post.title,
                "slug": post.slug,
                "date": "2030-01-01",
                "lead": post.lead,
                "hero_alt": "",
                "body-count": "0",
                "tags": "",
                "action-publish": "1",
                "comments-TOTAL_FORMS": "0",
                "comments-INITIAL_FORMS": "0",
            },
            follow=True,
        )
        assert "still to be translated" in response.content.decode() or (
            "vēl jātulko" in response.content.decode()
        )


@pytest.mark.django_db
class TestTranslatorSubmitsForModeration:
    @pytest.fixture
    def english_about(self, demo) -> Page:
        return Page.objects.get(locale=english(), slug="about-us")

    def test_editor_sees_submit_and_no_alias_conversion_in_the_menu(self, client, english_about):
        client.force_login(UserFactory(groups=["Redaktori"]))
        response = client.get(reverse("wagtailadmin_pages:edit", args=[english_about.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "js-translation-editor" in html
        assert 'id="translation-moderation"' in html
        assert "convertToAliasUrl&quot;: null" in html
        assert "/translations/" in html and "/submit/" in html

    def test_submitting_starts_the_workflow_and_the_moderator_sees_it(self, client, english_about):
        translation = Translation.objects.get(
            source__object_id=english_about.translation_key, target_locale=english_about.locale
        )
        ilze = UserFactory(groups=["Redaktori"])
        client.force_login(ilze)
        response = client.post(reverse("submit_translation_for_moderation", args=[translation.pk]))
        assert response.status_code == 302
        page = Page.objects.get(pk=english_about.pk)
        assert page.workflow_in_progress
        assert page.current_workflow_state.requested_by == ilze

        client.force_login(UserFactory(groups=["Moderatori"]))
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert page.title in dashboard

    def test_a_user_without_page_rights_cannot_submit(self, client, english_about):
        translation = Translation.objects.get(
            source__object_id=english_about.translation_key, target_locale=english_about.locale
        )
        client.force_login(UserFactory(groups=["Jaunumu vēstules pārvaldnieki"]))
        response = client.post(reverse("submit_translation_for_moderation", args=[translation.pk]))
        # Wagtail's admin answers a PermissionDenied by going back to the dashboard.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        assert not Page.objects.get(pk=english_about.pk).workflow_in_progress


@pytest.mark.django_db
def test_an_unfinished_translation_is_not_submitted(client, demo):
    latvian = ContentPageFactory(title="Jauna lapa", lead="Vēl netulkots ievads.")
    TranslationCreator(UserFactory(is_superuser=True), [english()]).create_translations(latvian)
    translation = Translation.objects.get(source__object_id=latvian.translation_key)
    client.force_login(UserFactory(groups=["Redaktori"]))

    response = client.post(
        reverse("submit_translation_for_moderation", args=[translation.pk]), follow=True
    )

    assert "vēl nav iztulkoti" in response.content.decode()
    assert not latvian.get_translation(english()).workflow_in_progress


@pytest.mark.django_db
def test_a_translator_changing_the_english_slug_leaves_a_permanent_redirect(
    client, demo, django_capture_on_commit_callbacks
):
    latvian = BlogPage.objects.get(
        slug="aktualitates-bauska-un-valmiera", locale__language_code="lv"
    )
    old = latvian.get_translation(english()).url
    translation = Translation.objects.get(
        source__object_id=latvian.translation_key, target_locale=english()
    )
    slug = StringSegment.objects.get(source=translation.source, context__path="slug")
    StringTranslation.objects.update_or_create(
        translation_of=slug.string,
        context=slug.context,
        locale=english(),
        defaults={"data": "bauska-and-valmiera"},
    )
    # Wagtail makes the redirect once the publish is committed.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert client.get("/en/news/bauska-and-valmiera/").status_code == 200
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, "/en/news/bauska-and-valmiera/")
