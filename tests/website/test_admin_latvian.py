"""Staff see Wagtail's admin in Latvian: no English Wagtail string on the daily screens.

Wagtail's own Latvian catalogues leave most of the admin untranslated; the
project fills the gaps in `locale_wagtail/`. These tests render the screens the
newsletter manager, editors and moderators use every day as a superuser whose
admin language is Latvian, and look for any visible text or label that is
still one of Wagtail's English messages.
"""

import json
import re
from pathlib import Path

import pytest
import wagtail_localize
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from blog.models import BlogIndexPage, BlogPage
from home.models import HomePage, Partner
from tests.support.admin import (
    LITERAL_IN_WAGTAIL_TEMPLATES,
    SAME_IN_LATVIAN,
    visible_strings,
    wagtail_messages,
)
from tests.support.factories import BlogPageFactory


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


@pytest.mark.django_db
def test_the_roots_of_the_page_tree_and_the_collections_have_latvian_names(liga):
    """Wagtail's "Root" is data, not a message: the migrations rename it."""
    uploads = "/admin/documents/multiple/add/"
    screens = ["/admin/pages/", reverse("wagtailadmin_choose_page"), uploads]
    for url in screens:
        strings = visible_strings(liga.get(url, follow=True).content.decode())
        assert "Root" not in strings, url
    assert "Visas vietnes" in visible_strings(liga.get("/admin/pages/").content.decode())
    # The upload form lists collections (as <option>s) once there is a second one.
    Collection.get_first_root_node().add_child(name="Valdes dokumenti")
    assert "Galvenā kolekcija" in liga.get(uploads).content.decode()


@pytest.mark.django_db
def test_the_editors_content_checks_speak_latvian(liga):
    """The "Pārbaudes" panel names what its axe rules find, e.g. an image whose
    alternative text is a file name (the hero's alt falls back to the image's
    title, so this check is what still guides the editor)."""
    post = BlogPage.objects.filter(locale__language_code="lv").first()
    page = liga.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    configuration = json.loads(
        re.search(r'id="checker-axe-configuration"[^>]*>(.*?)</script>', page, re.S)[1]
    )
    messages = configuration["messages"]
    assert messages["alt-text-quality"]["error_name"] == (
        "Attēla alternatīvais teksts izskatās pēc faila nosaukuma, nevis apraksta"
    )
    english = wagtail_messages()
    untranslated = {
        rule: text
        for rule, message in messages.items()
        for text in message.values()
        if text in english
    }
    assert not untranslated, untranslated


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


# The states staff reach after a click (issue 12, section 3) ---------------

# English seen by staff on these paths; none may appear on a Latvian screen.
ENGLISH_SEEN = (
    "Request changes",
    "Approve with comment",
    "Compare",
    "In Moderation",
    "View details",
    "Changes requested",
    " ago",
    "Autosave is paused",
    "There are validation errors",
    "could not be created due to validation errors",
    "could not be saved due to validation errors",
    "Go to the first error",
    "Go-live:",
    "Edit schedule",
    "Draft saved",
    "Collapse all",
    "Insert a block",
    "Search options",
    "Forgotten password?",
    "Remember me",
    "Yes, delete it",
    "No, don't delete",
    "Yes, unpublish",
    "No, don't unpublish",
    "Are you sure you want to",
    "Hello ",
    "has been submitted",
    "You can edit the page here",
    "Edit your notification preferences",
    "The issue has no published Latvian version",
    "[TEST]",
)
# Wagtail's relative times come out ungrammatical in Latvian ("Pirms 35 minūte").
RELATIVE_TIME = re.compile(r"\b[Pp]irms \d+|\bjust now\b|tikko", re.IGNORECASE)


def staff_member(username: str, group: str):
    """A member of one staff group whose admin speaks Latvian."""
    from tests.support.factories import UserFactory

    user = UserFactory(username=username, groups=[group])
    user.wagtail_userprofile.preferred_language = "lv"
    user.wagtail_userprofile.save()
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_latvian(text: str, latvian: list[str], where: str) -> None:
    """No English seen on staff paths, no relative time, and the Latvian there."""
    english = [phrase for phrase in ENGLISH_SEEN if phrase in text]
    assert not english, f"{where}: English left: {english}"
    assert not RELATIVE_TIME.search(text), (
        f"{where}: relative time: {RELATIVE_TIME.search(text)[0]}"
    )
    missing = [phrase for phrase in latvian if phrase not in text]
    assert not missing, f"{where}: Latvian missing: {missing}\n{text[:3000]}"


