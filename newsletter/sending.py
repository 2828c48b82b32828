"""Sending a dispatch: freeze, claim, send, record; resumable after any crash.

The database, not the broker, says what is left to send. Every recipient has
a Delivery row. A worker claims a batch of queued rows with a conditional
UPDATE (atomic on SQLite too, where select_for_update is silently ignored),
hands each message to the mail server over one connection, and marks the row
sent the moment the server accepts it, renewing its claim as it goes. A worker
that dies leaves its claimed rows in "sending"; after CLAIM_TIMEOUT they are
queued again, and a worker that was only slow skips the rows it lost. So a
recipient can be mailed twice only if their message was in flight at the
moment of the kill (or of the takeover). See docs/sending.md.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import math
import smtplib
import time
import uuid
from collections.abc import Collection
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import sending_mime, subscriptions
from .models import (
    Delivery,
    Dispatch,
    IssueSentToList,
    MailingList,
    NewsletterIssuePage,
    Subscriber,
)
from .rendering import anonymous, personalise, render_issue

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
MAX_ATTEMPTS = 5
# Claims older than this belong to a dead worker. A healthy batch takes far less.
CLAIM_TIMEOUT = datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
# Temporary failures wait 30 s, 60 s, 120 s... before the next attempt.
RETRY_BASE = datetime.timedelta(seconds=30)


class SendRefused(Exception):
    """The dispatch cannot be made; the message says why."""


def already_sent_refusal(names: list[str]) -> SendRefused:
    return SendRefused(
        _("This issue has already been sent to: %(lists)s. Each list gets an issue once.")
        % {"lists": ", ".join(names)}
    )


def reading_language(language: str, published: Collection[str]) -> str:
    """The language a subscriber reads an issue in: theirs when the issue has a
    published version in it, else Latvian, which every sent issue has."""
    return language if language in published else "lv"


def issue_version(issue: NewsletterIssuePage, language: str) -> NewsletterIssuePage:
    """The live version of an issue a reader of `language` gets (see reading_language)."""
    versions = issue.versions()
    return versions.get(reading_language(language, versions)) or issue


def create_dispatch(
    issue: NewsletterIssuePage,
    lists: list[MailingList],
    scheduled_for: datetime.datetime | None = None,
) -> Dispatch:
    """Freeze the issue per language and the recipients; refuse a second send to a list.

    The check before rendering spares the work in the usual case; what holds
    under concurrency is the IssueSentToList row each list gets in the same
    transaction as the dispatch: of two sends started at once, the second one's
    insert fails on the unique pair (on PostgreSQL after waiting for the
    first to commit) and everything it wrote is rolled back.
    """
    sent_to = IssueSentToList.objects.list_names(issue, lists)
    if sent_to:
        raise already_sent_refusal(sent_to)
    versions = issue.versions()
    if "lv" not in versions:
        raise SendRefused(_("The issue has no published Latvian version."))
    frozen = {language: render_issue(page).as_dict() for language, page in versions.items()}
    latvian = versions["lv"]
    try:
        with transaction.atomic():
            dispatch = Dispatch.objects.create(
                issue=latvian,
                revision=latvian.live_revision,
                frozen=frozen,
                state=Dispatch.State.SCHEDULED if scheduled_for else Dispatch.State.SENDING,
                scheduled_for=scheduled_for,
                started_at=None if scheduled_for else timezone.now(),
            )
            IssueSentToList.objects.bulk_create(
                IssueSentToList(issue=latvian, mailing_list=mailing_list, dispatch=dispatch)
                for mailing_list in lists
            )
            dispatch.lists.set(lists)
            add_recipients(dispatch, lists)
    except IntegrityError as error:
        raise already_sent_refusal(IssueSentToList.objects.list_names(issue, lists)) from error
    return dispatch


def add_recipients(dispatch: Dispatch, lists: list[MailingList]) -> None:
    """A queued delivery row for every confirmed person on the lists, in their language."""
    # In slices: bulk_create makes a list of everything it is given, and a
    # list of tens of thousands of rows should not sit in memory at once.
    rows = (
        Subscriber.objects.recipients_of(lists)
        .values_list("pk", "language")
        .iterator(chunk_size=2000)
    )
    while chunk := list(itertools.islice(rows, 2000)):
        Delivery.objects.bulk_create(
            [
                Delivery(
                    dispatch=dispatch,
                    subscriber_id=subscriber_id,
                    language=reading_language(language, dispatch.frozen),
                )
                for subscriber_id, language in chunk
            ],
            batch_size=500,
        )


def claim_batch(dispatch: Dispatch, worker: str, size: int = BATCH_SIZE) -> list[Delivery]:
    """Atomically take up to `size` queued rows that are due; no two workers get the same."""
    now = timezone.now()
    candidate_ids = list(dispatch.deliveries.due(now).values_list("pk", flat=True)[:size])
    if not candidate_ids:
        return []
    claimed = Delivery.objects.filter(pk__in=candidate_ids, state=Delivery.State.QUEUED).update(
        state=Delivery.State.SENDING, claimed_by=worker, claimed_at=now
    )
    if not claimed:
        return []
    return list(
        Delivery.objects.filter(
            pk__in=candidate_ids, state=Delivery.State.SENDING, claimed_by=worker, claimed_at=now
        ).select_related("subscriber")
    )


def renew_claim(deliveries: list[Delivery], worker: str) -> set[int]:
    """Refresh ``worker``'s claim on rows it has yet to send; the ids still its own.

    A worker held up past CLAIM_TIMEOUT (a stalled mail server, a locked
    database) is alive, but its claims look dead: beat queues its rows again
    and another worker sends them. Renewing keeps them while it works, and
    what it lost meanwhile it leaves alone.
    """
    ids = [delivery.pk for delivery in deliveries]
    own = Delivery.objects.filter(pk__in=ids, state=Delivery.State.SENDING, claimed_by=worker)
    own.update(claimed_at=timezone.now())
    return set(own.values_list("pk", flat=True))


def list_id(dispatch: Dispatch) -> str:
    """The List-Id header: the first list's slug on the site's domain."""
    first = dispatch.lists.order_by("pk").first()
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{first.slug if first else 'e-bulletin'}.{domain}>"


def message_id(dispatch: Dispatch, delivery: Delivery) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return make_msgid(idstring=f"d{dispatch.pk}.{delivery.pk}", domain=domain)


def build_message(
    dispatch: Dispatch,
    delivery: Delivery,
    list_header: str,
    connection=None,
    values: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The recipient's e-mail: the frozen language version with their own links."""
    frozen = dispatch.frozen[delivery.language]
    subscriber = delivery.subscriber
    values = values or {**subscriptions.personal_links(subscriber), "name": subscriber.name}
    unsubscribe_url = values["unsubscribe_url"]
    message = EmailMultiAlternatives(
        subject=frozen["subject"],
        body=personalise(frozen["text"], **values, html=False),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            **constant_headers(list_header),
            "Message-ID": message_id(dispatch, delivery),
        },
    )
    message.attach_alternative(personalise(frozen["html"], **values, html=True), "text/html")
    return message


