"""Applying the ESP's tracking events (anymail's `tracking` signal) to deliveries.

An event finds its Delivery by the ESP message id recorded at send time.
Rows only move on: sent → delivered → bounced or complained; a late
"delivered" never undoes a bounce. Each event is applied at most once: its id
(or, for ESPs that give none, one built from the message id, type and time)
is inserted into TrackingEvent first, in the same transaction as the change,
so a replayed webhook hits the unique constraint and changes nothing.
An unsubscribe at the ESP (its own link or suppression list, reported as
anymail's "unsubscribed") unsubscribes the person as the site's own link
does. A hard bounce, a complaint or a refusal of the address itself also
suppresses the person (a refusal for the sender's reasons only fails the
row): their status changes through newsletter.status (so no later dispatch
picks them, and the address is remembered after the row is gone) and their rows
still queued in running or scheduled dispatches are marked failed
("suppressed"). Events for messages the
site does not know are ignored and still answered 200: ESPs retry on errors.
See docs/tracking.md.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from anymail.signals import AnymailTrackingEvent, EventType, RejectReason
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import status
from .models import Delivery, Subscriber, TrackingEvent

logger = logging.getLogger(__name__)

State = Delivery.State

# A refusal by the ESP for the sender's reasons (DMARC failing, an unconfirmed
# sender signature, a blocked sending server): the message failed, but the
# subscriber did nothing and stays on the lists. Not one of anymail's types.
BLOCKED = "blocked"
# Refusals that are about the address itself, and so stop mail to the person.
RECIPIENT_REJECTIONS = {RejectReason.INVALID, RejectReason.BOUNCED, RejectReason.UNSUBSCRIBED}

# Where each kind of event may move a row from, and to.
MOVES = {
    EventType.DELIVERED: ((State.SENT,), State.DELIVERED),
    EventType.BOUNCED: ((State.SENT, State.DELIVERED), State.BOUNCED),
    EventType.REJECTED: ((State.SENT, State.DELIVERED), State.BOUNCED),
    EventType.COMPLAINED: ((State.SENT, State.DELIVERED), State.COMPLAINED),
    BLOCKED: ((State.SENT, State.DELIVERED), State.FAILED),
    # Opening or clicking proves delivery, even where delivery events are off.
    EventType.OPENED: ((State.SENT,), State.DELIVERED),
    EventType.CLICKED: ((State.SENT,), State.DELIVERED),
}
# Worth a note on the row, not a change of state: the ESP is still trying.
TEMPORARY = {EventType.DEFERRED, EventType.FAILED}
# The recipient left through the ESP (its unsubscribe link or suppression list):
# the message itself arrived, the person is unsubscribed as by our own link.
UNSUBSCRIBED = EventType.UNSUBSCRIBED
APPLIED = set(MOVES) | TEMPORARY | {UNSUBSCRIBED}

# A row that ends in one of these keeps what the ESP said, in last_error.
REFUSED = {State.BOUNCED, State.COMPLAINED, State.FAILED}
# The person's status after a final refusal; only people still on the lists change.
SUBSCRIBER_STATUS = {
    State.BOUNCED: Subscriber.Status.BOUNCED,
    State.COMPLAINED: Subscriber.Status.COMPLAINED,
}

# Anymail reports some temporary refusals as "bounced"; the raw event tells them apart
# (Postmark's Type, Brevo's event). A soft bounce is a deferral.
SOFT_BOUNCES = {("Type", "SoftBounce"), ("event", "soft_bounce")}

MAX_ID = 255  # TrackingEvent.event_id
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def apply_event(sender, event: AnymailTrackingEvent, esp_name: str, **kwargs) -> None:
    """Receiver of anymail's `tracking` signal: apply one event once, or ignore it."""
    event_type = event.event_type
    if event_type == EventType.BOUNCED and is_soft_bounce(event):
        event_type = EventType.DEFERRED
    if event_type == EventType.REJECTED and event.reject_reason not in RECIPIENT_REJECTIONS:
        event_type = BLOCKED
    if event_type not in APPLIED:
        return
    message_id = message_id_of(event)
    delivery = (
        Delivery.objects.filter(esp_message_id=message_id).only("pk", "subscriber_id").first()
        if message_id
        else None
    )
    if delivery is None:
        logger.info("%s %s event for a message this site did not send", esp_name, event_type)
        return
    with transaction.atomic():
        try:
            with transaction.atomic():
                TrackingEvent.objects.create(
                    esp=str(esp_name)[:30],
                    event_id=event_key(event, message_id),
                    event_type=event_type[:20],
                    delivery=delivery,
                )
        except IntegrityError:
            logger.info("%s event for delivery %s already applied", event_type, delivery.pk)
            return
        change_delivery(delivery, event_type, event)
    logger.info("%s event applied to delivery %s", event_type, delivery.pk)


