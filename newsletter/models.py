"""Subscribers, lists and consent; bulletin issues; dispatches and deliveries."""

from __future__ import annotations

import contextlib
import secrets
import unicodedata

import idna
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from home.forms import SitePageForm
from home.translation import ListedPageManager

from .blocks import IssueStreamBlock
from .mailboxes import MailboxField

LANGUAGES = settings.LANGUAGES  # a subscriber reads one of the site's languages


def new_link_secret() -> str:
    """A fresh secret for a subscriber's personal links (256 bits)."""
    return secrets.token_urlsafe(32)


def normalise_email(address: str) -> str:
    """One spelling per mailbox: the canonical address every way in stores and looks up.

    Mail servers deliver `partneris17@ｅｘａｍｐｌｅ.org` (full-width letters)
    to `partneris17@example.org`, so the two must be one subscriber: the
    address is NFKC-normalised and lower-cased, and the domain is mapped by
    IDNA/UTS-46 (the mapping browsers and mail clients use) and kept in its
    Unicode form (`ābols.lv`, not `xn--bols-...`), readable in the admin.
    A domain that IDNA refuses is left as NFKC gave it; the e-mail validator
    refuses it afterwards.
    """
    address = unicodedata.normalize("NFKC", address).strip()
    local, at, domain = address.rpartition("@")
    if not at:
        return address.lower()
    with contextlib.suppress(idna.IDNAError, UnicodeError):
        domain = idna.decode(idna.encode(domain, uts46=True))
    return f"{local}@{domain}".lower()


class Organisation(models.Model):
    """A social service provider whose staff subscribe."""

    name = models.CharField(max_length=255, unique=True, verbose_name=_("name"))
    municipality = models.CharField(max_length=255, blank=True, verbose_name=_("municipality"))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MailingList(models.Model):
    """A list people subscribe to; exactly one is the default."""

    name = models.CharField(max_length=255, verbose_name=_("name"))
    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    is_default = models.BooleanField(default=False, verbose_name=_("default list"))

    class Meta:
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_list"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def default(cls) -> MailingList:
        return cls.objects.get(is_default=True)


