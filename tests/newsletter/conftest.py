"""Fixtures of the newsletter's tests: the site set up for an ESP, a dispatch sent through it."""

import pytest
import requests

from newsletter import sending
from newsletter.models import MailingList, NewsletterIssuePage, Subscriber
from tests.support.esp_webhooks import PEOPLE, SECRET, PostmarkApi


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
def brevo(settings):
    """The site configured for Brevo (the deployment guide's example ESP) with a secret."""
    settings.ANYMAIL_ESP = "brevo"
    settings.ANYMAIL = {"BREVO_API_KEY": "api-key", "WEBHOOK_SECRET": SECRET}


@pytest.fixture
def sent(demo, postmark):
    """The demo issue sent to three people through Postmark (its API faked)."""
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    small = MailingList.objects.create(name="Trīs", slug="tris")
    small.subscribers.set(Subscriber.objects.filter(email__in=PEOPLE))
    dispatch = sending.create_dispatch(issue, [small])
    sending.send_all(dispatch)
    assert set(dispatch.deliveries.values_list("state", flat=True)) == {"sent"}
    return dispatch
