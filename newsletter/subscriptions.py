"""Double opt-in: the confirmation link is made, sent and checked here only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from celery import current_app
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core import cache_counters

from . import links, status
from .models import ConsentRecord, MailingList, Organisation, Subscriber, normalise_email
from .privacy import keyed_digest

# At most this many subscribe attempts per address and window, against bots.
SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW = 600  # seconds
# At most this many confirmation e-mails per address and day, whoever asks.
CONFIRMATIONS_PER_DAY = 2
CONFIRMATION_WINDOW = 24 * 3600  # seconds
# The worker's task that sends the confirmation e-mail (newsletter.tasks).
CONFIRMATION_TASK = "newsletter.tasks.send_confirmation"
FORM_WORDING_VERSION = "form-1"
FORM_WORDING = (
    "Piekrītu saņemt projekta „Cilvēks: izmaiņu veicinātājs!” e-apkārtrakstu. "
    "/ I agree to receive the e-bulletin of the project."
)


def confirmation_token(subscriber: Subscriber) -> str:
    """The double opt-in link's token: valid 7 days, until used or rotated (newsletter.links)."""
    return links.make(subscriber, links.CONFIRM)


@dataclass(frozen=True)
class ConfirmationRequest:
    subscriber: Subscriber
    asked_at: datetime.datetime


def read_confirmation(token: str) -> ConfirmationRequest | None:
    """What a confirmation link asks (who, and when the link was made: a link
    from before an unsubscribe never undoes it, newsletter.status.confirm), or
    None when forged, expired, rotated or the person is gone."""
    subscriber = links.read(token, links.CONFIRM)
    if subscriber is None:
        return None
    return ConfirmationRequest(subscriber, links.made_at(token))


def confirm(request: ConfirmationRequest, ip_address: str | None) -> None:
    """The person's own link: pending becomes confirmed; someone who left comes back."""
    status.confirm(
        request.subscriber,
        asked_at=request.asked_at,
        consent=status.Consent(
            source=ConsentRecord.Source.FORM,
            legal_basis=ConsentRecord.LegalBasis.CONSENT,
            wording=FORM_WORDING,
            wording_version=FORM_WORDING_VERSION,
            ip_address=ip_address,
        ),
    )


def offer_confirmation(subscriber: Subscriber, send=None) -> bool:
    """Send the confirmation e-mail unless this address had its share today.

    At most CONFIRMATIONS_PER_DAY per address, whoever asks from wherever
    (the form's own limit is per IP address, and IP addresses are cheap).
    The counter is keyed by the address's keyed hash: no address in the cache.
    True when an e-mail was sent (or queued). `send` is how: queued by
    default (send_confirmation); the import sends at once (deliver_confirmation)
    to count what the mail server refused.
    """
    key = f"newsletter:confirmations:{keyed_digest(subscriber.email)}"
    if cache_counters.increment(key, CONFIRMATION_WINDOW) > CONFIRMATIONS_PER_DAY:
        return False
    (send or send_confirmation)(subscriber)
    return True


def send_confirmation(subscriber: Subscriber) -> None:
    """Queue the double opt-in e-mail; a worker sends it (newsletter.tasks.send_confirmation).

    Never inside the request: sending there took 300 ms for a new address and
    none for a known one, and a mail server that was down made a 500, both of
    which told a stranger who is subscribed. The task is queued once the
    subscriber is committed (the worker must find the row); `robust`, because a
    broker that fails to take it must not turn the form's answer into a 500
    either (the failure is logged; asking again queues another).

    The task is named, not imported: newsletter.tasks imports this module, and
    the arrows run one way (docs/subscribers.md). NewsletterConfig.ready
    imports the tasks, so the name is known in every process (and a test's
    eager setting holds); a process without it would still queue by name.
    """
    task = current_app.signature(CONFIRMATION_TASK, args=(subscriber.pk,))
    transaction.on_commit(task.delay, robust=True)


def deliver_confirmation(subscriber: Subscriber) -> None:
    """The double opt-in e-mail, in the subscriber's language, sent now (by the task)."""
    with translation.override(subscriber.language):
        path = reverse("newsletter-confirm", args=[confirmation_token(subscriber)])
        link = settings.SITE_URL + path
        context = {"subscriber": subscriber, "link": link}
        subject = render_to_string("newsletter/email/confirm_subject.txt", context).strip()
        body = render_to_string("newsletter/email/confirm_body.txt", context)
    send_mail(subject, body, settings.NEWSLETTER_FROM_EMAIL, [subscriber.email])


def unsubscribe_token(subscriber: Subscriber) -> str:
    """The token in every unsubscribe link: no expiry, until rotated (newsletter.links)."""
    return links.make(subscriber, links.UNSUBSCRIBE)


