"""Postmark tracking webhooks: events move deliveries on, once, and hostile posts change nothing.

Sending goes through anymail's real Postmark backend with only Postmark's HTTP
API replaced (it answers like Postmark, with a fresh MessageID per message);
webhook bodies have the shapes of Postmark's events as anymail's own test
suite builds them, posted through the test client with HTTP basic auth.
"""

from __future__ import annotations

import base64
import datetime
import json
import uuid

import pytest
import requests
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsletter import sending
from newsletter.models import (
    Delivery,
    MailingList,
    NewsletterIssuePage,
    Subscriber,
    TrackingEvent,
)
from newsletter.webhooks import check_webhook_secret

URL = "/anymail/postmark/tracking/"
SECRET = "postmark:hook-secret-7f3a"
PEOPLE = ["partneris01@example.org", "partneris02@example.org", "partneris03@example.org"]


class PostmarkApi:
    """Postmark's send API as seen by anymail: 200 and a new MessageID for every message."""

    def __init__(self) -> None:
        self.message_ids: dict[str, list[str]] = {}

    def request(self, method, url, data=None, **kwargs) -> requests.Response:
        sent = json.loads(data)
        message_id = str(uuid.uuid4())
        self.message_ids.setdefault(sent["To"], []).append(message_id)
        response = requests.Response()
        response.status_code = 200
        response.url = url
        response.encoding = "utf-8"
        response.headers["Content-Type"] = "application/json"
        response._content = json.dumps(
            {
                "To": sent["To"],
                "SubmittedAt": "2025-03-03T10:00:00.0000000Z",
                "MessageID": message_id,
                "ErrorCode": 0,
                "Message": "OK",
            }
        ).encode()
        return response

    def id_for(self, address: str) -> str:
        (message_id,) = self.message_ids[address]
        return message_id


@pytest.fixture
def postmark(settings, monkeypatch):
    """The site configured for Postmark with a webhook secret; Postmark's API faked."""
    settings.ANYMAIL_ESP = "postmark"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token", "WEBHOOK_SECRET": SECRET}
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    api = PostmarkApi()
    monkeypatch.setattr(requests.Session, "request", api.request)
    return api


@pytest.fixture
def issue(demo):
    """The demo issue and its 80 confirmed recipients."""
    return NewsletterIssuePage.objects.get(locale__language_code="lv")


@pytest.fixture
def sent(issue, postmark):
    """A dispatch to three people, handed over to Postmark."""
    small = MailingList.objects.create(name="Trīs", slug="tris")
    small.subscribers.set(Subscriber.objects.filter(email__in=PEOPLE))
    dispatch = sending.create_dispatch(issue, [small])
    sending.send_all(dispatch)
    assert set(dispatch.deliveries.values_list("state", flat=True)) == {"sent"}
    return dispatch


