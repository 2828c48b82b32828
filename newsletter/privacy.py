"""GDPR: one person's data exported (Art. 15 and 20) or erased (Art. 17).

Erasing a subscriber removes the person, not the history the project must
keep: consent records are anonymised (the address becomes its keyed hash,
the IP address goes) so the project can still show that consent was given
and in which words; deliveries stay, without the person, so a dispatch's
counts do not change. See docs/privacy.md.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.models import ModelLogEntry

from core import personal_data

from .models import ConsentRecord, Delivery, Subscriber

# Pending people who have not confirmed within this time are erased.
UNCONFIRMED_RETENTION = datetime.timedelta(days=30)
ERASED = "erased"
DIGEST_SALT = "newsletter.privacy.keyed_digest"
# Where a mail server's answer or an ESP may have quoted the address.
DELIVERY_TEXT_FIELDS = [
    field.name
    for field in Delivery._meta.concrete_fields
    if isinstance(field, models.CharField | models.TextField)
]


def keyed_digest(value: str, secret: str | None = None) -> str:
    """A keyed hash (HMAC-SHA256) of `value`, for keeping "this address" without the address.

    The key is derived from SECRET_KEY (or `secret`), so unlike a plain hash
    nobody can test guessed addresses against it without the server's secret.
    Used for the suppression list and erased consent records; pass canonical
    addresses (normalise_email).
    """
    digest = salted_hmac(DIGEST_SALT, value, secret=secret, algorithm="sha256").hexdigest()
    return f"hmac-sha256:{digest}"


def keyed_digests(value: str) -> list[str]:
    """`value`'s digest under SECRET_KEY and each of SECRET_KEY_FALLBACKS, for look-ups.

    Rotating SECRET_KEY must not forget who opted out: keep the old key in
    SECRET_KEY_FALLBACKS (docs/privacy.md).
    """
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [keyed_digest(value, secret) for secret in secrets]


def email_digest(email: str) -> str:
    """What an erased address becomes in the consent records."""
    return keyed_digest(email)


def history_of(subscriber: Subscriber):
    """The admin's history entries about one subscriber (Wagtail's log)."""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=str(subscriber.pk),
    )


def without_address(text: str, email: str) -> str:
    """`text` with every spelling of the address cut out: servers change its case."""
    return re.sub(re.escape(email), f"[{ERASED}]", text, flags=re.IGNORECASE)


def _when(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_person(subscriber: Subscriber) -> dict[str, Any]:
    """Everything the site holds about one subscriber, as JSON-ready data."""
    organisation = subscriber.organisation
    deliveries = subscriber.deliveries.select_related("dispatch__issue").order_by("pk")
    return {
        "subscriber": {
            "email": subscriber.email,
            "name": subscriber.name,
            "language": subscriber.language,
            "status": subscriber.status,
            "created_at": _when(subscriber.created_at),
            "confirmed_at": _when(subscriber.confirmed_at),
            "unsubscribed_at": _when(subscriber.unsubscribed_at),
        },
        "organisation": (
            {"name": organisation.name, "municipality": organisation.municipality}
            if organisation
            else None
        ),
        "lists": [
            {"name": mailing_list.name, "slug": mailing_list.slug}
            for mailing_list in subscriber.lists.order_by("name")
        ],
        "consent_records": [
            {
                "created_at": _when(record.created_at),
                "email": record.email,
                "source": record.source,
                "legal_basis": record.legal_basis,
                "wording": record.wording,
                "wording_version": record.wording_version,
                "ip_address": record.ip_address,
            }
            for record in subscriber.consents.order_by("created_at")
        ],
        "deliveries": [
            {
                "dispatch": delivery.dispatch_id,
                "issue": delivery.dispatch.issue.title,
                "dispatch_state": delivery.dispatch.state,
                "language": delivery.language,
                "state": delivery.state,
                "attempts": delivery.attempts,
                "sent_at": _when(delivery.sent_at),
                "opened_at": _when(delivery.opened_at),
                "clicked_at": _when(delivery.clicked_at),
                "last_error": delivery.last_error,
            }
            for delivery in deliveries
        ],
        # What staff did about the person; staff by number, as in consent records.
        "admin_history": [
            {
                "timestamp": _when(entry.timestamp),
                "action": entry.action,
                "message": str(entry.message),
                "by": f"staff member #{entry.user_id}" if entry.user_id else None,
            }
            for entry in history_of(subscriber).order_by("timestamp", "pk")
        ],
        # The same address's records in other apps (event registrations …).
        **personal_data.export(subscriber.email),
    }


def erase(subscriber: Subscriber, everywhere: bool = True) -> None:
    """Remove the person; keep anonymised consent records and person-less deliveries.

    `everywhere`: also the address's records in other apps (core.personal_data),
    as a person's request asks; the purge of unconfirmed sign-ups erases only
    the subscriber.
    """
    email = subscriber.email
    with transaction.atomic():
        # First, so that no dispatch waits on a recipient who is no longer there.
        # A row "sending" may be in a live worker's hands: if it was handed over,
        # that worker marks it sent afterwards, which is the truth; if the worker
        # died, the row is not requeued to a recipient who is gone.
        subscriber.deliveries.filter(
            state__in=[Delivery.State.QUEUED, Delivery.State.SENDING]
        ).update(state=Delivery.State.FAILED, last_error=ERASED, claimed_by="")
        # Mail servers quote the address in their refusals, in any case
        # (<Anna@EXAMPLE.org>); in Python, because SQL's REPLACE and SQLite's
        # LIKE only ignore the case of ASCII letters.
        for delivery in subscriber.deliveries.all():
            texts = {name: getattr(delivery, name) for name in DELIVERY_TEXT_FIELDS}
            changed = {
                name: without_address(value, email)
                for name, value in texts.items()
                if without_address(value, email) != value
            }
            if changed:
                Delivery.objects.filter(pk=delivery.pk).update(**changed)
        # ConsentRecord.save() refuses to change a saved record (it is
        # append-only proof); anonymising on erasure is the one change the
        # GDPR requires, so it is done with a queryset update, here only.
        ConsentRecord.objects.filter(Q(subscriber=subscriber) | Q(email=email)).update(
            email=email_digest(email), ip_address=None, subscriber=None
        )
        # The admin's history names objects by their str(), the address.
        history_of(subscriber).update(
            label=f"{Subscriber._meta.verbose_name} #{subscriber.pk} ({ERASED})", data={}
        )
        subscriber.delete()
        if everywhere:
            personal_data.erase(email)


def purge_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Erase pending subscribers who asked more than 30 days ago and never confirmed.

    "Asked" is the latest consent record, not the first subscription: someone
    who left long ago and subscribes again gets the full time to confirm.
    """
    cutoff = (now or timezone.now()) - UNCONFIRMED_RETENTION
    asked_recently = ConsentRecord.objects.filter(subscriber=OuterRef("pk"), created_at__gte=cutoff)
    stale = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, created_at__lt=cutoff
    ).exclude(Exists(asked_recently))
    erased = 0
    for subscriber in stale.iterator():
        erase(subscriber, everywhere=False)
        erased += 1
    return erased
