"""Hostile posts to the tracking webhooks change nothing: bad bodies get a 400, odd ones a
harmless 200, and events in any order, replayed, only move a delivery on.

The fixtures (`sent`, `postmark`, `brevo`) are in tests/newsletter/conftest.py.
"""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsletter.models import Delivery, Subscriber, TrackingEvent
from tests.support.esp_webhooks import (
    BREVO_URL,
    PEOPLE,
    SECRET,
    URL,
    auth_header,
    bounce,
    brevo_event,
    clicked,
    delivered,
    delivery_of,
    opened,
    post,
    spam_complaint,
)


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