def auth_header(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def post(client, payload, secret: str | None = SECRET, url: str = URL, **extra):
    body = payload if isinstance(payload, bytes | str) else json.dumps(payload)
    headers = auth_header(secret) if secret else {}
    return client.post(url, data=body, content_type="application/json", **headers, **extra)


def delivery_of(address: str) -> Delivery:
    return Delivery.objects.get(subscriber__email=address, dispatch__lists__slug="tris")


# Postmark's event shapes (fields as Postmark sends them; anymail reads a few).
def delivered(message_id: str, at: str = "2025-03-03T10:00:05.1234567Z") -> dict:
    return {
        "RecordType": "Delivery",
        "ServerID": 23,
        "MessageID": message_id,
        "Recipient": "someone@example.org",
        "Tag": "",
        "DeliveredAt": at,
        "Details": "smtp;250 2.0.0 OK",
        "Metadata": {},
    }


def bounce(message_id: str, bounce_id: int = 901542550, kind: str = "HardBounce") -> dict:
    return {
        "RecordType": "Bounce",
        "ID": bounce_id,
        "Type": kind,
        "TypeCode": 1,
        "Name": "Hard bounce",
        "MessageID": message_id,
        "Description": "The server was unable to deliver your message.",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": "someone@example.org",
        "From": "bulletin@example.org",
        "BouncedAt": "2025-03-03T10:01:00.0000000Z",
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Projekta jaunumi",
    }


def spam_complaint(message_id: str, complaint_id: int = 42) -> dict:
    return {
        **bounce(message_id, complaint_id, "SpamComplaint"),
        "RecordType": "SpamComplaint",
        "TypeCode": 512,
        "Name": "Spam complaint",
    }


def opened(message_id: str, at: str = "2025-03-03T11:00:00.0000000Z") -> dict:
    return {
        "RecordType": "Open",
        "FirstOpen": True,
        "Client": {"Name": "Gmail", "Company": "Google", "Family": "Gmail"},
        "OS": {"Name": "unknown", "Company": "unknown", "Family": "unknown"},
        "Platform": "Unknown",
        "UserAgent": "Mozilla/5.0",
        "ReadSeconds": 0,
        "Geo": {},
        "MessageID": message_id,
        "ReceivedAt": at,
        "Recipient": "someone@example.org",
    }


def clicked(message_id: str, at: str = "2025-03-03T12:00:00.0000000Z") -> dict:
    return {
        **opened(message_id, at),
        "RecordType": "Click",
        "ClickLocation": "HTML",
        "OriginalLink": "https://example.org/lv/jaunumi/",
    }


def when(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


@pytest.mark.django_db
class TestEvents:
    def test_delivered(self, client, sent, postmark):
        response = post(client, delivered(postmark.id_for(PEOPLE[0])))
        assert response.status_code == 200
        assert delivery_of(PEOPLE[0]).state == "delivered"
        assert delivery_of(PEOPLE[1]).state == "sent"
        assert TrackingEvent.objects.get().event_type == "delivered"

    def test_a_hard_bounce_stops_all_further_mail_to_the_person(
        self, client, sent, postmark, issue
    ):
        # A second dispatch is already under way (its rows queued) when the bounce comes.
        under_way = sending.create_dispatch(issue, [MailingList.default()])
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


def subscription_change(message_id: str, reason: str = "ManualSuppression") -> dict:
    """Postmark's event when a recipient unsubscribes through Postmark (or is suppressed)."""
    return {
        "RecordType": "SubscriptionChange",
        "MessageID": message_id,
        "ServerID": 23,
        "MessageStream": "outbound",
        "ChangedAt": "2025-03-03T12:30:00.0000000Z",
        "Recipient": "someone@example.org",
        "Origin": "Recipient",
        "SuppressSending": True,
        "SuppressionReason": reason,
        "Tag": "",
        "Metadata": {},
    }


@pytest.fixture
def brevo(settings):
    """The site configured for Brevo (the deployment guide's example ESP) with a secret."""
    settings.ANYMAIL_ESP = "brevo"
    settings.ANYMAIL = {"BREVO_API_KEY": "api-key", "WEBHOOK_SECRET": SECRET}


BREVO_URL = "/anymail/brevo/tracking/"


def brevo_event(message_id: str, event: str, ts_epoch: object = 1741003800000) -> dict:
    return {
        "event": event,
        "email": "someone@example.org",
        "id": 4711,
        "date": "2025-03-03 13:10:00",
        "ts": 1741003800,
        "message-id": message_id,
        "ts_event": 1741003800,
        "ts_epoch": ts_epoch,
        "subject": "Projekta jaunumi",
    }


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
class TestHostileInput:
    def test_a_deeply_nested_body_is_a_400(self, client, sent, postmark):
        for body in [b"[" * 100_000, b'{"a":' * 100_000, b'{"RecordType": ' + b"[" * 50_000]:
            assert post(client, body).status_code == 400
        assert not TrackingEvent.objects.exists()

    def test_an_out_of_range_timestamp_is_a_400_and_changes_nothing(self, client, sent, brevo):
        message_id = delivery_of(PEOPLE[0]).esp_message_id
        for ts_epoch in [10**20, -(10**20), 1e308, "1e400"]:
            payload = brevo_event(message_id, "delivered", ts_epoch)
            body = json.dumps(payload).replace('"1e400"', "1e400")  # JSON's infinity
            assert post(client, body, url=BREVO_URL).status_code == 400, ts_epoch
        assert delivery_of(PEOPLE[0]).state == "sent"
        assert not TrackingEvent.objects.exists()
        # And a believable one is applied.
        assert post(client, brevo_event(message_id, "delivered"), url=BREVO_URL).status_code == 200
        assert delivery_of(PEOPLE[0]).state == "delivered"

    def test_unparsable_bodies_get_a_400(self, client, sent):
        for body in [
            b"",
            b"{",
            b"\xff\xfe\x00garbage",
            b"[]",
            b"null",
            b'"Bounce"',
            b"42",
            b'{"RecordType": ["Bounce"]}',
            b'{"RecordType": "Bounce", "Type": {"x": 1}}',
            b'{"RecordType": "Delivery", "DeliveredAt": 17}',
            b'{"RecordType": "Delivery", "DeliveredAt": "2025-13-45T99:00:00Z"}',
            b'{"RecordType": "Open", "Metadata": ["anymail_id"]}',
            b'{"FromFull": {"Email": "x@example.org"}}',  # an inbound post at the tracking URL
        ]:
            assert post(client, body).status_code == 400, body
        assert not TrackingEvent.objects.exists()

    def test_unknown_event_types_and_odd_values_are_harmless(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[0])
        odd = [
            {"RecordType": "Teleported", "MessageID": message_id},
            {"RecordType": "SubscriptionChange", "MessageID": message_id, "SuppressSending": 0},
            {**delivered(message_id), "MessageID": {"nested": message_id}},
            {**delivered(message_id), "MessageID": "x" * 10_000},
            {**bounce(message_id), "ID": "y" * 10_000, "Type": "VirusNotification"},
            {**delivered(message_id), "MessageID": PEOPLE[0]},
            {**opened(message_id), "ReceivedAt": "1970-01-01T00:00:00"},
            {**opened(message_id), "MessageID": message_id + "\x00"},
            {**delivered(postmark.id_for(PEOPLE[1])), "DeliveredAt": "9999-12-31T23:59:59-05:00"},
        ]
        for payload in odd:
            assert post(client, payload).status_code == 200
        assert delivery_of(PEOPLE[1]).state == "delivered"
        row = delivery_of(PEOPLE[0])
        assert row.state == "bounced"  # only the virus bounce (a real refusal) applied
        assert len(TrackingEvent.objects.get(event_type="bounced").event_id) <= 255
        assert row.opened_at is not None and row.opened_at.year > 2000  # not 1970

    def test_missing_or_wrong_auth_is_refused_and_changes_nothing(self, client, sent, postmark):
        message_id = postmark.id_for(PEOPLE[0])
        assert post(client, bounce(message_id), secret=None).status_code == 400
        assert post(client, bounce(message_id), secret="postmark:wrong").status_code == 400
        assert client.get(URL, **auth_header(SECRET)).status_code == 405
        assert delivery_of(PEOPLE[0]).state == "sent"
        assert not TrackingEvent.objects.exists()

    def test_without_a_webhook_secret_nothing_is_mounted(self, client, sent, postmark, settings):
        settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token"}
        response = post(client, bounce(postmark.id_for(PEOPLE[0])))
        assert response.status_code == 404
        assert delivery_of(PEOPLE[0]).state == "sent"

    def test_other_esps_urls_are_404_never_500(self, client, postmark):
        from anymail.urls import urlpatterns

        routes = [
            str(pattern.pattern).lstrip("^").rstrip("$").replace("(_mime)?", "")
            for pattern in urlpatterns
        ]
        assert "mailgun/tracking/" in routes and "amazon_ses/tracking/" in routes
        for route in routes:
            if route == "postmark/tracking/":
                continue
            assert post(client, bounce("x"), url=f"/anymail/{route}").status_code == 404, route

    def test_with_no_esp_configured_the_tracking_url_is_404(self, client, settings, db):
        settings.ANYMAIL_ESP = ""
        settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
        assert post(client, bounce("x")).status_code == 404


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
POSTMARK_FIELDS = {
    "RecordType": st.sampled_from(
        ["Delivery", "Bounce", "SpamComplaint", "Open", "Click", "SubscriptionChange", "Other"]
    )
    | JSON,
    "Type": st.sampled_from(["HardBounce", "SoftBounce", "Transient", "SpamComplaint"]) | JSON,
    "ID": st.integers() | JSON,
    "DeliveredAt": st.datetimes(timezones=st.timezones()).map(datetime.datetime.isoformat) | JSON,
    "ReceivedAt": st.text() | JSON,
    "Metadata": JSON,
    "Details": JSON,
}
HYPOTHESIS = hypothesis_settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis folder in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
class TestHostileInputProperties:
    @HYPOTHESIS
    @given(body=st.binary(max_size=300) | JSON.map(lambda value: json.dumps(value).encode()))
    def test_any_body_is_a_400_or_a_harmless_200(self, client, sent, body):
        before = list(Delivery.objects.order_by("pk").values_list("state", "last_error"))
        response = post(client, body)
        assert response.status_code in (200, 400)
        assert list(Delivery.objects.order_by("pk").values_list("state", "last_error")) == before
        assert not TrackingEvent.objects.exists()

    @HYPOTHESIS
    @given(data=st.data())
    def test_postmark_shaped_noise_on_a_real_message_is_applied_whole_or_not_at_all(
        self, client, sent, postmark, data
    ):
        message_id = postmark.id_for(PEOPLE[0])
        payload = data.draw(st.fixed_dictionaries({}, optional=POSTMARK_FIELDS))
        payload["MessageID"] = message_id
        events_before = TrackingEvent.objects.count()
        row_before = Delivery.objects.filter(esp_message_id=message_id).values().get()
        response = post(client, payload)
        row_after = Delivery.objects.filter(esp_message_id=message_id).values().get()
        assert response.status_code in (200, 400)
        applied = TrackingEvent.objects.count() - events_before
        assert applied in (0, 1)
        if response.status_code == 400 or not applied:
            assert row_after == row_before
        rank = {"sent": 1, "delivered": 2, "bounced": 3, "complained": 3}
        assert rank[row_after["state"]] >= rank[row_before["state"]]
        if rank[row_before["state"]] == 3:
            assert row_after["state"] == row_before["state"]


EVENT_KINDS = ["delivered", "hard", "soft", "complaint", "open", "click"]


def build(kind: str, message_id: str, number: int) -> dict:
    at = f"2025-03-03T10:{number // 60:02d}:{number % 60:02d}Z"
    return {
        "delivered": lambda: delivered(message_id, at),
        "hard": lambda: bounce(message_id, 1000 + number),
        "soft": lambda: bounce(message_id, 1000 + number, kind="SoftBounce"),
        "complaint": lambda: spam_complaint(message_id, 1000 + number),
        "open": lambda: opened(message_id, at),
        "click": lambda: clicked(message_id, at),
    }[kind]()


def expected_state(kinds: list[str]) -> str:
    """Rows only move on: the first refusal is final; else any sign of delivery; else sent."""
    refusals = [kind for kind in kinds if kind in ("hard", "complaint")]
    if refusals:
        return {"hard": "bounced", "complaint": "complained"}[refusals[0]]
    if {"delivered", "open", "click"} & set(kinds):
        return "delivered"
    return "sent"


@pytest.mark.django_db
class TestOrderProperty:
    @HYPOTHESIS
    @given(
        kinds=st.lists(st.sampled_from(EVENT_KINDS), min_size=1, max_size=8),
        replays=st.lists(st.integers(min_value=0, max_value=7), max_size=4),
    )
    # A replay of the complaint that arrives before the first bounce: the
    # complaint came first, so the row ends "complained".
    @example(kinds=["delivered", "hard", "complaint"], replays=[0, 0, 2])
    def test_any_order_with_replays_ends_in_the_state_rows_only_move_on_to(
        self, client, sent, postmark, kinds, replays
    ):
        message_id = postmark.id_for(PEOPLE[0])
        # Each example starts from the freshly sent row.
        TrackingEvent.objects.all().delete()
        Delivery.objects.filter(esp_message_id=message_id).update(
            state="sent", last_error="", opened_at=None, clicked_at=None
        )
        Subscriber.objects.filter(email=PEOPLE[0]).update(status="confirmed")

        events = [build(kind, message_id, number) for number, kind in enumerate(kinds)]
        posted = list(range(len(events)))  # which event goes out, in order
        for index in replays:  # an ESP retrying an event, maybe after later ones
            if index < len(events):
                posted.insert(index + 1, index)
        for number in posted:
            assert post(client, events[number]).status_code == 200

        row = Delivery.objects.get(esp_message_id=message_id)
        # A replay changes nothing: what counts is the order events first arrived in.
        first_arrivals = [kinds[number] for number in dict.fromkeys(posted)]
        assert row.state == expected_state(first_arrivals)
        assert TrackingEvent.objects.count() == len(events)
        person = Subscriber.objects.get(email=PEOPLE[0]).status
        assert person == {"bounced": "bounced", "complained": "complained"}.get(
            row.state, "confirmed"
        )


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