def constant_headers(list_header: str) -> dict[str, str]:
    """The headers every recipient's message of a dispatch has alike."""
    return {"List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "List-Id": list_header}


# Each language version of a dispatch encoded once per worker process
# (newsletter/sending_mime.py); a dispatch's frozen issue never changes.
_encoded: dict[tuple, sending_mime.EncodedIssue | None] = {}


def encoded_issue(dispatch: Dispatch, language: str, list_header: str):
    key = (dispatch.pk, language, list_header, settings.NEWSLETTER_FROM_EMAIL)
    if key not in _encoded:
        if len(_encoded) >= 16:
            _encoded.clear()
        _encoded[key] = sending_mime.encode_issue(
            dispatch.frozen[language],
            constant_headers(list_header),
            settings.NEWSLETTER_FROM_EMAIL,
        )
    return _encoded[key]


def hand_over(dispatch: Dispatch, delivery: Delivery, list_header: str, connection) -> str:
    """Give the recipient's message to the mail server; returns the id to record.

    Over Django's SMTP backend the message is the language's encoded bytes
    with the recipient's parts put in (sending_mime); otherwise, or when
    those bytes cannot be made, Django builds the message.
    """
    subscriber = delivery.subscriber
    values = {**subscriptions.personal_links(subscriber), "name": subscriber.name}
    if type(connection) is SMTPBackend:
        encoded = encoded_issue(dispatch, delivery.language, list_header)
        identifier = message_id(dispatch, delivery)
        raw = encoded and encoded.for_recipient(
            email=subscriber.email, message_id=identifier, values=values
        )
        if raw:
            recipient = sending_mime.envelope_address(subscriber.email)
            connection.connection.sendmail(encoded.from_email, [recipient], raw)
            return identifier
    message = build_message(dispatch, delivery, list_header, connection, values)
    message.send()
    status = getattr(message, "anymail_status", None)
    return (status and status.message_id) or message.extra_headers["Message-ID"]


def is_permanent(error: Exception) -> bool:
    """5xx answers are final; 4xx answers and broken connections are worth a retry."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def send_batch(dispatch: Dispatch, worker: str, size: int = BATCH_SIZE) -> int:
    """Claim and send one batch over one connection; returns how many were handed over."""
    batch = claim_batch(dispatch, worker, size)
    if not batch:
        return 0
    handed_over = 0
    list_header = list_id(dispatch)
    connection = get_connection()
    allowance = send_allowance(dispatch)
    # A tenth of the timeout: a claim is renewed long before beat could take it.
    renew_every = CLAIM_TIMEOUT.total_seconds() / 10
    renewed_at, own = time.monotonic(), {delivery.pk for delivery in batch}
    try:
        connection.open()
        for position, delivery in enumerate(batch):
            if delivery.subscriber is None:
                # Erased (newsletter.privacy) while this row waited for a retry.
                Delivery.objects.filter(pk=delivery.pk).update(
                    state=Delivery.State.FAILED, last_error="erased"
                )
                continue
            if allowance is not None:
                if allowance == 0:
                    allowance = send_allowance(dispatch)
                allowance -= 1
            # After the wait for the rate, just before the hand-over: a row lost
            # meanwhile costs one unit of the allowance, not a second message.
            if time.monotonic() - renewed_at >= renew_every:
                renewed_at, own = time.monotonic(), renew_claim(batch[position:], worker)
            if delivery.pk not in own:
                continue  # queued again while this worker was held up: another sends it
            try:
                sent_as = hand_over(dispatch, delivery, list_header, connection)
            except Exception as error:  # noqa: BLE001 – every failure is recorded on its row
                record_failure(delivery, error)
                if not is_permanent(error):
                    # The connection may be broken: start a fresh one for the rest.
                    connection.close()
                    connection.open()
                continue
            Delivery.objects.filter(pk=delivery.pk).update(
                state=Delivery.State.SENT,
                sent_at=timezone.now(),
                attempts=delivery.attempts + 1,
                esp_message_id=sent_as,
            )
            handed_over += 1
    finally:
        connection.close()
    return handed_over


def record_failure(delivery: Delivery, error: Exception) -> None:
    attempts = delivery.attempts + 1
    if is_permanent(error) or attempts >= MAX_ATTEMPTS:
        state, due = Delivery.State.FAILED, None
    else:
        state, due = Delivery.State.QUEUED, timezone.now() + RETRY_BASE * 2 ** (attempts - 1)
    # No personal data in logs: the row id, not the address.
    logger.warning("delivery %s attempt %s failed: %s", delivery.pk, attempts, type(error).__name__)
    Delivery.objects.filter(pk=delivery.pk).update(
        state=state, attempts=attempts, last_error=str(error)[:1000], claimed_at=due, claimed_by=""
    )


def send_allowance(dispatch: Dispatch) -> int | None:
    """How many messages may go now under NEWSLETTER_RATE_PER_SECOND; None: no limit.

    Counted in the database (rows handed over in the last second), so the rate
    holds whatever the number of workers and machines; waits until there is
    room. A worker takes a portion of a tenth of the rate at a time, so that
    one COUNT serves several messages and several workers still share. When
    less than a portion is free it waits until enough sends have left the
    window for a whole one: waiting only for the oldest would free a message
    or two on a machine whose sends come in bursts, and the worker would ask
    again after each message.
    """
    rate = settings.NEWSLETTER_RATE_PER_SECOND
    if not rate:
        return None
    second = datetime.timedelta(seconds=1)
    portion = math.ceil(rate / 10)
    while True:
        now = timezone.now()
        window = dispatch.deliveries.filter(sent_at__gte=now - second)
        recent = window.count()
        free = rate - recent
        if recent == 0 or free >= portion:
            return max(1, min(int(free), portion))
        # The sends that must leave for a portion to be free; the last of them
        # leaves the window one second after it was made.
        leaving = min(recent, math.ceil(recent - rate + portion))
        last_to_leave = window.order_by("sent_at").values_list("sent_at", flat=True)[leaving - 1]
        time.sleep(max(0.01, (last_to_leave + second - now).total_seconds()))


def requeue_stale_claims(now: datetime.datetime | None = None) -> int:
    """Rows claimed by a worker that died go back to the queue."""
    cutoff = (now or timezone.now()) - CLAIM_TIMEOUT
    return Delivery.objects.filter(state=Delivery.State.SENDING, claimed_at__lt=cutoff).update(
        state=Delivery.State.QUEUED, claimed_by="", claimed_at=None
    )


def finish_if_done(dispatch: Dispatch) -> bool:
    """A dispatch is finished when no row is queued or being sent."""
    if dispatch.deliveries.unfinished().exists():
        return False
    Dispatch.objects.filter(pk=dispatch.pk, state=Dispatch.State.SENDING).update(
        state=Dispatch.State.FINISHED, finished_at=timezone.now()
    )
    return True


def send_all(dispatch: Dispatch, worker: str | None = None) -> None:
    """Work on a dispatch until nothing is left that this worker can claim now."""
    worker = worker or f"worker-{uuid.uuid4().hex[:12]}"
    while True:
        dispatch.refresh_from_db(fields=["state"])
        if dispatch.state != Dispatch.State.SENDING:
            return
        if not send_batch(dispatch, worker) and not claimable(dispatch):
            finish_if_done(dispatch)
            return


def is_being_sent(dispatch: Dispatch) -> bool:
    """Some live worker holds a claim (stale claims are requeued before this is asked)."""
    return dispatch.deliveries.being_sent().exists()


def claimable(dispatch: Dispatch) -> bool:
    """Some row of the dispatch is queued and due now."""
    return dispatch.deliveries.due().exists()


def cancel(dispatch: Dispatch) -> None:
    """Stop a dispatch: rows not yet handed over are marked failed ("cancelled").

    Its lists are free again: the issue may be sent to them anew.
    """
    with transaction.atomic():
        Dispatch.objects.filter(pk=dispatch.pk).update(state=Dispatch.State.CANCELLED)
        dispatch.sent_to.all().delete()
        dispatch.deliveries.filter(state=Delivery.State.QUEUED).update(
            state=Delivery.State.FAILED, last_error="cancelled"
        )


def send_test(page: NewsletterIssuePage, email: str) -> None:
    """One copy of this language version to an editor; always allowed, never recorded."""
    rendered = render_issue(page)
    message = EmailMultiAlternatives(
        # Marked in the sender's language: the test copy is for staff.
        subject=_("[TEST] %(subject)s") % {"subject": rendered.subject},
        body=anonymous(rendered.text, html=False),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[email],
    )
    message.attach_alternative(anonymous(rendered.html, html=True), "text/html")
    message.send()
