"""Tracking webhooks: an ESP's events move deliveries on, once, and its unsubscribe is honoured.

Sending goes through anymail's real Postmark backend with only Postmark's HTTP
API replaced (it answers like Postmark, with a fresh MessageID per message);
webhook bodies have the shapes of Postmark's events as anymail's own test
suite builds them, posted through the test client with HTTP basic auth
(tests/support/esp_webhooks.py). Hostile posts: test_tracking_hostile.py.
"""

from __future__ import annotations

import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from newsletter import sending
from newsletter.models import Delivery, MailingList, Subscriber, TrackingEvent
from newsletter.webhooks import check_webhook_secret
from tests.support.esp_webhooks import (
    BREVO_URL,
    PEOPLE,
    SECRET,
    bounce,
    brevo_event,
    clicked,
    delivered,
    delivery_of,
    opened,
    post,
    spam_complaint,
    subscription_change,
    when,
)


@pytest.mark.django_db
class TestEvents:
    def test_delivered(self, client, sent, postmark):
        response = post(client, delivered(postmark.id_for(PEOPLE[0])))
        assert response.status_code == 200
        assert delivery_of(PEOPLE[0]).state == "delivered"
        assert delivery_of(PEOPLE[1]).state == "sent"
        assert TrackingEvent.objects.get().event_type == "delivered"

    def test_a_hard_bounce_stops_all_further_mail_to_the_person(self, client, sent, postmark):
        # A second dispatch is already under way (its rows queued) when the bounce comes.
        under_way = sending.create_dispatch(sent.issue, [MailingList.default()])
        assert under_way.deliveries.filter(subscriber__email=PEOPLE[0], state="queued").exists()

        assert post(client, bounce(postmark.id_for(PEOPLE[0]))).status_code == 200

        bounced = delivery_of(PEOPLE[0])
        assert bounced.state == "bounced" and "550 5.1.1" in bounced.last_error
        assert Subscriber.objects.get(email=PEOPLE[0]).status == "bounced"
        row = under_way.deliveries.get(subscriber__email=PEOPLE[0])
        assert (row.state, row.last_error) == ("failed", "suppressed")
        sending.send_all(under_way)
        assert postmark.message_ids[PEOPLE[0]] == [postmark.id_for(PEOPLE[0])]  # no second mail
        assert len(postmark.message_ids[PEOPLE[1]]) == 2
        under_way.refresh_from_db()
        assert under_way.state == "finished"
        # And no later dispatch picks the person at all.
        assert (
            not Subscriber.objects.recipients_of([MailingList.default()])
            .filter(email=PEOPLE[0])
            .exists()
        )

    def test_a_soft_bounce_is_noted_but_not_final(self, client, sent, postmark):
        post(client, bounce(postmark.id_for(PEOPLE[0]), kind="SoftBounce"))
        row = delivery_of(PEOPLE[0])
        assert row.state == "sent" and row.last_error.startswith("deferred: smtp;550")
        assert Subscriber.objects.get(email=PEOPLE[0]).status == "confirmed"

    def test_a_rejected_bad_address_stops_mail_to_the_person(self, client, sent, postmark):
        post(client, bounce(postmark.id_for(PEOPLE[0]), kind="BadEmailAddress"))
        assert delivery_of(PEOPLE[0]).state == "bounced"
        assert Subscriber.objects.get(email=PEOPLE[0]).status == "bounced"

    @pytest.mark.parametrize("kind", ["DMARCPolicy", "Unconfirmed", "Blocked"])
    def test_a_refusal_for_the_sender_s_reasons_fails_the_row_but_keeps_the_person(
        self, client, sent, postmark, kind
    ):
        # DMARC failing, an unconfirmed sender signature, a block of the sending
        # server: nothing the subscriber did, and fixed on the sender's side.
        post(client, bounce(postmark.id_for(PEOPLE[0]), kind=kind))
        row = delivery_of(PEOPLE[0])
        assert row.state == "failed" and row.last_error.startswith("blocked:")
        assert Subscriber.objects.get(email=PEOPLE[0]).status == "confirmed"

    def test_a_complaint_marks_row_and_person(self, client, sent, postmark):
        post(client, delivered(postmark.id_for(PEOPLE[1])))
        assert post(client, spam_complaint(postmark.id_for(PEOPLE[1]))).status_code == 200
        assert delivery_of(PEOPLE[1]).state == "complained"
        assert Subscriber.objects.get(email=PEOPLE[1]).status == "complained"

    def test_first_open_and_first_click_are_kept(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[2])
        post(client, opened(message_id, "2025-03-03T11:00:00Z"))
        post(client, opened(message_id, "2025-03-04T09:00:00Z"))
        post(client, clicked(message_id, "2025-03-04T09:01:00Z"))
        post(client, clicked(message_id, "2025-03-05T09:01:00Z"))
        row = delivery_of(PEOPLE[2])
        assert row.opened_at == when("2025-03-03T11:00:00+00:00")
        assert row.clicked_at == when("2025-03-04T09:01:00+00:00")
        assert row.state == "delivered"  # opening proves delivery
        assert TrackingEvent.objects.count() == 4

    def test_a_click_without_a_seen_open_counts_as_opened(self, client, sent, postmark):
        post(client, clicked(postmark.id_for(PEOPLE[2]), "2025-03-04T09:01:00Z"))
        row = delivery_of(PEOPLE[2])
        assert row.opened_at == row.clicked_at == when("2025-03-04T09:01:00+00:00")

    def test_a_late_delivered_does_not_undo_a_bounce(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[0])
        post(client, bounce(message_id))
        post(client, delivered(message_id))
        post(client, opened(message_id))
        assert delivery_of(PEOPLE[0]).state == "bounced"

    def test_the_same_event_id_is_applied_once(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[0])
        for _ in range(3):
            assert post(client, bounce(message_id, bounce_id=7)).status_code == 200
        # Another event claiming the same id is a replay too, whatever it says.
        assert post(client, spam_complaint(message_id, complaint_id=7)).status_code == 200
        assert TrackingEvent.objects.filter(event_id="7").count() == 1
        assert delivery_of(PEOPLE[0]).state == "bounced"

    def test_events_without_an_id_are_deduplicated_by_message_type_and_time(
        self, client, sent, postmark
    ):
        message_id = postmark.id_for(PEOPLE[2])
        for _ in range(2):
            post(client, opened(message_id, "2025-03-03T11:00:00Z"))
        post(client, opened(message_id, "2025-03-03T12:00:00Z"))
        assert TrackingEvent.objects.filter(event_type="opened").count() == 2

    def test_an_unknown_message_is_answered_200_and_stores_nothing(self, client, sent):
        assert post(client, bounce(str(uuid.uuid4()))).status_code == 200
        assert not TrackingEvent.objects.exists()
        assert not Subscriber.objects.filter(status="bounced").exists()

    def test_an_erased_person_s_delivery_still_moves_on(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[0])
        Subscriber.objects.filter(email=PEOPLE[0]).delete()
        assert post(client, bounce(message_id)).status_code == 200
        assert Delivery.objects.get(esp_message_id=message_id).state == "bounced"


