"""The one owner of a subscriber's status: nothing else writes Subscriber.status.

Every change goes through a function here, which writes the status, its
timestamp and its record: a consent record (ConsentRecord) when someone
agrees, a suppression entry (Suppression, a keyed hash that outlives the
subscriber row) when they opt out, bounce or complain, and an entry in the
admin history (action "newsletter.status": from, to, source, who, why) for
every change. Each change is a conditional UPDATE on the row ("only from
these states"), so a stale copy of a subscriber, in a worker or an admin
form, can never undo a newer opt-out.

Statuses from weakest to strictest: pending < confirmed < unsubscribed <
bounced < complained. Moves to a stricter status are always allowed; the
only way back from "unsubscribed" is the person's own confirmation link,
asked for after they left; nothing brings back a bounce or a complaint.
Who gets issues is `Subscriber.objects.active()`. See docs/subscribers.md;
tests/newsletter/test_status.py checks that no other module writes status.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .models import ConsentRecord, Delivery, MailingList, Organisation, Subscriber, Suppression
from .models import normalise_email as canonical
from .privacy import keyed_digest, keyed_digests

Status = Subscriber.Status
STRICTNESS = [
    Status.PENDING,
    Status.CONFIRMED,
    Status.UNSUBSCRIBED,
    Status.BOUNCED,
    Status.COMPLAINED,
]
CHANGED = "newsletter.status"  # the admin history's action for a change of status


class Source(models.TextChoices):
    """Where a change of status came from, as the history records it."""

    FORM = "form", _("Subscribe form")
    LINK = "link", _("The person's own link")
    IMPORT = "import", _("Import")
    ADMIN = "admin", _("Admin")
    ESP = "esp", _("E-mail service")


@dataclass(frozen=True)
class Consent:
    """What a consent record says, apart from who and when."""

    source: str
    legal_basis: str
    wording: str
    wording_version: str
    ip_address: str | None = None


def stricter(status: str, than: str) -> bool:
    return STRICTNESS.index(status) > STRICTNESS.index(than)


def suppression_of(email: str) -> str | None:
    """Why an address gets nothing (unsubscribed, bounced, complained), or None."""
    entry = Suppression.objects.filter(digest__in=keyed_digests(canonical(email))).first()
    return entry.reason if entry else None


def is_suppressed(email: str) -> bool:
    return suppression_of(email) is not None


def add(
    email: str,
    *,
    consent: Consent,
    language: str = "lv",
    name: str = "",
    organisation: Organisation | None = None,
    lists: list[MailingList] | None = None,
    confirmed: bool = False,
    user=None,
) -> Subscriber:
    """A new subscriber, pending (or confirmed, for an import of people who agreed).

    Raises IntegrityError when the address is already a subscriber. The
    caller checks the suppression list first: adding is not the place to
    decide whether an address that opted out may be asked again.
    """
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.create(
            email=canonical(email),
            language=language,
            name=name,
            organisation=organisation,
            status=Status.CONFIRMED if confirmed else Status.PENDING,
            confirmed_at=now if confirmed else None,
        )
        subscriber.lists.set(lists or [MailingList.default()])
        record_consent(subscriber, consent)
        record_change(subscriber, "", subscriber.status, consent.source, user=user)
    return subscriber


def confirm(
    subscriber: Subscriber, *, asked_at: datetime.datetime | None, consent: Consent
) -> bool:
    """The person clicked their confirmation link: pending, or back after leaving.

    `asked_at` is when the link was made. Someone who unsubscribed comes back
    only through a link asked for after they left (a link from before never
    undoes an opt-out), and their return is a new consent, recorded. A bounce
    or a complaint is never undone. True when the status changed.
    """
    email = canonical(subscriber.email)
    if suppression_of(email) in (Status.BOUNCED, Status.COMPLAINED):
        return False
    now = timezone.now()
    with transaction.atomic():
        if subscriber.status == Status.UNSUBSCRIBED:
            left = subscriber.unsubscribed_at
            if asked_at is None or (left is not None and asked_at <= left):
                return False
            moved = change(subscriber, [Status.UNSUBSCRIBED], Status.CONFIRMED, confirmed_at=now)
            if moved:
                record_consent(subscriber, consent)
                if not subscriber.lists.exists():
                    subscriber.lists.add(MailingList.default())
        else:
            moved = change(subscriber, [Status.PENDING], Status.CONFIRMED, confirmed_at=now)
        if moved:
            record_change(subscriber, moved, Status.CONFIRMED, Source.LINK)
            # Their own link is their own word: an earlier "unsubscribed" no longer holds.
            Suppression.objects.filter(
                digest__in=keyed_digests(email), reason=Status.UNSUBSCRIBED
            ).delete()
    return bool(moved)


def unsubscribe(subscriber: Subscriber, *, source: str, user=None, reason: str = "") -> bool:
    """From everything, at once; again changes nothing. True when the status changed."""
    with transaction.atomic():
        moved = change(
            subscriber, Subscriber.ON_LISTS, Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
        if moved:
            remember_opt_out(subscriber.email, Status.UNSUBSCRIBED)
            stop_queued_mail(subscriber.pk)
            record_change(subscriber, moved, Status.UNSUBSCRIBED, source, user=user, reason=reason)
    return bool(moved)


def suppress(
    subscriber_id: int, status: str, *, source: str = Source.ESP, reason: str = ""
) -> bool:
    """A hard bounce or a complaint: no more mail, and the address is remembered.

    Only ever stricter: a complaint after a bounce counts, a bounce after a
    complaint changes nothing. True when the status changed.
    """
    weaker = STRICTNESS[: STRICTNESS.index(status)]
    with transaction.atomic():
        subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
        if subscriber is None:
            return False
        moved = change(subscriber, weaker, status)
        remember_opt_out(subscriber.email, status)
        stop_queued_mail(subscriber.pk)
        if moved:
            record_change(subscriber, moved, status, source, reason=reason)
    return bool(moved)


def address_changed(subscriber: Subscriber, *, consent: Consent, user) -> None:
    """Staff changed the address: the new mailbox's owner has not agreed to anything yet.

    The subscriber becomes pending, with a consent record for the new
    address; the caller sends the confirmation. A suppressed person stays
    suppressed (their old address stays on the suppression list, too).
    """
    with transaction.atomic():
        moved = change(subscriber, [Status.CONFIRMED], Status.PENDING, confirmed_at=None)
        if moved:
            record_change(subscriber, moved, Status.PENDING, consent.source, user=user)
        if subscriber.status == Status.PENDING:
            record_consent(subscriber, consent)


def change(subscriber: Subscriber, sources, target: str, **timestamps) -> str:
    """Move the row to `target` if it is in one of `sources`; return the old status or "".

    A conditional UPDATE: the database decides, not the caller's copy. The
    copy is brought up to date either way.
    """
    rows = Subscriber.objects.filter(pk=subscriber.pk)
    current = rows.values_list("status", flat=True).first()
    moved = (
        current in sources and rows.filter(status=current).update(status=target, **timestamps) == 1
    )
    fresh = rows.values("status", "confirmed_at", "unsubscribed_at").first() or {}
    for field, value in fresh.items():
        setattr(subscriber, field, value)
    return current if moved else ""


def stop_queued_mail(subscriber_id: int) -> None:
    """Rows still waiting in dispatches under way or scheduled are not sent ("suppressed")."""
    Delivery.objects.filter(subscriber_id=subscriber_id, state=Delivery.State.QUEUED).update(
        state=Delivery.State.FAILED, last_error="suppressed"
    )


def remember_opt_out(email: str, reason: str) -> None:
    """The keyed hash of the address, with the strictest reason it has had."""
    digest = keyed_digest(canonical(email))
    entry, created = Suppression.objects.get_or_create(digest=digest, defaults={"reason": reason})
    if not created and stricter(reason, entry.reason):
        Suppression.objects.filter(pk=entry.pk).update(reason=reason, updated_at=timezone.now())


def record_consent(subscriber: Subscriber, consent: Consent) -> ConsentRecord:
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        email=subscriber.email,
        source=consent.source,
        legal_basis=consent.legal_basis,
        wording=consent.wording,
        wording_version=consent.wording_version,
        ip_address=consent.ip_address,
    )


def record_change(
    subscriber: Subscriber, old: str, new: str, source: str, *, user=None, reason: str = ""
) -> None:
    """The admin history's line for a change: who (a staff member, or nobody), how, why."""
    log(
        instance=subscriber,
        action=CHANGED,
        user=user,
        data={"from": old, "to": new, "source": str(source), "reason": reason},
    )


def add_or_existing(email: str, **kwargs) -> tuple[Subscriber, bool]:
    """add(), or the subscriber already there (two submissions at once): (subscriber, created)."""
    try:
        return add(email, **kwargs), True
    except IntegrityError:
        return Subscriber.objects.get(email=canonical(email)), False
