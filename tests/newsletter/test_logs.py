"""No personal data in logs: subscribe, import, send with failures, webhooks, all at DEBUG.

Every logger the site and its libraries use is opened to DEBUG and captured;
no record may carry a subscriber's e-mail address, name or IP address.
Row ids, event types and URL paths (tokens are not personal data) are fine.
"""

from __future__ import annotations

import base64
import json
import logging

import pytest
from django.core.management import call_command

from demo.newsletter import build_newsletter
from newsletter import sending, tasks
from newsletter.models import Delivery, MailingList, NewsletterIssuePage, Subscriber

SECRET = "postmark:hook-secret-logs"
VISITOR_IP = "203.0.113.77"
IMPORTED = (
    "email;name;organisation;language;lists\n"
    "janis.berzins@example.org;Jānis Bērziņš;Tukuma novada Sociālais dienests;lv;\n"
    "ilze.kalnina@@example.org;Ilze Kalniņa;;lv;\n"  # refused: not an address
    "marta.liepa@example.org;Marta Liepa;;de;\n"  # refused: no such language
)


@pytest.fixture
def every_log(caplog, settings):
    """Capture every logger at DEBUG, as with LOG_LEVEL=DEBUG, non-propagating ones too.

    Only the levels the site's LOGGING pins on purpose stay (django.template
    would log whole template contexts at DEBUG).
    """
    pinned = {
        name: config["level"]
        for name, config in settings.LOGGING["loggers"].items()
        if "level" in config
    }
    assert logging.getLevelName(pinned["django.template"]) > logging.DEBUG
    caplog.set_level(logging.DEBUG)
    quiet = []
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if not isinstance(logger, logging.Logger):
            continue
        caplog.set_level(pinned.get(name, logging.DEBUG), logger=name)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
            quiet.append(logger)
    yield caplog
    for logger in quiet:
        logger.removeHandler(caplog.handler)


def rendered(record: logging.LogRecord) -> str:
    """All a log handler could write: message, arguments, traceback, stack."""
    text = logging.Formatter("%(name)s %(message)s").format(record)
    return " ".join([text, repr(record.args), record.exc_text or "", record.stack_info or ""])


def webhook(client, payload, secret: str | None = SECRET):
    headers = {}
    if secret:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(secret.encode()).decode()
    body = payload if isinstance(payload, bytes) else json.dumps(payload)
    return client.post(
        "/anymail/postmark/tracking/", data=body, content_type="application/json", **headers
    )


@pytest.mark.django_db
def test_no_address_name_or_ip_in_any_log_record(
    client, home, smtp_sink, settings, tmp_path, every_log
):
    settings.ANYMAIL_ESP = "postmark"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    build_newsletter(home)

    # A visitor subscribes from the footer form.
    response = client.post(
        "/lv/newsletter/subscribe/", {"email": "Anna.Visitor@Example.org"}, REMOTE_ADDR=VISITOR_IP
    )
    assert response.status_code == 200
    assert client.post("/lv/newsletter/subscribe/", {"email": "nav-adrese"}).status_code == 400

    # A manager imports a file with good and bad rows (the command, as staff run it).
    csv_file = tmp_path / "partners.csv"
    csv_file.write_text(IMPORTED, encoding="utf-8")
    call_command(
        "newsletter_import", str(csv_file), "--confirmed", "--consent", "Piekrītu.", verbosity=2
    )
    assert Subscriber.objects.filter(email="janis.berzins@example.org").exists()

    # The issue goes out through the Celery task, with one refusal and one retry.
    smtp_sink.scripted = {
        "partneris01@example.org": ["550 5.1.1 <partneris01@example.org>: no such user"],
        "partneris02@example.org": ["421 4.7.0 partneris02@example.org too busy"],
    }
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    dispatch = sending.create_dispatch(issue, [MailingList.default()])
    tasks.start(dispatch)
    assert Delivery.objects.get(subscriber__email="partneris01@example.org").state == "failed"

    # The ESP reports a bounce (twice), and strangers post rubbish.
    sent = Delivery.objects.filter(state="sent").select_related("subscriber").first()
    bounce = {
        "RecordType": "Bounce",
        "ID": 77,
        "Type": "HardBounce",
        "MessageID": sent.esp_message_id,
        "Email": sent.subscriber.email,
        "Details": f"smtp;550 5.1.1 <{sent.subscriber.email}> does not exist",
        "BouncedAt": "2025-03-03T10:01:00Z",
    }
    assert webhook(client, bounce).status_code == 200
    assert webhook(client, bounce).status_code == 200
    assert webhook(client, {**bounce, "MessageID": "unknown"}).status_code == 200
    assert webhook(client, bounce, secret=None).status_code == 400
    rubbish = json.dumps({"RecordType": ["x"], "Email": sent.subscriber.email}).encode()
    assert webhook(client, rubbish).status_code == 400
    assert Delivery.objects.get(pk=sent.pk).state == "bounced"

    # (mail.log is the test's own SMTP server, standing in for the recipient's.)
    records = [
        rendered(record) for record in every_log.records if not record.name.startswith("mail.log")
    ]
    joined = "\n".join(records)
    # The capture works: the failures and the webhook were logged, by id.
    failed = Delivery.objects.get(subscriber__email="partneris01@example.org")
    assert f"delivery {failed.pk} attempt 1 failed" in joined
    assert f"bounced event applied to delivery {sent.pk}" in joined
    assert "Missing or invalid basic auth in Anymail Postmark webhook" in joined
    assert "Unparsable Postmark tracking webhook (TypeError)" in joined

    personal = {VISITOR_IP, "anna.visitor@example.org", "Marta Liepa", "Ilze Kalniņa"}
    for email, name in Subscriber.objects.values_list("email", "name"):
        personal |= {email, name} - {""}
    found = sorted(
        {value for value in personal for record in records if value.lower() in record.lower()}
    )
    assert found == []
