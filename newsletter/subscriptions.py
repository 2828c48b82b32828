"""Double opt-in: the confirmation link is made, sent and checked here only."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from website import cache_counters

from .models import ConsentRecord, MailingList, Organisation, Subscriber, normalise_email

# At most this many subscribe attempts per address and window, against bots.
SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW = 600  # seconds
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
    return signing.dumps({"subscriber": subscriber.pk}, salt=CONFIRMATION_SALT)


def subscriber_for_confirmation(token: str) -> Subscriber | None:
    """The subscriber a confirmation link names, or None when forged or expired."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(pk=data.get("subscriber")).first()


def confirm(subscriber: Subscriber) -> None:
    """A pending subscriber becomes confirmed; nobody else changes."""
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])


def send_confirmation(subscriber: Subscriber) -> None:
    """The double opt-in e-mail, in the subscriber's language."""
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
        unsubscribe(subscriber)


def unsubscribe(subscriber: Subscriber) -> None:
    """From everything, at once; doing it again changes nothing. No e-mail follows."""
    if subscriber.status in (Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED):
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])


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
    A confirmed subscriber is left as they are (their preferences page changes
    their lists; a stranger typing their address must not). Bounced and
    complained addresses get no e-mail; people who left may come back by
    confirming again.
    """
    email = normalise_email(email)
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language}
    )
    if subscriber.status in (
        Subscriber.Status.BOUNCED,
        Subscriber.Status.COMPLAINED,
        Subscriber.Status.CONFIRMED,
    ):
        return
    # Pending or unsubscribed: this form's answers are the ones to confirm.
    subscriber.status = Subscriber.Status.PENDING
    subscriber.language = language
    subscriber.name = name or subscriber.name
    subscriber.organisation = organisation or subscriber.organisation
    subscriber.save(update_fields=["status", "language", "name", "organisation"])
    subscriber.lists.set(lists or [MailingList.default()])
    ConsentRecord.objects.create(
        subscriber=subscriber,
        email=email,
        source=ConsentRecord.Source.FORM,
        legal_basis=ConsentRecord.LegalBasis.CONSENT,
        wording=FORM_WORDING,
        wording_version=FORM_WORDING_VERSION,
        ip_address=ip_address,
    )
    send_confirmation(subscriber)


ADMIN_WORDING_VERSION = "admin-1"
ADMIN_WORDING = (
    "Pievienojis projekta darbinieks (lietotājs #{user}) kā sadarbības partnera kontaktpersonu. "
    "/ Added by project staff (user #{user}) as a partner organisation's contact."
)


def record_admin_addition(subscriber: Subscriber, user) -> None:
    """Someone added in the admin: a partner's contact, on legitimate interest.

    The record names the staff member by id, not by name. A person added as
    pending gets the double opt-in e-mail, as the form would send.
    """
    ConsentRecord.objects.create(
        subscriber=subscriber,
        email=subscriber.email,
        source=ConsentRecord.Source.ADMIN,
        legal_basis=ConsentRecord.LegalBasis.LEGITIMATE_INTEREST,
        wording=ADMIN_WORDING.format(user=user.pk),
        wording_version=ADMIN_WORDING_VERSION,
    )
    if subscriber.status == Subscriber.Status.PENDING:
        send_confirmation(subscriber)


def too_many_attempts(ip_address: str) -> bool:
    """Counts this attempt; True once the address has made more than SUBSCRIBE_LIMIT."""
    key = f"newsletter:subscribe-attempts:{ip_address}"
    return cache_counters.increment(key, SUBSCRIBE_WINDOW) > SUBSCRIBE_LIMIT
