"""A recipient's own parts (name, links) in the frozen e-mail: HTML-escaped in HTML only."""

import pytest
from django.core import mail

from newsletter import sending, subscriptions
from newsletter.models import Delivery, Dispatch
from tests.support.factories import (
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
)

NAME = "<b>O'Brien & Co</b>"


@pytest.mark.django_db
def test_the_name_is_escaped_in_the_html_part_and_verbatim_in_the_text(home):
    issue = NewsletterIssuePageFactory(parent=NewsletterIndexPageFactory())
    dispatch = Dispatch.objects.create(
        issue=issue,
        state=Dispatch.State.SENDING,
        frozen={
            "lv": {
                "subject": "Jaunumi",
                "html": "<p>Sveiki, %%NAME%%!</p>",
                "text": "Sveiki, %%NAME%%!",
            }
        },
    )
    reader = SubscriberFactory(name=NAME)
    delivery = Delivery.objects.create(dispatch=dispatch, subscriber=reader, language="lv")

    message = sending.build_message(dispatch, delivery, "<list.example.org>")

    [(html, _mimetype)] = message.alternatives
    assert "<p>Sveiki, &lt;b&gt;O&#x27;Brien &amp; Co&lt;/b&gt;!</p>" in html
    assert "<b>O'Brien" not in html
    assert message.body == f"Sveiki, {NAME}!"


@pytest.mark.django_db
def test_the_plain_text_confirmation_shows_no_html_entities(home):
    reader = SubscriberFactory(name=NAME, status="pending", language="en")
    subscriptions.deliver_confirmation(reader)
    [message] = mail.outbox
    for entity in ("&amp;", "&#x27;", "&lt;", "&gt;", "&quot;"):
        assert entity not in message.body and entity not in message.subject
    # Whether the greeting names the person or not, it never mangles the name.
    assert NAME in message.body or "O'Brien" not in message.body
