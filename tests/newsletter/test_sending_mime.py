"""The encoded-once message (newsletter/sending_mime.py) reads as the one Django builds (issue 16).

Each recipient's bytes are parsed back and compared with Django's message
for the same recipient: every header but Date, and each part decoded.
"""

import email
from email import policy

import pytest

from newsletter import sending, sending_mime, subscriptions
from newsletter.models import Delivery, Dispatch
from tests.support.factories import (
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
)

LONG_LINE = "<td style='padding:0'>" + "Ziņas no novadiem un pašvaldībām. " * 40
FROZEN = {
    # A line over 998 bytes: Django sends the HTML part quoted-printable.
    "lv": {
        "subject": "Jaunumi: apmācības un supervīzijas",
        "html": f"<p>Sveiki, %%NAME%%!</p>\n{LONG_LINE}<a href='%%UNSUBSCRIBE_URL%%'>Atteikties</a>"
        f"{LONG_LINE}<a href='%%PREFERENCES_URL%%'>Iestatījumi</a> %%NAME%%</td>\n",
        "text": "Sveiki, %%NAME%%!\nAtteikties: %%UNSUBSCRIBE_URL%%\n"
        "Iestatījumi: %%PREFERENCES_URL%%\n",
    },
    # Plain ASCII and short lines: 7bit parts, 8bit once a name is not ASCII.
    "en": {
        "subject": "News",
        "html": "<p>Hello, %%NAME%%!</p><a href='%%UNSUBSCRIBE_URL%%'>Unsubscribe</a>\n",
        "text": "Hello, %%NAME%%!\nUnsubscribe: %%UNSUBSCRIBE_URL%%\n",
    },
}
# The last is the longest name a subscriber may have.
NAMES = ["Anna Bērziņa", "<b>O'Brien & Co</b>", "Plain Name", "", "Ļ" * 255]


def parsed(raw: bytes) -> dict:
    message = email.message_from_bytes(raw, policy=policy.default)
    boundary = message.get_boundary()  # each message has its own
    headers = sorted(
        (name.lower(), str(value).replace(boundary, "…").strip())  # folding aside
        for name, value in message.items()
        if name.lower() != "date"
    )
    parts = [
        (part.get_content_type(), part.get_content())
        for part in message.iter_parts()  # multipart/alternative: text, then HTML
    ]
    return {"headers": headers, "parts": parts, "date": message["Date"]}


@pytest.fixture
def dispatch(home):
    issue = NewsletterIssuePageFactory(parent=NewsletterIndexPageFactory())
    return Dispatch.objects.create(issue=issue, state=Dispatch.State.SENDING, frozen=FROZEN)


def both(dispatch, delivery) -> tuple[dict, dict]:
    """Django's message and the encoded-once one for the delivery, parsed."""
    subscriber = delivery.subscriber
    values = {**subscriptions.personal_links(subscriber), "name": subscriber.name}
    django_message = sending.build_message(dispatch, delivery, "<list.example.org>", values=values)
    encoded = sending_mime.encode_issue(
        dispatch.frozen[delivery.language],
        sending.constant_headers("<list.example.org>"),
        django_message.from_email,
    )
    raw = encoded.for_recipient(
        email=subscriber.email, message_id=django_message.extra_headers["Message-ID"], values=values
    )
    assert raw is not None
    return parsed(django_message.message().as_bytes(linesep="\r\n")), parsed(raw)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_each_recipient_gets_what_django_would_build(dispatch, language, name):
    reader = SubscriberFactory(name=name, language=language, email=f"r{len(name)}@example.org")
    delivery = Delivery.objects.create(dispatch=dispatch, subscriber=reader, language=language)
    theirs, ours = both(dispatch, delivery)
    assert ours["headers"] == theirs["headers"]
    assert ours["parts"] == theirs["parts"]
    assert ours["date"]
    text, html = ours["parts"][0][1], ours["parts"][1][1]
    assert "%%" not in text and "%%" not in html


