"""Postmark's and Brevo's side of the tracking webhooks, for the tests.

Postmark's send API as anymail sees it (a fake: the one edge that cannot run
here), the bodies of the events Postmark and Brevo post back (fields as they
send them; anymail reads a few), and posting them to the site as the ESP does,
with HTTP basic auth. The fixtures that use them are in tests/newsletter/conftest.py.
"""

from __future__ import annotations

import base64
import datetime
import json
import uuid

import requests

from newsletter.models import Delivery

URL = "/anymail/postmark/tracking/"
BREVO_URL = "/anymail/brevo/tracking/"
SECRET = "postmark:hook-secret-7f3a"
# The three demo providers the `sent` fixture's dispatch goes to (list "tris").
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
