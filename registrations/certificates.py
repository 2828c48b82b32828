"""Certificates of attendance: who qualifies, issuing them once, the PDF and its e-mail.

Who qualifies is set on the event (``certificate_sessions_required``, empty:
every session) and counted from attendance (registrations.attendance), so a
certificate, the exports and the results agree on what "present" means.

A certificate's number reads "CIV-2026-0007-K7QXM2": the year and its serial
for people, then a random check code, so that its public verification
address cannot be found by counting (docs/certificates.md says why).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import re
import secrets

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.models import Locale

from blog.models import EventPage
from home.featured import featured_project
from home.models import SiteSettings

from . import attendance, mails
from .models import Certificate, Registration

PREFIX = "CIV"
# Crockford's base 32: no I, L, O or U, so a number read aloud or typed from
# paper is not mistaken; 32**6 (about a billion) codes per serial.
CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_LENGTH = 6
NUMBER_PATTERN = re.compile(r"^[A-Z]{2,5}-\d{4}-\d{4,6}-[0-9A-Z]{6}$")
PDF_MIME_TYPE = "application/pdf"


def sessions_required(event: EventPage) -> int:
    """Sessions a registrant must attend: the number set on the event, else all of them.

    A number above the sessions there are asks for every session.
    """
    seat_page = event.seat_page()
    total = len(attendance.sessions(seat_page))
    required = seat_page.certificate_sessions_required
    return total if required is None else min(required, total)


def qualifying(event: EventPage) -> QuerySet[Registration]:
    """The event's registrants who have earned a certificate, in order of registration.

    A cancelled registration never qualifies; presence at the event's current
    sessions is what counts (a mark on a date the event no longer has does not).
    """
    seat_page = event.seat_page()
    days = attendance.sessions(seat_page)
    return (
        Registration.objects.filter(event=seat_page)
        .exclude(status=Registration.Status.CANCELLED)
        .annotate(present=Count("attendances", filter=Q(attendances__session__in=days)))
        .filter(present__gte=sessions_required(seat_page))
        # Said outright: Meta.ordering does not order a GROUP BY query.
        .order_by("registered_at", "pk")
    )


def qualifies(registration: Registration) -> bool:
    """Whether this registrant has earned the event's certificate."""
    return qualifying(registration.event).filter(pk=registration.pk).exists()


def _check_code() -> str:
    return "".join(secrets.choice(CHECK_ALPHABET) for _ in range(CHECK_LENGTH))


def issue(
    registration: Registration, now: datetime.datetime | None = None
) -> tuple[Certificate, bool]:
    """The registrant's certificate, issued now unless it was before; (certificate, created).

    Qualification is the caller's business (``issue_all``). What it certifies
    is fixed here: later marks change nothing on an issued certificate.
    """
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing, False
    now = now or timezone.now()
    year = timezone.localtime(now).year
    days = set(attendance.sessions(registration.event))
    attended = [day for day in attendance.attended_sessions(registration) if day in days]
    hours = attendance.academic_hours(registration.event, len(attended))
    # Two runs at once may take the same serial or registration: the unique
    # constraints settle it, and the loser reads what the winner stored.
    for _attempt in range(10):
        serial = (
            Certificate.objects.filter(year=year).aggregate(last=Max("serial"))["last"] or 0
        ) + 1
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    registration=registration,
                    number=f"{PREFIX}-{year}-{serial:04d}-{_check_code()}",
                    year=year,
                    serial=serial,
                    sessions=[day.isoformat() for day in attended],
                    academic_hours=hours,
                    issued_at=now,
                )
        except IntegrityError:
            existing = Certificate.objects.filter(registration=registration).first()
            if existing is not None:
                return existing, False
            continue
        return certificate, True
    raise RuntimeError("Could not take a certificate serial; try again.")


@dataclasses.dataclass
class Issued:
    """What ``issue_all`` did: the certificates new this time and those issued before."""

    new: list[Certificate]
    earlier: list[Certificate]


def issue_all(event: EventPage) -> Issued:
    """A certificate for everyone who qualifies; those who have one keep it."""
    outcome = Issued(new=[], earlier=[])
    for registration in qualifying(event).select_related("event"):
        certificate, created = issue(registration)
        (outcome.new if created else outcome.earlier).append(certificate)
    return outcome


def unmailed(event: EventPage) -> QuerySet[Certificate]:
    """The event's certificates whose e-mail has not gone out (or not been claimed)."""
    return Certificate.objects.filter(
        registration__event=event.seat_page(), mailed_at__isnull=True
    ).order_by("pk")


def find(number: str) -> Certificate | None:
    """The certificate with this number (any letter case), or None; malformed input is None."""
    number = (number or "").strip().upper()
    if len(number) > 40 or not NUMBER_PATTERN.match(number):
        return None
    return Certificate.objects.select_related("registration__event").filter(number=number).first()


def verification_path(certificate: Certificate, language: str) -> str:
    """The public page that confirms the certificate, in a language."""
    with translation.override(language):
        return reverse("certificate-verify", args=[certificate.number])