@pytest.mark.django_db
def test_the_html_part_is_quoted_printable_and_no_line_grows_past_76(dispatch):
    reader = SubscriberFactory(name="Ļ" * 255, language="lv")  # the longest a name may be
    delivery = Delivery.objects.create(dispatch=dispatch, subscriber=reader, language="lv")
    encoded = sending_mime.encode_issue(FROZEN["lv"], {}, "zinas@example.org")
    assert [part.encoding for part in encoded.parts] == ["8bit", "quoted-printable"]
    values = {**subscriptions.personal_links(reader), "name": reader.name}
    raw = encoded.for_recipient(email=reader.email, message_id="<x@example.org>", values=values)
    html = raw.split(b"Content-Transfer-Encoding: quoted-printable\r\n\r\n", 1)[1]
    assert max(len(line) for line in html.split(b"\r\n")) <= 76
    assert delivery.language == "lv"


def test_a_placeholder_cut_by_a_soft_line_break_is_found():
    body = b"abc %%UNSUB=\r\nSCRIBE_URL%% def %%NAME%%"
    part = sending_mime._Part(head=b"", body=body, encoding="quoted-printable", html=False)
    filled = b"".join(
        sending_mime._filled(
            part,
            {
                "%%UNSUBSCRIBE_URL%%": "https://x.example/u/a=b/",
                "%%PREFERENCES_URL%%": "",
                "%%NAME%%": "Jānis",
            },
        )
    )
    decoded = email.message_from_bytes(
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n" + filled,
        policy=policy.default,
    ).get_content()
    assert decoded == "abc https://x.example/u/a=b/ def Jānis"


@pytest.mark.django_db
def test_a_line_that_would_pass_998_bytes_is_left_to_django(dispatch):
    encoded = sending_mime.encode_issue(
        {"subject": "S", "html": "<p>%%NAME%%</p>", "text": "x" * 990 + "%%NAME%%"},
        {},
        "zinas@example.org",
    )
    values = {"unsubscribe_url": "https://x.example/u/", "preferences_url": "", "name": "A" * 20}
    assert encoded.for_recipient(email="a@example.org", message_id="<x@y>", values=values) is None


@pytest.mark.django_db
def test_a_send_over_smtp_delivers_the_encoded_bytes(dispatch, smtp_sink, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("Django built a message")

    monkeypatch.setattr(sending, "build_message", refuse)
    readers = [SubscriberFactory(name=name, language="lv") for name in NAMES[:3]]
    for reader in readers:
        Delivery.objects.create(dispatch=dispatch, subscriber=reader, language="lv")
    assert sending.send_batch(dispatch, "worker-mime") == 3
    received = {message["To"]: message for message in smtp_sink.messages}
    for reader in readers:
        message = received[reader.email]
        html = message.get_body(("html",)).get_content()
        assert subscriptions.personal_links(reader)["unsubscribe_url"] in html
        assert message["List-Unsubscribe"] == (
            f"<{subscriptions.personal_links(reader)['unsubscribe_url']}>"
        )
    sent = Delivery.objects.filter(dispatch=dispatch, state=Delivery.State.SENT)
    assert sorted(sent.values_list("esp_message_id", flat=True)) == sorted(
        message["Message-ID"] for message in smtp_sink.messages
    )


@pytest.mark.parametrize(
    "address",
    [
        "a@example.org",
        "Anna.Berzina+x@Example.ORG",
        "o'brien@x.lv",
        "x!#$%&*/=?^_`{|}~-@x.lv",
        "a..b@x.lv",
        ".a@x.lv",
        "ĀB@x.lv",
        "a@ŗ.lv",
        "a@b",
    ],
)
def test_the_envelope_address_is_what_django_would_give_the_server(address, settings):
    from django.core.mail.message import sanitize_address

    expected = sanitize_address(address, settings.DEFAULT_CHARSET)
    assert sending_mime.envelope_address(address) == expected