def subscriber_for_unsubscribe(token: str) -> Subscriber | None:
    return links.read(token, links.UNSUBSCRIBE)


def preferences_token(subscriber: Subscriber) -> str:
    """The token in a preferences link: valid 90 days, until rotated (newsletter.links)."""
    return links.make(subscriber, links.PREFERENCES)


def subscriber_for_preferences(token: str) -> Subscriber | None:
    return links.read(token, links.PREFERENCES)


def personal_links(subscriber: Subscriber) -> dict[str, str]:
    """The recipient's own unsubscribe and preferences addresses, in their language."""
    with translation.override(subscriber.language):
        unsubscribe_path = reverse("newsletter-unsubscribe", args=[unsubscribe_token(subscriber)])
        preferences_path = reverse("newsletter-preferences", args=[preferences_token(subscriber)])
    return {
        "unsubscribe_url": settings.SITE_URL + unsubscribe_path,
        "preferences_url": settings.SITE_URL + preferences_path,
    }


def update_preferences(
    subscriber: Subscriber, *, language: str, lists: list[MailingList], name: str
) -> None:
    """Change what a subscriber reads and in which language; no list left means leaving."""
    subscriber.language = language
    subscriber.name = name
    subscriber.save(update_fields=["language", "name"])
    subscriber.lists.set(lists)
    if not lists:
        status.unsubscribe(subscriber, source=status.Source.LINK)


def unsubscribe(subscriber: Subscriber) -> None:
    """From everything, at once, by the person's own link; again changes nothing. No e-mail."""
    status.unsubscribe(subscriber, source=status.Source.LINK)


def subscribe_from_form(
    email: str,
    language: str,
    ip_address: str | None,
    *,
    name: str = "",
    organisation: Organisation | None = None,
    lists: list[MailingList] | None = None,
) -> None:
    """Subscribe from a form: the footer's (e-mail alone) or the newsletter page's.

    No list chosen means the default list. Whatever the address's state, the
    visitor sees the same answer, so the form tells nobody who is subscribed.
    A submission for an address already there changes nothing stored (not
    the status, name, language, organisation or lists: a stranger may have
    typed it); a pending person, or one who left, is sent a confirmation
    link (at most CONFIRMATIONS_PER_DAY), and only their click changes
    anything. Bounced and complained addresses get nothing, also after their
    row was purged or erased (the suppression list remembers them).
    """
    email = normalise_email(email)
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        if status.suppression_of(email) in (
            Subscriber.Status.BOUNCED,
            Subscriber.Status.COMPLAINED,
        ):
            return
        subscriber, _created = status.add_or_existing(
            email,
            language=language,
            name=name,
            organisation=organisation,
            lists=lists or [MailingList.default()],
            consent=status.Consent(
                source=ConsentRecord.Source.FORM,
                legal_basis=ConsentRecord.LegalBasis.CONSENT,
                wording=FORM_WORDING,
                wording_version=FORM_WORDING_VERSION,
                ip_address=ip_address,
            ),
        )
    if subscriber.status in (Subscriber.Status.PENDING, Subscriber.Status.UNSUBSCRIBED):
        offer_confirmation(subscriber)


ADMIN_WORDING_VERSION = "admin-1"
ADMIN_WORDING = (
    "Pievienojis projekta darbinieks (lietotājs #{user}) kā sadarbības partnera kontaktpersonu. "
    "/ Added by project staff (user #{user}) as a partner organisation's contact."
)
ADDRESS_WORDING_VERSION = "admin-address-1"
ADDRESS_WORDING = (
    "Adresi nomainījis projekta darbinieks (lietotājs #{user}); jāapstiprina no jaunās adreses. "
    "/ Address changed by project staff (user #{user}); to be confirmed from the new address."
)


def admin_consent(user, *, address_changed: bool = False) -> status.Consent:
    """A partner's contact added (or their address changed) by staff, on legitimate interest.

    The record names the staff member by id, not by name.
    """
    wording, version = (
        (ADDRESS_WORDING, ADDRESS_WORDING_VERSION)
        if address_changed
        else (ADMIN_WORDING, ADMIN_WORDING_VERSION)
    )
    return status.Consent(
        source=ConsentRecord.Source.ADMIN,
        legal_basis=ConsentRecord.LegalBasis.LEGITIMATE_INTEREST,
        wording=wording.format(user=user.pk),
        wording_version=version,
    )


def too_many_attempts(ip_address: str) -> bool:
    """Counts this attempt; True once the address has made more than SUBSCRIBE_LIMIT."""
    key = f"newsletter:subscribe-attempts:{ip_address}"
    return cache_counters.increment(key, SUBSCRIBE_WINDOW) > SUBSCRIBE_LIMIT
