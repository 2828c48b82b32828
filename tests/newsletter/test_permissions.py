"""Who may see subscribers: the newsletter managers, not the editors."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale

from newsletter.models import Subscriber
from newsletter.permissions import MANAGERS_GROUP
from tests.support.admin import admin_menu
from tests.support.factories import (
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    UserFactory,
    latvian_home,
)

CSV = b"email;name\nliga@example.org;L\xc4\xabga\n"


@pytest.fixture
def subscriber(db):
    return SubscriberFactory(email="anna@example.org")


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Redaktori"])


@pytest.fixture
def manager(db):
    return UserFactory(groups=[MANAGERS_GROUP])


def staff_urls(subscriber) -> dict[str, str]:
    return {
        "list": reverse("subscribers:index"),
        "import": reverse("subscribers:import"),
        "export": reverse("subscribers:export_person", args=[subscriber.pk]),
        "erase": reverse("subscribers:delete", args=[subscriber.pk]),
        "organisations": reverse("organisations:index"),
    }


def upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("partneri.csv", CSV, content_type="text/csv")


def is_denied(response) -> bool:
    """Wagtail answers a denial with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


@pytest.mark.django_db
class TestGroup:
    def test_the_migration_made_the_group_with_what_managers_need(self):
        group = Group.objects.get(name="Jaunumu vēstules pārvaldnieki")
        codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
        assert ("wagtailadmin", "access_admin") in codenames
        for model in ("subscriber", "organisation", "mailinglist"):
            for action in ("add", "change", "delete", "view"):
                assert ("newsletter", f"{action}_{model}") in codenames
        assert ("newsletter", "view_consentrecord") in codenames
        assert ("newsletter", "change_consentrecord") not in codenames
        for action in ("add", "change", "view"):
            assert ("newsletter", f"{action}_dispatch") in codenames
        assert ("newsletter", "delete_dispatch") not in codenames

    def test_editors_have_no_newsletter_permission(self, editor):
        assert not editor.has_perm("newsletter.view_subscriber")
        assert not editor.has_perm("newsletter.add_dispatch")


@pytest.mark.django_db
class TestEditorsDoNotSeeSubscribers:
    @pytest.mark.parametrize("page", ["list", "import", "export", "erase", "organisations"])
    def test_every_page_is_denied(self, client, home, editor, subscriber, page):
        client.force_login(editor)
        response = client.get(staff_urls(subscriber)[page])
        assert is_denied(response)

    def test_posting_an_import_or_an_erase_is_denied_and_changes_nothing(
        self, client, home, editor, subscriber
    ):
        client.force_login(editor)
        urls = staff_urls(subscriber)
        response = client.post(urls["import"], {"file": upload()})
        assert is_denied(response)
        assert is_denied(client.post(urls["erase"]))
        assert list(Subscriber.objects.values_list("email", flat=True)) == ["anna@example.org"]

    def test_the_menu_item_is_not_shown(self, client, home, editor):
        client.force_login(editor)
        menu = admin_menu(client.get(reverse("wagtailadmin_home")))
        assert "PageExplorerMenuItem" in menu  # the menu itself is there
        assert reverse("subscribers:index") not in menu
        assert "E-apkārtraksts" not in menu


@pytest.mark.django_db
class TestManagers:
    @pytest.mark.parametrize("page", ["list", "import", "export", "erase", "organisations"])
    def test_every_page_opens(self, client, home, manager, subscriber, page):
        client.force_login(manager)
        assert client.get(staff_urls(subscriber)[page]).status_code == 200

    def test_the_menu_item_is_shown(self, client, home, manager):
        client.force_login(manager)
        menu = admin_menu(client.get(reverse("wagtailadmin_home")))
        assert reverse("subscribers:index") in menu
        assert '"label": "E-apkārtraksts", "icon_name": "mail"' in menu

    def test_they_write_and_publish_issues_in_the_archive_only(self, home, manager):
        archive = NewsletterIndexPageFactory()
        issue = NewsletterIssuePageFactory(parent=archive)
        assert archive.permissions_for_user(manager).can_add_subpage()
        assert issue.permissions_for_user(manager).can_publish()
        assert not latvian_home().permissions_for_user(manager).can_publish()
        assert not latvian_home().permissions_for_user(manager).can_add_subpage()

    def test_the_english_archive_is_theirs_too(self, home, manager):
        archive = NewsletterIndexPageFactory()
        english = archive.copy_for_translation(Locale.objects.get(language_code="en"))
        assert english.permissions_for_user(manager).can_edit()

    def test_they_may_translate_an_issue(self, client, home, manager):
        archive = NewsletterIndexPageFactory()
        english_archive = archive.copy_for_translation(Locale.objects.get(language_code="en"))
        english_archive.save_revision().publish()
        issue = NewsletterIssuePageFactory(parent=archive)
        client.force_login(manager)

        url = reverse("wagtail_localize:submit_page_translation", args=[issue.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, {"locales": [Locale.objects.get(language_code="en").pk]})

        assert response.status_code == 302
        assert issue.get_translation_or_none(Locale.objects.get(language_code="en")) is not None