def verification_url(certificate: Certificate, language: str) -> str:
    """The verification page's absolute address, as printed and in the QR code."""
    return settings.SITE_URL + verification_path(certificate, language)


def event_in(event: EventPage, language: str) -> EventPage:
    """The event's page in a language: its live translation, else the page itself."""
    translated = (
        event.get_translations(inclusive=True).filter(locale__language_code=language).live().first()
    )
    return translated.specific if translated else event


def session_dates(certificate: Certificate) -> list[datetime.date]:
    """The sessions the certificate covers, as dates."""
    return [datetime.date.fromisoformat(day) for day in certificate.sessions]


def organiser(event: EventPage) -> str:
    """Who ran the event: the event's organiser, else the site's organisation."""
    if event.organiser:
        return event.organiser
    site = event.get_site()
    return SiteSettings.for_site(site).organisation if site else ""


def _static_data_uri(path: str, mime_type: str) -> str:
    """A static file as a data: address: the PDF is rendered without fetching anything."""
    found = finders.find(path)
    with open(found, "rb") as file:
        content = base64.b64encode(file.read()).decode("ascii")
    return f"data:{mime_type};base64,{content}"


def qr_code(url: str) -> segno.QRCode:
    """The verification address as a QR code (error correction M: survives a crease)."""
    return segno.make(url, error="m", micro=False)


# One pixel a module, drawn unsmoothed (image-rendering: pixelated in the
# template): sharp at any size, and a tenth of the render time of a big bitmap.
QR_SCALE = 1
QR_BORDER = 4


def _qr_png_data_uri(url: str) -> str:
    return qr_code(url).png_data_uri(scale=QR_SCALE, border=QR_BORDER)


def context(certificate: Certificate, language: str) -> dict:
    """What the PDF and the verification page show, in a language (call it inside that language)."""
    registration = certificate.registration
    event = event_in(registration.event, language)
    project = featured_project(
        registration.event.get_site(), Locale.objects.filter(language_code=language).first()
    )
    funder = project.funder_info if project is not None else None
    return {
        "certificate": certificate,
        "registration": registration,
        "name": registration.name,
        "event": event,
        "sessions": [formats.date_format(day, "DATE_FORMAT") for day in session_dates(certificate)],
        "academic_hours": certificate.academic_hours,
        "organiser": organiser(event),
        "issued_on": formats.date_format(timezone.localtime(certificate.issued_at), "DATE_FORMAT"),
        "project": project,
        "funder": funder,
        "verification_url": verification_url(certificate, language),
        "language": language,
    }


def render_pdf(certificate: Certificate, language: str | None = None) -> bytes:
    """The certificate as a PDF in the registrant's language (or the one given).

    WeasyPrint lays out templates/registrations/certificate/pdf.html with the
    DejaVu fonts (every Latvian letter), so the text stays text: selectable,
    searchable and read by screen readers (the PDF is tagged).
    """
    # Imported here: loading WeasyPrint takes about a second, which every web
    # and worker process would otherwise pay at start for a rare task.
    import weasyprint

    language = language or certificate.registration.language
    with translation.override(language):
        data = context(certificate, language)
        if data["funder"] is not None:
            data["emblem"] = _static_data_uri(data["funder"].logo, "image/svg+xml")
        data["qr_code"] = _qr_png_data_uri(data["verification_url"])
        html = render_to_string("registrations/certificate/pdf.html", data)
    document = weasyprint.HTML(
        string=html,
        # Everything is embedded: a template slip cannot make the worker fetch a URL.
        url_fetcher=weasyprint.URLFetcher(allowed_protocols={"data"}),
    )
    return document.write_pdf(pdf_tags=True)


def file_name(certificate: Certificate) -> str:
    return f"{certificate.number}.pdf"


def build_mail(certificate: Certificate) -> EmailMultiAlternatives:
    """The registrant's certificate e-mail, in their language, the PDF attached."""
    registration = certificate.registration
    message = mails.build(
        registration,
        mails.CERTIFICATE,
        extra_context={
            "certificate": certificate,
            "verification_url": verification_url(certificate, registration.language),
        },
    )
    message.attach(file_name(certificate), render_pdf(certificate), PDF_MIME_TYPE)
    return message


def mail(certificate_id: int) -> bool:
    """Send one certificate's e-mail unless it went out before; True when sent now.

    The conditional UPDATE claims it first, so a command run twice, or a task
    delivered twice, mails nobody twice; a failed send gives the claim back.
    """
    claimed_at = timezone.now()
    claimed = Certificate.objects.filter(pk=certificate_id, mailed_at__isnull=True).update(
        mailed_at=claimed_at
    )
    if not claimed:
        return False
    certificate = Certificate.objects.select_related("registration__event").get(pk=certificate_id)
    try:
        build_mail(certificate).send()
    except Exception:
        Certificate.objects.filter(pk=certificate_id, mailed_at=claimed_at).update(mailed_at=None)
        raise
    return True