def screen_text(response) -> str:
    """What a person sees or hears of a screen, one string."""
    return "\n".join(sorted(visible_strings(response.content.decode())))


@pytest.fixture
def moderation(demo, mailoutbox):
    """Ilze's draft post submitted to the moderators' workflow, Jānis a moderator."""
    from wagtail.models import Workflow

    ilze = staff_member("ilze", "Redaktori")
    janis = staff_member("janis", "Moderatori")
    news = BlogIndexPage.objects.get(locale__language_code="lv")
    post = BlogPage(title="Apmācības sociālajiem darbiniekiem", slug="apmacibas-2026", lead="Īsi.")
    news.add_child(instance=post)
    post.save_revision(user=ilze)
    Workflow.objects.get(name="Moderatoru apstiprinājums").start(post, ilze)
    return {"ilze": ilze, "janis": janis, "post": post, "outbox": mailoutbox}


def workflow_action_url(post: BlogPage, action: str) -> str:
    task_state = post.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[post.pk, action, task_state.pk])


@pytest.mark.django_db
class TestModerationInLatvian:
    def test_the_moderator_sees_the_submission_and_its_actions_in_latvian(self, moderation):
        janis = client_for(moderation["janis"])
        post = moderation["post"]
        editor = screen_text(janis.get(reverse("wagtailadmin_pages:edit", args=[post.pk])))
        assert_latvian(
            editor,
            ["Pieprasīt izmaiņas", "Apstiprināt ar komentāru", "Moderācijā", "Skatīt sīkāk"],
            "moderator's editor",
        )
        dashboard = screen_text(janis.get(reverse("wagtailadmin_home")))
        assert_latvian(dashboard, [post.title], "moderator's dashboard")
        action = janis.get(workflow_action_url(post, "reject"))
        assert action.status_code == 200
        assert_latvian(screen_text(action), [], "request changes form")

    def test_the_editor_sees_changes_requested_with_a_date_not_a_time_ago(self, moderation):
        janis = client_for(moderation["janis"])
        post = moderation["post"]
        response = janis.post(
            workflow_action_url(post, "reject"), {"comment": "Lūdzu, pievieno foto."}
        )
        assert response.status_code in (200, 302)
        ilze = client_for(moderation["ilze"])
        editor = screen_text(ilze.get(reverse("wagtailadmin_pages:edit", args=[post.pk])))
        assert_latvian(
            editor,
            ["Izmaiņas pieprasītas", "Nosūtīt moderatoram vēlreiz"],
            "editor after rejection",
        )
        assert re.search(r"\d\d\.\d\d\.\d{4}\. \d\d\.\d\d", editor), editor[:3000]
        history = screen_text(ilze.get(reverse("wagtailadmin_pages:history", args=[post.pk])))
        assert_latvian(history, ["Lūdzu, pievieno foto."], "page history")

    def test_workflow_e_mails_are_latvian_and_greet_with_labdien(self, moderation):
        janis = client_for(moderation["janis"])
        post = moderation["post"]
        outbox = moderation["outbox"]
        submitted = [m for m in outbox if "janis@example.org" in m.to]
        assert submitted, [m.to for m in outbox]
        janis.post(workflow_action_url(post, "reject"), {"comment": "Lūdzu, pievieno foto."})
        rejected = [m for m in outbox if "ilze@example.org" in m.to]
        assert rejected, [m.to for m in outbox]
        for message in (submitted[0], rejected[-1]):
            html = message.alternatives[0][0] if message.alternatives else ""
            for part in (message.subject, message.body, html):
                assert_latvian(part, [], f"e-mail {message.subject!r}")
            assert "Labdien!" in message.body
        assert "Apmācības sociālajiem darbiniekiem" in submitted[0].subject


