"""Double opt-in: the confirmation link is made, sent and checked here only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from website import cache_counters

from . import status
from .models import ConsentRecord, MailingList, Organisation, Subscriber, normalise_email
from .privacy import keyed_digest

# At most this many subscribe attempts per address and window, against bots.
SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW = 600  # seconds
# At most this many confirmation e-mails per address and day, whoever asks.
CONFIRMATIONS_PER_DAY = 2
CONFIRMATION_WINDOW = 24 * 3600  # seconds
FORM_WORDING_VERSION = "form-1"
FORM_WORDING = (
    "Piekrītu saņemt projekta „Cilvēks: izmaiņu veicinātājs!” e-apkārtrakstu. "
    "/ I agree to receive the e-bulletin of the project."
)

CONFIRMATION_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
PREFERENCES_SALT = "newsletter.preferences"
CONFIRMATION_MAX_AGE = 7 * 24 * 3600  # a week, as the confirmation e-mail says


def confirmation_token(subscriber: Subscriber) -> str:
    """The signed link's payload: who, and when it was asked for (a link from
    before an unsubscribe never undoes it: newsletter.status.confirm)."""
    asked = timezone.now().timestamp()
    return signing.dumps({"subscriber": subscriber.pk, "asked": asked}, salt=CONFIRMATION_SALT)


@dataclass(frozen=True)
class ConfirmationRequest:
    subscriber: Subscriber
    asked_at: datetime.datetime | None  # None for links made before it was recorded


def read_confirmation(token: str) -> ConfirmationRequest | None:
    """What a confirmation link asks, or None when forged, expired or the person is gone."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None
    subscriber = Subscriber.objects.filter(pk=data.get("subscriber")).first()
    if subscriber is None:
        return None
    asked = data.get("asked")
    asked_at = (
        datetime.datetime.fromtimestamp(asked, tz=datetime.UTC)
        if isinstance(asked, int | float)
        else None
    )
    return ConfirmationRequest(subscriber, asked_at)


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


def offer_confirmation(subscriber: Subscriber) -> bool:
    """Send the confirmation e-mail unless this address had its share today.

    At most CONFIRMATIONS_PER_DAY per address, whoever asks from wherever
    (the form's own limit is per IP address, and IP addresses are cheap).
    The counter is keyed by the address's keyed hash: no address in the cache.
    True when an e-mail was sent.
    """
    key = f"newsletter:confirmations:{keyed_digest(subscriber.email)}"
    if cache_counters.increment(key, CONFIRMATION_WINDOW) > CONFIRMATIONS_PER_DAY:
        return False
    send_confirmation(subscriber)
    return True


def send_confirmation(subscriber: Subscriber) -> None:
    """The double opt-in e-mail, in the subscriber's language; the only sender of it.

    It holds only what the project wrote and the link: no text a visitor
    typed (a name from the form would let anyone write to anyone from the
    project's domain).
    """
    with translation.override(subscriber.language):
        path = reverse("newsletter-confirm", args=[confirmation_token(subscriber)])
        link = settings.SITE_URL + path
        context = {"subscriber": subscriber, "link": link}
        subject = render_to_string("newsletter/email/confirm_subject.txt", context).strip()
        body = render_to_string("newsletter/email/confirm_body.txt", context)
    send_mail(subject, body, settings.NEWSLETTER_FROM_EMAIL, [subscriber.email])


def unsubscribe_token(subscriber: Subscriber) -> str:
    """The per-subscriber secret in every unsubscribe link; it does not expire."""
    return signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)


def subscriber_for_unsubscribe(token: str) -> Subscriber | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(pk=pk).first()


def preferences_token(subscriber: Subscriber) -> str:
    """The per-subscriber secret in every preferences link: no expiry, the same in every e-mail."""
    return signing.Signer(salt=PREFERENCES_SALT).sign_object(subscriber.pk)


def subscriber_for_preferences(token: str) -> Subscriber | None:
    try:
        pk = signing.Signer(salt=PREFERENCES_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return Subscriber.objects.filter(pk=pk).first()


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