class SubscriberQuerySet(models.QuerySet):
    def active(self) -> SubscriberQuerySet:
        """The people who are mailed issues: confirmed, nobody else. Defined here only."""
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    """A person who gets (or got, or will get) the e-bulletin.

    Their status is written by newsletter.status only (docs/subscribers.md).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")

    # Once there, an address is never subscribed again by an import or a stranger.
    SUPPRESSED = (Status.UNSUBSCRIBED, Status.BOUNCED, Status.COMPLAINED)
    # Still on the lists: may leave, may be suppressed by a bounce, may change preferences.
    ON_LISTS = (Status.PENDING, Status.CONFIRMED)

    email = MailboxField(unique=True, verbose_name=_("e-mail"))
    name = models.CharField(
        max_length=255, blank=True, verbose_name=pgettext_lazy("person", "Name")
    )
    language = models.CharField(
        max_length=2, choices=LANGUAGES, default="lv", verbose_name=_("language")
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, verbose_name=_("status")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscribers",
        verbose_name=_("organisation"),
    )
    lists = models.ManyToManyField(
        MailingList, blank=True, related_name="subscribers", verbose_name=_("lists")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("subscribed"))
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed"))
    unsubscribed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("unsubscribed"))
    # The key of the person's links (newsletter.links); a new one voids them all.
    link_secret = models.CharField(max_length=64, default=new_link_secret, editable=False)
    # Out of Wagtail's reference index: nobody asks what a subscriber uses, and
    # indexing each save cost a new address 50 ms that a known one did not pay
    # (the subscribe form must take the same time for both).
    wagtail_reference_index_ignore = True

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs) -> None:
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)


class ConsentRecord(models.Model):
    """Proof of consent, append-only: never edited, only anonymised on erasure."""

    class Source(models.TextChoices):
        FORM = "form", _("Subscribe form")
        IMPORT = "import", _("Import")
        ADMIN = "admin", _("Admin")

    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("Consent")
        LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")

    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="consents"
    )
    email = models.CharField(max_length=254, verbose_name=_("e-mail (hashed once erased)"))
    created_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    legal_basis = models.CharField(max_length=30, choices=LegalBasis.choices)
    wording = models.TextField(verbose_name=_("consent wording shown"))
    wording_version = models.CharField(max_length=50)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_source_display()}, {self.created_at:%Y-%m-%d})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Consent records are append-only.")
        super().save(*args, **kwargs)


class Suppression(models.Model):
    """An address that opted out, bounced or complained, kept as a keyed hash.

    It outlives the subscriber row (the purge of unconfirmed people, a GDPR
    erase), so that no import and no stranger's form subscribes the address
    again. Only the hash is kept (newsletter.privacy.keyed_digest), never the
    address. Written by newsletter.status only.
    """

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")

    digest = models.CharField(max_length=100, unique=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return f"{self.digest[:19]}… ({self.get_reason_display()})"


class NewsletterIndexPage(Page):
    """The web archive of past issues."""

    base_form_class = SitePageForm

    intro = RichTextField(
        features=["bold", "italic", "link"], blank=True, verbose_name=_("introduction")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    # One index per language tree, right under its home page.
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("e-bulletin archive")

    def issues(self):
        """Issues that went out, newest first; publishing alone does not list one.

        An issue is published before it is e-mailed (the send takes the live
        version); the archive shows it once a send of it (in any language)
        began. Private issues and untranslated aliases are never listed.
        """
        sent = Dispatch.objects.filter(
            issue__translation_key=OuterRef("translation_key"),
            state__in=[Dispatch.State.SENDING, Dispatch.State.FINISHED],
        )
        return (
            NewsletterIssuePage.objects.child_of(self)
            .listed()
            .public()
            .filter(Exists(sent))
            .order_by("-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        from .forms import SubscribeForm  # forms need these models: imported late

        context = super().get_context(request, *args, **kwargs)
        # Pre-chosen: the page's language and the default list.
        context["subscribe_form"] = SubscribeForm(
            initial={
                "language": get_language(),
                "lists": MailingList.objects.filter(is_default=True),
            },
            auto_id="full-%s",
        )
        return context


class NewsletterIssuePage(Page):
    """One issue of the e-bulletin; its URL is the archive ("view in browser") copy."""

    base_form_class = SitePageForm

    subject = models.CharField(
        max_length=255,
        verbose_name=_("e-mail subject"),
        help_text=_("Each language has its own subject."),
    )
    body = StreamField(IssueStreamBlock(), blank=True, verbose_name=_("content"))

    objects = ListedPageManager()

    content_panels = Page.content_panels + [FieldPanel("subject"), FieldPanel("body")]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []
    # The page cache purges the archive copy when a post it shows changes.
    lists_pages_of_its_language = True

    class Meta:
        verbose_name = _("e-bulletin issue")
        verbose_name_plural = _("e-bulletin issues")

    def serve(self, request, *args, **kwargs):
        """The archive copy: exactly what went out in this language, once sent."""
        from .rendering import archive_html

        return HttpResponse(archive_html(self))

    def serve_preview(self, request, mode_name):
        """The preview is the e-mail exactly as it will be sent."""
        from .rendering import archive_html

        return HttpResponse(archive_html(self, frozen=False))


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

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.issue.title} ({self.get_state_display()})"


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


class ImportJob(models.Model):
    """A CSV import run by a worker: the upload, how far it got, and its report.

    A big file takes longer than a web request may (gunicorn's timeout), so the
    admin stores the upload here and a Celery task imports it, counting rows as
    it goes; the admin page polls the count and then shows the report. The file
    lives in the database, not in media storage: it holds personal data and must
    never be served. It is emptied once the import is over.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The admin language of who started it: the report's reasons are in it.
    language = models.CharField(max_length=10, default="lv")
    content = models.BinaryField(blank=True)
    mailing_list = models.ForeignKey(
        MailingList, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed = models.BooleanField(default=False)
    consent = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # newsletter.importing.ImportReport.as_dict(), once finished
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("subscriber import")
        verbose_name_plural = _("subscriber imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.get_state_display()})"