@pytest.mark.django_db
class TestEditorsMessagesInLatvian:
    def test_a_new_post_with_errors_says_so_in_latvian(self, demo):
        ilze = client_for(staff_member("ilze", "Redaktori"))
        news = BlogIndexPage.objects.get(locale__language_code="lv")
        url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", news.pk])
        form = ilze.get(url)
        assert_latvian(screen_text(form), ["Nosūtīt moderatoram apstiprināšanai"], "new post")
        empty_formsets = {
            "body-count": "0",
            **{f"comments-{n}_FORMS": "0" for n in ("TOTAL", "INITIAL", "MIN_NUM")},
            "comments-MAX_NUM_FORMS": "1000",
        }
        response = ilze.post(url, {"title": "", "slug": "", "action-submit": "1", **empty_formsets})
        assert response.status_code == 200
        assert_latvian(screen_text(response), ["Lapu nevarēja izveidot"], "new post, errors")

    def test_scheduling_shows_a_latvian_date(self, demo):
        import datetime

        from django.utils import timezone

        janis = client_for(staff_member("janis", "Moderatori"))
        post = BlogPage.objects.filter(locale__language_code="lv").first()
        revision = post.save_revision(user=None)
        revision.approved_go_live_at = timezone.now() + datetime.timedelta(days=3)
        revision.save()
        post.go_live_at = revision.approved_go_live_at
        post.save_revision().publish()
        editor = screen_text(janis.get(reverse("wagtailadmin_pages:edit", args=[post.pk])))
        assert_latvian(editor, ["Publicēšana:"], "scheduled post")

    def test_delete_and_unpublish_confirmations(self, demo):
        janis = client_for(staff_member("janis", "Moderatori"))
        post = BlogPage.objects.filter(locale__language_code="lv").first()
        delete = screen_text(janis.get(reverse("wagtailadmin_pages:delete", args=[post.pk])))
        assert_latvian(delete, ["Jā, dzēst", "Nē, nedzēst"], "delete confirmation")
        unpublish = screen_text(janis.get(reverse("wagtailadmin_pages:unpublish", args=[post.pk])))
        assert_latvian(unpublish, ["Jā, atsaukt publicēšanu"], "unpublish confirmation")

    def test_the_login_page(self, db):
        login = screen_text(Client(HTTP_ACCEPT_LANGUAGE="lv").get(reverse("wagtailadmin_login")))
        assert_latvian(login, ["Parole", "Aizmirsāt paroli?", "Atcerēties mani"], "login page")


@pytest.mark.django_db
class TestProjectWording:
    def test_add_buttons_take_the_accusative(self, liga):
        subscribers = screen_text(liga.get(reverse("subscribers:index")))
        assert "Pievienot abonentu" in subscribers
        assert "Pievienot organizāciju" in screen_text(liga.get(reverse("organisations:index")))
        assert "Pievienot sarakstu" in screen_text(liga.get(reverse("mailing_lists:index")))

    def test_a_person_has_vards_uzvards(self, liga):
        form = screen_text(liga.get(reverse("subscribers:add")))
        assert "Vārds, uzvārds" in form
        assert "Izveidot" in form
        assert "Nosaukums" not in form

    def test_listings_and_details_say_ja_ne_and_a_dash(self, liga):
        from tests.support.factories import SubscriberFactory

        subscriber = SubscriberFactory(confirmed_at=None)
        lists = screen_text(liga.get(reverse("mailing_lists:index")))
        details = screen_text(liga.get(reverse("subscribers:inspect", args=[subscriber.pk])))
        for where, text in (("lists", lists), ("subscriber", details)):
            assert not {"True", "False", "None"} & set(text.splitlines()), where
        assert "Jā" in lists
        assert "—" in details

    def test_refusals_and_test_copies_speak_latvian(self, demo, mailoutbox):
        from django.utils import translation

        from newsletter import sending
        from newsletter.models import NewsletterIssuePage

        issue = NewsletterIssuePage.objects.filter(locale__language_code="lv").first()
        with translation.override("lv"):
            sending.send_test(issue, "liga@example.org")
        assert mailoutbox[-1].subject.startswith("[PĀRBAUDE] ")
        issue.unpublish()
        with translation.override("lv"), pytest.raises(sending.SendRefused) as refusal:
            sending.create_dispatch(issue, [])
        assert str(refusal.value) == "Numuram nav publicētas latviešu versijas."
