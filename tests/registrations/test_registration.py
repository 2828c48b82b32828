"""Registration on an event's page (SPEC section 8): seats, waiting list, manage link."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from registrations.models import Registration
from registrations.tokens import manage_path

pytestmark = pytest.mark.django_db
Status = Registration.Status


class TestForm:
    def test_latvian_page_shows_the_form_in_latvian(self, client, event):
        html = client.get(event.url).content.decode()
        assert '<form id="event-registration" method="post">' in html
        for name in ("name", "email", "organisation", "needs"):
            assert f'name="{name}"' in html
        assert "Pieteikties" in html
        assert "Vārds, uzvārds" in html
        assert "Brīvas vietas: 2" in html

    def test_english_page_shows_the_form_in_english(self, client, english_event):
        html = client.get(english_event.url).content.decode()
        assert '<form id="event-registration" method="post">' in html
        assert "Name and surname" in html
        assert "2 places left" in html

    def test_an_event_without_registration_shows_no_form(self, client, make_event):
        event = make_event(registration_open=False)
        html = client.get(event.url).content.decode()
        assert "event-registration" not in html
        assert "Brīvas vietas" not in html


class TestSeats:
    def test_a_sign_up_takes_a_seat_and_leads_to_the_manage_page(self, client, sign_up, event):
        response = sign_up(client, event, organisation="Tukuma novada sociālais dienests")
        registration = Registration.objects.get()
        assert response.status_code == 303
        assert response["Location"] == manage_path(registration)
        assert registration.status == Status.CONFIRMED
        assert registration.event_id == event.pk
        assert registration.language == "lv"
        assert registration.organisation == "Tukuma novada sociālais dienests"
        page = client.get(response["Location"]).content.decode()
        assert "Anna Bērziņa" in page

    def test_beyond_capacity_people_wait_in_order(self, client, sign_up, event):
        for n in range(5):
            sign_up(client, event, name=f"Dalībnieks {n}", email=f"d{n}@example.org")
        people = list(Registration.objects.order_by("registered_at", "pk"))
        assert [p.status for p in people] == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 3
        assert [p.place_in_line() for p in people[2:]] == [1, 2, 3]

    def test_the_same_address_again_takes_no_second_seat(self, client, sign_up, event):
        sign_up(client, event, email="Anna@Example.org")
        response = sign_up(client, event, email=" anna@ＥＸＡＭＰＬＥ.org")
        assert response.status_code == 200
        assert Registration.objects.count() == 1
        # The manage link goes to the mailbox, not to whoever typed the address.
        assert "registrations/" not in response.content.decode()
        assert len(mail.outbox) == 2

    def test_both_languages_share_one_set_of_seats(self, client, sign_up, event, english_event):
        sign_up(client, event, email="a@example.org")
        sign_up(client, english_event, email="b@example.org", name="Anna Smith")
        sign_up(client, english_event, email="c@example.org", name="Third Person")
        assert Registration.objects.filter(event=event).count() == 3
        english = Registration.objects.get(email="b@example.org")
        assert english.language == "en"
        assert Registration.objects.get(email="c@example.org").status == Status.WAITLISTED

    def test_seats_left_on_the_event_page_and_the_list(self, client, sign_up, event, english_event):
        assert "Brīvas vietas: 2" in client.get("/lv/pasakumi/").content.decode()
        sign_up(client, event, email="a@example.org")
        # The list is cached for anonymous visitors: a sign-up refreshes it.
        assert "Brīvas vietas: 1" in client.get("/lv/pasakumi/").content.decode()
        assert "1 place left" in client.get(english_event.url).content.decode()
        sign_up(client, event, email="b@example.org")
        full = "Vietu nav, var pieteikties gaidīšanas sarakstam"
        assert full in client.get("/lv/pasakumi/").content.decode()
        assert full in client.get(event.url).content.decode()
        english = "No places left; you can join the waiting list"
        assert english in client.get(english_event.url).content.decode()


class TestManageLink:
    def test_get_changes_nothing_post_cancels_and_the_first_waiting_moves_up(
        self, client, sign_up, committed, event
    ):
        for n in range(4):
            sign_up(client, event, name=f"Dalībnieks {n}", email=f"d{n}@example.org")
        first, second, third, fourth = Registration.objects.order_by("pk")
        mail.outbox.clear()
        url = manage_path(first)
        assert client.get(url).status_code == 200
        assert Registration.objects.get(pk=first.pk).status == Status.CONFIRMED

        response = committed(client, url)
        assert response.status_code == 200
        statuses = [r.status for r in Registration.objects.order_by("pk")]
        assert statuses == [Status.CANCELLED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
        assert Registration.objects.get(pk=fourth.pk).place_in_line() == 1
        assert sorted(m.to[0] for m in mail.outbox) == ["d0@example.org", "d2@example.org"]
        offer = next(m for m in mail.outbox if m.to == ["d2@example.org"])
        assert "vieta" in offer.subject
        assert offer.attachments[0][2] == "text/calendar"

        # Twice: nothing more moves.
        client.post(url)
        assert Registration.objects.filter(status=Status.CONFIRMED).count() == 2

    def test_a_cancelled_address_may_register_again(self, client, sign_up, event):
        sign_up(client, event)
        client.post(manage_path(Registration.objects.get()))
        assert sign_up(client, event).status_code == 303
        assert Registration.objects.filter(status=Status.CONFIRMED).count() == 1

    @pytest.mark.parametrize(
        "token", ["1:forged", "1", "x" * 300, "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]
    )
    def test_a_forged_token_is_a_404(self, client, sign_up, event, token):
        sign_up(client, event)
        assert client.get(f"/lv/registrations/{token}/").status_code == 404
        assert client.post(f"/lv/registrations/{token}/").status_code == 404
        assert Registration.objects.get().status == Status.CONFIRMED


class TestRefusals:
    @pytest.mark.parametrize(
        "fields",
        [
            {"registration_open": False},
            {"registration_closes": timezone.now() - datetime.timedelta(hours=1)},
            {
                "start": timezone.now() - datetime.timedelta(days=2),
                "end": timezone.now() - datetime.timedelta(days=2, hours=-2),
            },
        ],
        ids=["switched-off", "deadline-passed", "past"],
    )
    def test_a_closed_registration_refuses_with_a_message(
        self, client, sign_up, make_event, fields
    ):
        event = make_event(**fields)
        assert "event-registration" not in client.get(event.url).content.decode()
        response = sign_up(client, event)
        assert response.status_code == 403
        assert "Pieteikšanās šim pasākumam ir slēgta." in response.content.decode()
        assert not Registration.objects.exists()

    @pytest.mark.parametrize(
        "data",
        [
            {},
            {"name": "Anna"},
            {"email": "anna@example.org"},
            {"name": "Anna", "email": "not-an-address"},
            {"name": "A" * 5000, "email": "anna@example.org"},
            {"name": "Anna", "email": "anna@example.org", "needs": "x" * 5000},
            {"name": "An\x00na", "email": "anna@example.org"},
        ],
    )
    def test_bad_input_is_a_400_and_stores_nothing(self, client, event, data):
        response = client.post(event.url, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert '<form id="event-registration" method="post">' in html
        assert 'role="alert"' in html
        assert not Registration.objects.exists()
        assert not mail.outbox

    def test_a_post_without_the_csrf_token_is_refused(self, event):
        from django.test import Client

        response = Client(enforce_csrf_checks=True).post(
            event.url, {"name": "Anna", "email": "anna@example.org"}
        )
        assert response.status_code == 403
        assert not Registration.objects.exists()
