"""A subscriber's personal links (confirm, preferences, unsubscribe): made and checked here only.

A link is `<subscriber id>:<signature>` (with a timestamp before the signature
when it expires), signed with a key made of SECRET_KEY and the subscriber's own
`link_secret`. Giving the person a new secret (`rotate`: the admin's "New
links" action) makes every link they were ever sent stop working at once;
erasing the person does too. Each kind of link has its own salt, so one kind
never opens another. Why the unsubscribe link never expires and the others
do: docs/privacy.md.
"""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.core import signing

from .models import Subscriber, new_link_secret

CONFIRM = "newsletter.confirm"
PREFERENCES = "newsletter.preferences"
UNSUBSCRIBE = "newsletter.unsubscribe"
# None: the link works until the secret is rotated (RFC 8058's one-click POST
# from any e-mail ever sent, and the law: an opt-out must always be possible).
MAX_AGE: dict[str, datetime.timedelta | None] = {
    CONFIRM: datetime.timedelta(days=7),  # as the confirmation e-mail says
    PREFERENCES: datetime.timedelta(days=90),  # every issue carries a fresh one
    UNSUBSCRIBE: None,
}
# The admin history's action for "New personal links" (registered in wagtail_hooks).
NEW_LINKS_ACTION = "newsletter.new_links"
# More digits than any id: refused before the database is asked (SQLite
# raises OverflowError, a 500, on a number too big for it).
LONGEST_ID = 18


class MillisecondSigner(signing.TimestampSigner):
    """Django's TimestampSigner to the millisecond: newsletter.status compares a
    confirmation link's time with an unsubscribe's, which may be a second apart."""

    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time() * 1000))

    def unsign(self, value: str, max_age: datetime.timedelta | None = None) -> str:
        value, stamp = signing.Signer.unsign(self, value).rsplit(self.sep, 1)
        age = time.time() - signing.b62_decode(stamp) / 1000
        if max_age is not None and age > max_age.total_seconds():
            raise signing.SignatureExpired(f"Signature age {age} > {max_age} seconds")
        return value


def _signer(subscriber: Subscriber, kind: str) -> signing.Signer:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    signer_class = signing.Signer if MAX_AGE[kind] is None else MillisecondSigner
    return signer_class(
        key=f"{keys[0]}:{subscriber.link_secret}",
        fallback_keys=[f"{key}:{subscriber.link_secret}" for key in keys[1:]],
        salt=kind,
    )


def make(subscriber: Subscriber, kind: str) -> str:
    """The token of a link of `kind` (CONFIRM, PREFERENCES, UNSUBSCRIBE) for this person."""
    return _signer(subscriber, kind).sign(str(subscriber.pk))


def read(token: str, kind: str) -> Subscriber | None:
    """Whose link this is, or None: forged, cut, of another kind, expired, rotated or erased."""
    subscriber_id = token.split(":", 1)[0]
    if not subscriber_id.isdigit() or len(subscriber_id) > LONGEST_ID:
        return None
    subscriber = Subscriber.objects.filter(pk=int(subscriber_id)).first()
    if subscriber is None:
        return None
    signer = _signer(subscriber, kind)
    max_age = MAX_AGE[kind]
    try:
        if max_age is None:
            signer.unsign(token)
        else:
            signer.unsign(token, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return subscriber


def made_at(token: str) -> datetime.datetime:
    """When an expiring link (read() accepted it) was made: the signed timestamp in it."""
    milliseconds = signing.b62_decode(token.rsplit(":", 2)[1])
    return datetime.datetime.fromtimestamp(milliseconds / 1000, tz=datetime.UTC)


def rotate(subscriber: Subscriber) -> None:
    """Every link this person was sent stops working; the next e-mails carry new ones."""
    subscriber.link_secret = new_link_secret()
    Subscriber.objects.filter(pk=subscriber.pk).update(link_secret=subscriber.link_secret)
