import pytest
from django.test import Client

from newsletter.models import Subscriber
from newsletter.subscriptions import personal_links


@pytest.fixture
def anna(db):
    return Subscriber.objects.create(email="anna@example.org", language="en", status="confirmed")


def path_of(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


@pytest.mark.django_db
class TestUnsubscribe:
    def test_get_shows_a_button_and_changes_nothing(self, client, home, anna):
        response = client.get(path_of(personal_links(anna)["unsubscribe_url"]))
        assert response.status_code == 200
        assert b'<form method="post"><button' in response.content
        anna.refresh_from_db()
        assert anna.status == "confirmed"

    def test_one_click_post_without_cookies_or_csrf_unsubscribes_at_once(self, home, anna):
        mail_client = Client(enforce_csrf_checks=True)
        url = path_of(personal_links(anna)["unsubscribe_url"])
        response = mail_client.post(
            url, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200  # 2xx, no redirect
        anna.refresh_from_db()
        assert anna.status == "unsubscribed" and anna.unsubscribed_at is not None
        again = mail_client.post(url)
        assert again.status_code == 200
        anna.refresh_from_db()
        assert anna.status == "unsubscribed"

    def test_pages_speak_the_subscribers_language(self, client, home, anna):
        url = path_of(personal_links(anna)["unsubscribe_url"]).replace("/en/", "/lv/")
        response = client.post(url)
        assert (
            b'<html lang="en">' in response.content and b"You are unsubscribed" in response.content
        )

    def test_a_bounced_address_stays_bounced(self, client, home, anna):
        anna.status = "bounced"
        anna.save()
        client.post(path_of(personal_links(anna)["unsubscribe_url"]))
        anna.refresh_from_db()
        assert anna.status == "bounced"

    def test_a_broken_link_gets_a_400_page(self, client, home):
        assert client.post("/en/newsletter/unsubscribe/not-a-token/").status_code == 400
