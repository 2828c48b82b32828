"""A person's registration for an event: one row per sign-up, seated or waiting."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

NAME_MAX_LENGTH = 200
ORGANISATION_MAX_LENGTH = 200
NEEDS_MAX_LENGTH = 2000


class Registration(models.Model):
    """One person on an event's list; both languages' pages share the Latvian page's list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        "blog.EventPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH, verbose_name=_("name and surname"))
    email = models.EmailField(verbose_name=_("e-mail"))
    # The canonical spelling (newsletter.models.normalise_email): one seat per mailbox.
    email_key = models.CharField(max_length=254, editable=False)
    organisation = models.CharField(
        max_length=ORGANISATION_MAX_LENGTH, blank=True, verbose_name=_("organisation")
    )
    needs = models.TextField(
        max_length=NEEDS_MAX_LENGTH, blank=True, verbose_name=_("accessibility or other needs")
    )
    language = models.CharField(max_length=8, verbose_name=_("language"))
    status = models.CharField(
        max_length=20, choices=Status.choices, verbose_name=_("status"), db_index=True
    )
    registered_at = models.DateTimeField(default=timezone.now, verbose_name=_("registered at"))
    changed_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))
    # Set when the reminder is claimed for sending: it goes out once.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            # The database's word on "the same address again takes no second seat".
            models.UniqueConstraint(
                fields=["event", "email_key"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_address",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    def place_in_line(self) -> int | None:
        """1 for the first person waiting; None when not on the waiting list."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = Registration.objects.filter(
            event_id=self.event_id, status=self.Status.WAITLISTED
        ).filter(
            Q(registered_at__lt=self.registered_at)
            | Q(registered_at=self.registered_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


class Attendance(models.Model):
    """A registrant present at one session; no row means not (yet) marked present.

    A session is one occurrence of the event, named by the date it starts on
    (Riga time): a two-day training is one session. Presence is a row rather
    than a flag so that taking a mark back leaves nothing behind and the
    "present at every session" count is a plain COUNT.
    """

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("registration"),
    )
    session = models.DateField(verbose_name=_("session"))
    marked_at = models.DateTimeField(default=timezone.now, verbose_name=_("marked at"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "registration_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration.name} @ {self.session.isoformat()}"


class Certificate(models.Model):
    """The certificate of attendance issued to one registrant (registrations/certificates.py).

    What it certifies (the sessions and hours) is copied in when it is issued:
    a certificate once mailed must read the same on its verification page,
    whatever is marked afterwards.
    """

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    # "CIV-2026-0007-K7QXM2": the year's serial for people, a random check code
    # so that the verification address cannot be guessed by counting.
    number = models.CharField(
        max_length=40, unique=True, verbose_name=pgettext_lazy("certificate", "number")
    )
    year = models.PositiveSmallIntegerField(editable=False)
    serial = models.PositiveIntegerField(editable=False)
    sessions = models.JSONField(
        default=list, verbose_name=pgettext_lazy("certificate", "sessions attended")
    )
    academic_hours = models.PositiveIntegerField(
        default=0, verbose_name=pgettext_lazy("certificate", "academic hours")
    )
    issued_at = models.DateTimeField(
        default=timezone.now, verbose_name=pgettext_lazy("certificate", "issued")
    )
    # Set when the e-mail is claimed for sending: it goes out once.
    mailed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=pgettext_lazy("certificate", "e-mailed")
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["year", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="certificate_serial_per_year")
        ]

    def __str__(self) -> str:
        return self.number