def change_delivery(delivery: Delivery, event_type: str, event: AnymailTrackingEvent) -> None:
    """Move the row on (never back), note timestamps and errors, suppress on refusal."""
    rows = Delivery.objects.filter(pk=delivery.pk)
    if event_type == UNSUBSCRIBED:
        subscriber = Subscriber.objects.filter(pk=delivery.subscriber_id).first()
        if subscriber is not None:
            status.unsubscribe(subscriber, source=status.Source.ESP)
        return
    if event_type in TEMPORARY:
        rows.filter(state=State.SENT).update(last_error=reason(event, event_type))
        return
    sources, target = MOVES[event_type]
    changes = {"state": target}
    if target in REFUSED:
        changes["last_error"] = reason(event, event_type)
    moved = rows.filter(state__in=sources).update(**changes)
    when = event_time(event)
    if event_type in (EventType.OPENED, EventType.CLICKED):
        # The earliest open counts; a click means the message was opened too.
        rows.filter(Q(opened_at__isnull=True) | Q(opened_at__gt=when)).update(opened_at=when)
    if event_type == EventType.CLICKED:
        rows.filter(Q(clicked_at__isnull=True) | Q(clicked_at__gt=when)).update(clicked_at=when)
    if moved and target in SUBSCRIBER_STATUS and delivery.subscriber_id:
        suppress(delivery.subscriber_id, SUBSCRIBER_STATUS[target])


def suppress(subscriber_id: int, subscriber_status: str) -> None:
    """No more mail to this person: not in later dispatches, nor in those under way."""
    status.suppress(subscriber_id, subscriber_status, source=status.Source.ESP)


def is_soft_bounce(event: AnymailTrackingEvent) -> bool:
    raw = event.esp_event
    if not isinstance(raw, dict):
        return False
    return any(raw.get(field) == value for field, value in SOFT_BOUNCES)


def message_id_of(event: AnymailTrackingEvent) -> str:
    """The ESP message id as recorded at send time; empty if the event has none usable."""
    value = event.message_id
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    value = str(value).strip()
    # PostgreSQL refuses NUL even in a query; no real id is that long or has one.
    return value if len(value) <= MAX_ID and "\x00" not in value else ""


def event_key(event: AnymailTrackingEvent, message_id: str) -> str:
    """The event's own id, or a stable one built from what identifies it.

    A retried webhook carries the same message, type and time, so it gets the
    same key; an id too long for the column (or with a NUL) is hashed rather than cut.
    """
    if event.event_id not in (None, ""):
        key = str(event.event_id)
        if len(key) <= MAX_ID and "\x00" not in key:
            return key
        return "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    timestamp = (
        event.timestamp.isoformat() if isinstance(event.timestamp, datetime.datetime) else ""
    )
    parts = "\x00".join((message_id, str(event.event_type), timestamp))
    return "derived:" + hashlib.sha256(parts.encode()).hexdigest()


def event_time(event: AnymailTrackingEvent) -> datetime.datetime:
    """The event's time if it is believable, else the time it arrived."""
    now = timezone.now()
    value = event.timestamp
    if not isinstance(value, datetime.datetime):
        return now
    try:
        if timezone.is_naive(value):
            value = value.replace(tzinfo=datetime.UTC)
        value = value.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        return now
    if not EARLIEST <= value <= now + datetime.timedelta(days=1):
        return now
    return value


def reason(event: AnymailTrackingEvent, event_type: str) -> str:
    """What the ESP said about a refusal or delay, for the row's last error."""
    said = event.mta_response or event.description or event.reject_reason or ""
    return f"{event_type}: {said}".replace("\x00", "")[:1000]
