"""Personal links: bound to a per-person secret that erase and "New links" rotate."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from newsletter import links, privacy
from newsletter.models import MailingList, Subscriber
from newsletter.permissions import MANAGERS_GROUP
from newsletter.subscriptions import confirmation_token, personal_links
from tests.support.factories import SubscriberFactory, UserFactory


def path(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture
def anna(db):
    return SubscriberFactory(email="anna@example.org", language="en", lists=[MailingList.default()])


@pytest.mark.django_db
class TestRotation:
    def test_every_person_has_their_own_secret(self, anna):
        other = SubscriberFactory()
        assert len(anna.link_secret) >= 40 and anna.link_secret != other.link_secret

    def test_new_links_void_the_old_ones_with_a_clear_page_and_the_new_ones_work(
        self, client, home, anna
    ):
        old = personal_links(anna)
        links.rotate(anna)
        new = personal_links(anna)
        assert new != old
        for kind in ("unsubscribe_url", "preferences_url"):
            response = client.get(path(old[kind]))
            assert response.status_code == 400
            assert "This link no longer works" in response.content.decode()
            assert client.get(path(new[kind])).status_code == 200
        # A mail client's one-click POST to the old List-Unsubscribe address changes nothing.
        assert Client().post(path(old["unsubscribe_url"])).status_code == 400
        anna.refresh_from_db()
        assert anna.status == "confirmed"

    def test_a_confirmation_link_dies_with_the_secret_too(self, client, home):
        pending = SubscriberFactory(status="pending", language="en")
        token = confirmation_token(pending)
        links.rotate(pending)
        assert client.post(f"/en/newsletter/confirm/{token}/").status_code == 400
        pending.refresh_from_db()
        assert pending.status == "pending"

    def test_a_new_secret_key_keeps_old_links_working_through_the_fallbacks(
        self, home, anna, settings
    ):
        url = path(personal_links(anna)["unsubscribe_url"])
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "a-new-key-after-rotation"
        assert Client().post(url).status_code == 200
        settings.SECRET_KEY_FALLBACKS = []
        assert Client().post(url).status_code == 400

    def test_erase_voids_every_link(self, client, home, anna):
        old = personal_links(anna)
        privacy.erase(anna)
        for kind in ("unsubscribe_url", "preferences_url"):
            assert client.post(path(old[kind])).status_code == 400

    @pytest.mark.parametrize("token", ["1" * 40 + ":abc", ":", "x:y:z", "0"])
    def test_odd_tokens_are_a_400_never_a_500(self, client, home, token):
        assert client.post(f"/en/newsletter/unsubscribe/{token}/").status_code == 400
        assert client.get(f"/en/newsletter/preferences/{token}/").status_code == 400


@pytest.mark.django_db
class TestExpiry:
    def test_a_preferences_link_expires_after_90_days_and_says_so(
        self, client, home, anna, monkeypatch
    ):
        url = path(personal_links(anna)["preferences_url"])
        assert client.get(url).status_code == 200
        monkeypatch.setitem(links.MAX_AGE, links.PREFERENCES, datetime.timedelta(seconds=-1))
        response = client.get(url)
        assert response.status_code == 400
        assert "valid for 90 days" in response.content.decode()

    def test_an_unsubscribe_link_never_expires(self, home, anna, monkeypatch):
        url = path(personal_links(anna)["unsubscribe_url"])
        # Whatever the other links' limits, this one has none (RFC 8058 one-click
        # from any e-mail ever sent).
        for kind in links.MAX_AGE:
            if kind != links.UNSUBSCRIBE:
                monkeypatch.setitem(links.MAX_AGE, kind, datetime.timedelta(seconds=-1))
        assert links.MAX_AGE[links.UNSUBSCRIBE] is None
        response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        anna.refresh_from_db()
        assert anna.status == "unsubscribed"


@pytest.mark.django_db
class TestConfirmationLinkUsedOnce:
    def test_a_reposted_confirmation_link_no_longer_hands_out_the_preferences_link(
        self, client, home
    ):
        pending = SubscriberFactory(status="pending", language="en")
        url = f"/en/newsletter/confirm/{confirmation_token(pending)}/"
        first = client.post(url).content.decode()
        assert "/newsletter/preferences/" in first
        again = client.post(url)
        assert again.status_code == 200 and "You are subscribed" in again.content.decode()
        assert "/newsletter/preferences/" not in again.content.decode()


@pytest.mark.django_db
class TestNewLinksInTheAdmin:
    @pytest.fixture
    def liga(self, client, home):
        manager = UserFactory(username="liga", groups=[MANAGERS_GROUP])
        client.force_login(manager)
        return manager

    def test_a_manager_gives_a_person_new_links_and_the_history_says_who(self, client, liga, anna):
        old = personal_links(anna)
        url = reverse("subscribers:new_links", args=[anna.pk])
        page = client.get(url)
        assert page.status_code == 200 and "<form" in page.content.decode()
        anna.refresh_from_db()
        assert personal_links(anna)["unsubscribe_url"] == old["unsubscribe_url"]  # GET: no change

        response = client.post(url)

        assert response.status_code == 302
        anna.refresh_from_db()
        assert personal_links(anna)["unsubscribe_url"] != old["unsubscribe_url"]
        entry = ModelLogEntry.objects.get(action="newsletter.new_links")
        assert entry.object_id == str(anna.pk) and entry.user == liga

    def test_the_edit_page_offers_the_action(self, client, liga, anna):
        page = client.get(reverse("subscribers:edit", args=[anna.pk])).content.decode()
        assert reverse("subscribers:new_links", args=[anna.pk]) in page


@pytest.mark.django_db
def test_existing_subscribers_get_a_secret_each_from_the_migration(anna):
    from importlib import import_module

    from django.apps import apps

    fill = import_module("newsletter.migrations.0008_link_secret_and_mailbox").give_secrets
    SubscriberFactory()
    Subscriber.objects.update(link_secret="")
    fill(apps, None)
    secrets = list(Subscriber.objects.values_list("link_secret", flat=True))
    assert all(len(secret) >= 40 for secret in secrets) and len(set(secrets)) == 2
