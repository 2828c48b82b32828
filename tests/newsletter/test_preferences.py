"""The preferences page reached from every e-mail: language, lists, or leave."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from newsletter.models import MailingList
from newsletter.subscriptions import personal_links
from tests.support.factories import MailingListFactory, SubscriberFactory


def preferences_path(subscriber) -> str:
    return urlsplit(personal_links(subscriber)["preferences_url"]).path


@pytest.fixture
def anna(db):
    default = MailingList.default()
    return SubscriberFactory(email="anna@example.org", language="en", lists=[default])


@pytest.mark.django_db
class TestPreferences:
    def test_the_page_speaks_the_subscribers_language_whatever_the_url(self, client, anna):
        path = preferences_path(anna).replace("/en/", "/lv/")
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="lv")
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="en"' in html and "Your e-bulletin settings" in html
        assert re.search(r'value="en"[^>]*checked', html)
        assert not re.search(r'value="lv"[^>]*checked', html)

    def test_changing_to_latvian_answers_in_latvian_and_keeps_it(self, client, anna):
        lists = list(anna.lists.all())
        response = client.post(
            preferences_path(anna),
            {"language": "lv", "lists": [each.pk for each in lists], "name": "Anna Bērziņa"},
        )
        assert response.status_code == 200
        assert '<html lang="lv"' in response.content.decode()
        assert "Saglabāts" in response.content.decode()
        anna.refresh_from_db()
        assert (anna.language, anna.name, anna.status) == ("lv", "Anna Bērziņa", "confirmed")

    def test_changing_lists(self, client, anna):
        other = MailingListFactory()
        client.post(preferences_path(anna), {"language": "en", "lists": [other.pk]})
        assert list(anna.lists.all()) == [other]

    def test_unticking_every_list_unsubscribes(self, client, anna):
        response = client.post(preferences_path(anna), {"language": "en"})
        assert response.status_code == 200
        assert "You are unsubscribed" in response.content.decode()
        anna.refresh_from_db()
        assert anna.status == "unsubscribed" and not anna.lists.exists()

    def test_a_bad_language_is_a_400_and_changes_nothing(self, client, anna):
        name = anna.name
        response = client.post(preferences_path(anna), {"language": "xx", "name": "Changed"})
        assert response.status_code == 400
        anna.refresh_from_db()
        assert (anna.language, anna.name) == ("en", name)

    def test_a_forged_or_cut_token_is_a_400(self, client, anna):
        good = preferences_path(anna)
        assert client.get(good[:-6] + "xxxxx/").status_code == 400
        assert client.get("/en/newsletter/preferences/not-a-token/").status_code == 400

    def test_an_unsubscribe_token_does_not_open_the_preferences(self, client, anna):
        unsubscribe_token = urlsplit(personal_links(anna)["unsubscribe_url"]).path.split("/")[-2]
        response = client.get(f"/en/newsletter/preferences/{unsubscribe_token}/")
        assert response.status_code == 400

    def test_someone_who_left_is_told_so(self, client, anna):
        anna.status = "unsubscribed"
        anna.save()
        response = client.get(preferences_path(anna))
        assert response.status_code == 200
        assert "You are not subscribed" in response.content.decode()

    def test_the_form_needs_the_csrf_token(self, anna):
        strict = Client(enforce_csrf_checks=True)
        response = strict.post(preferences_path(anna), {"language": "lv"})
        assert response.status_code == 403
        assert MailingList.objects.filter(subscribers=anna).exists()
