import datetime

import pytest

from newsletter import links, status
from newsletter.models import Subscriber
from newsletter.subscriptions import confirmation_token


@pytest.fixture
def anna(db):
    return Subscriber.objects.create(email="anna@example.org", language="en")


@pytest.mark.django_db
class TestConfirmation:
    def test_get_shows_a_button_and_changes_nothing(self, client, home, anna):
        response = client.get(f"/en/newsletter/confirm/{confirmation_token(anna)}/")
        assert response.status_code == 200
        assert b"<button" in response.content
        anna.refresh_from_db()
        assert anna.status == "pending"

    def test_post_confirms_in_the_subscribers_language(self, client, home, anna):
        # Even reached through the Latvian URL, the page speaks Anna's English.
        response = client.post(f"/lv/newsletter/confirm/{confirmation_token(anna)}/")
        assert response.status_code == 200
        assert b"You are subscribed" in response.content and b'<html lang="en">' in response.content
        anna.refresh_from_db()
        assert anna.status == "confirmed" and anna.confirmed_at is not None

    def test_a_link_from_before_leaving_never_resubscribes(self, client, home, anna):
        link = confirmation_token(anna)
        status.unsubscribe(anna, source=status.Source.LINK)
        client.post(f"/en/newsletter/confirm/{link}/")
        anna.refresh_from_db()
        assert anna.status == "unsubscribed"

    def test_expired_or_forged_links_get_a_clear_400(self, client, home, anna, monkeypatch):
        assert client.get("/en/newsletter/confirm/forged-token/").status_code == 400
        old = confirmation_token(anna)
        monkeypatch.setitem(links.MAX_AGE, links.CONFIRM, datetime.timedelta(seconds=-1))
        response = client.post(f"/en/newsletter/confirm/{old}/")
        assert response.status_code == 400
        anna.refresh_from_db()
        assert anna.status == "pending"