@pytest.mark.django_db
class TestUnsubscribeAtTheEsp:
    """The ESP's own unsubscribe (its link, its suppression list) is honoured like ours."""

    def test_a_postmark_unsubscribe_unsubscribes_the_person(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[0])
        assert post(client, subscription_change(message_id)).status_code == 200

        person = Subscriber.objects.get(email=PEOPLE[0])
        assert person.status == "unsubscribed" and person.unsubscribed_at is not None
        assert delivery_of(PEOPLE[0]).state == "sent"  # the message itself did arrive
        assert Subscriber.objects.get(email=PEOPLE[1]).status == "confirmed"
        assert (
            not Subscriber.objects.recipients_of([MailingList.default()])
            .filter(email=PEOPLE[0])
            .exists()
        )

    def test_a_brevo_unsubscribe_unsubscribes_the_person_once(self, client, sent, brevo):
        message_id = delivery_of(PEOPLE[1]).esp_message_id
        for _replay in range(2):
            response = post(client, brevo_event(message_id, "unsubscribe"), url=BREVO_URL)
            assert response.status_code == 200
        person = Subscriber.objects.get(email=PEOPLE[1])
        assert person.status == "unsubscribed"
        assert TrackingEvent.objects.get().event_type == "unsubscribed"

    def test_an_unsubscribe_never_turns_a_bounce_into_an_unsubscribe(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[0])
        post(client, bounce(message_id))
        post(client, subscription_change(message_id))
        assert Subscriber.objects.get(email=PEOPLE[0]).status == "bounced"

    def test_a_resubscribe_at_the_esp_changes_nothing(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[0])
        post(client, subscription_change(message_id))
        payload = {**subscription_change(message_id), "SuppressSending": False}
        assert post(client, payload).status_code == 200
        assert Subscriber.objects.get(email=PEOPLE[0]).status == "unsubscribed"


@pytest.mark.django_db
class TestDeployCheck:
    def test_an_esp_without_a_webhook_secret_fails_check_deploy(self, settings):
        settings.ANYMAIL_ESP = "postmark"
        settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token"}
        with pytest.raises(SystemCheckError, match="newsletter.E001"):
            call_command("check", "--deploy", "--tag", "security")

    def test_a_misconfigured_esp_fails_check_deploy(self, settings):
        settings.ANYMAIL_ESP = "mailgun"
        settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}  # but no Mailgun signing key
        with pytest.raises(SystemCheckError, match="newsletter.E003"):
            call_command("check", "--deploy", "--tag", "security")

    def test_postmark_with_a_secret_passes(self, settings):
        settings.ANYMAIL_ESP = "postmark"
        settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token", "WEBHOOK_SECRET": SECRET}
        assert check_webhook_secret() == []
