"""Sends: a dispatch of an issue to lists, the lists it claimed, one delivery per recipient."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audience import LANGUAGES, MailingList, Subscriber
from .issues import NewsletterIssuePage

# A send with work left that no worker has touched for this long is stalled:
# a healthy worker claims a batch within seconds (docs/sending.md).
STALLED_AFTER = datetime.timedelta(minutes=2)


class DispatchQuerySet(models.QuerySet):
    def of_issue(self, issue: NewsletterIssuePage) -> DispatchQuerySet:
        """The sends of an issue, in any of its languages."""
        return self.filter(issue__translation_key=issue.translation_key)

    def went_out(self) -> DispatchQuerySet:
        """Sends that began: being sent or finished (the archive lists their issues)."""
        return self.filter(state__in=[Dispatch.State.SENDING, Dispatch.State.FINISHED])

    def standing(self) -> DispatchQuerySet:
        """Sends whose frozen e-mail stands: neither a draft nor cancelled."""
        return self.exclude(state__in=[Dispatch.State.DRAFT, Dispatch.State.CANCELLED])

    def stalled(self, now: datetime.datetime | None = None) -> DispatchQuerySet:
        """Sends with work left that nothing has claimed or sent for STALLED_AFTER.

        A send whose start (or scheduled time) is that old, with recipients due
        and no row claimed or handed over since: no worker (or no beat) is running.
        """
        now = now or timezone.now()
        since = now - STALLED_AFTER
        recent_work = Q(deliveries__sent_at__gte=since) | Q(
            deliveries__state=Delivery.State.SENDING, deliveries__claimed_at__gte=since
        )
        late_scheduled = Q(state=Dispatch.State.SCHEDULED, scheduled_for__lt=since)
        late_sending = Q(state=Dispatch.State.SENDING, started_at__lt=since) & Q(
            pk__in=Delivery.objects.filter(state=Delivery.State.QUEUED)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=since))
            .values("dispatch_id")
        )
        busy = Dispatch.objects.filter(recent_work).values("pk")
        return self.filter(late_scheduled | late_sending).exclude(pk__in=busy)


class Dispatch(models.Model):
    """One send of an issue to lists: what went out is frozen here."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    issue = models.ForeignKey(
        NewsletterIssuePage, on_delete=models.PROTECT, related_name="dispatches"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lists = models.ManyToManyField(MailingList, related_name="dispatches")
    # {"lv": {"subject": ..., "html": ..., "text": ...}, "en": {...}}
    frozen = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = DispatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.issue.title} ({self.get_state_display()})"


class IssueSentToListQuerySet(models.QuerySet):
    def list_names(self, issue: NewsletterIssuePage, lists: Iterable[MailingList]) -> list[str]:
        """Names of the lists among `lists` this issue (in any language) went or is going to."""
        return sorted(
            self.filter(
                issue__translation_key=issue.translation_key, mailing_list__in=list(lists)
            ).values_list("mailing_list__name", flat=True)
        )


class IssueSentToList(models.Model):
    """An issue's one send to a list, claimed when its dispatch is made.

    The unique pair is what keeps "an issue goes to a list once" true when two
    sends start at the same moment (a double click, the command run twice): the
    second insert fails in the database, on SQLite and PostgreSQL alike,
    whatever either request had checked before. Cancelling a dispatch gives its
    lists back. The issue is the Latvian version, which stands for the whole
    issue as in Dispatch.issue.
    """

    issue = models.ForeignKey(NewsletterIssuePage, on_delete=models.CASCADE, related_name="+")
    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="+")
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="sent_to")

    objects = IssueSentToListQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue sent to a list")
        verbose_name_plural = _("issues sent to lists")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "mailing_list"], name="an_issue_goes_to_a_list_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.mailing_list_id}"


class DeliveryQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime | None = None) -> DeliveryQuerySet:
        """Queued rows whose retry time (if any) has come: what a worker may claim now."""
        return self.filter(state=Delivery.State.QUEUED).filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lte=now or timezone.now())
        )

    def being_sent(self) -> DeliveryQuerySet:
        """Rows a worker holds a claim on."""
        return self.filter(state=Delivery.State.SENDING)

    def unfinished(self) -> DeliveryQuerySet:
        """Rows still queued or being sent."""
        return self.exclude(state__in=Delivery.FINAL)


class Delivery(models.Model):
    """One recipient of a dispatch, claimed before its message is handed over."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")
        FAILED = "failed", _("Failed")

    FINAL = (State.SENT, State.DELIVERED, State.BOUNCED, State.COMPLAINED, State.FAILED)

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    # Emptied when the person is erased (GDPR): the dispatch's counts stay right.
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    language = models.CharField(max_length=2, choices=LANGUAGES)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    esp_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "subscriber"], name="one_delivery_per_recipient"
            )
        ]
        indexes = [models.Index(fields=["dispatch", "state"])]

    def __str__(self) -> str:
        who = self.subscriber.email if self.subscriber else _("(erased)")
        return f"{who}: {self.get_state_display()}"


class TrackingEvent(models.Model):
    """An ESP tracking event already applied; its id makes a replayed webhook harmless."""

    esp = models.CharField(max_length=30)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=20)
    delivery = models.ForeignKey(
        Delivery, null=True, on_delete=models.SET_NULL, related_name="tracking_events"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")
        constraints = [
            models.UniqueConstraint(fields=["esp", "event_id"], name="one_tracking_event_per_id")
        ]

    def __str__(self) -> str:
        return f"{self.esp} {self.event_type} {self.event_id}"
