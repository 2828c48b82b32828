"""Events: the event list of each language and its events, with simple recurrence."""

import datetime
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from icalendar import Event
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from blog import calendar
from blog.forms import BlogPageForm
from core.blocks import BaseStreamBlock
from core.forms import SitePageForm
from core.pages import SitePage, restricted_itself
from core.structured_data import json_ld
from home.translation import ListedPageManager

PAST_OCCURRENCES_SHOWN = 20
# A weekly group would otherwise fill the list; its page lists further dates.
UPCOMING_OCCURRENCES_SHOWN = 20


class Recurrence(models.TextChoices):
    NONE = "none", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month on the same date")
    # "2nd Thursday": groups meet on a weekday, which a date would move around.
    MONTHLY_WEEKDAY = "monthly_weekday", _("Every month on the same weekday (e.g. 2nd Thursday)")


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventIndexPage(SitePage, RoutablePageMixin, Page):
    """Upcoming and past events of one language, and their calendar feed."""

    base_form_class = SitePageForm

    intro = RichTextField(
        features=["bold", "italic", "link"], blank=True, verbose_name=_("introduction")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    # One index per language tree, right under its home page.
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.EventPage"]
    max_count_per_parent = 1

    @property
    def social_text(self) -> str:
        return self.search_description or strip_tags(self.intro)

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def events(self):
        # The locale comes along: each listed event asks for its Latvian source.
        return (
            EventPage.objects.child_of(self)
            .listed()
            .exclude(restricted_itself())
            .select_related("locale")
        )

    @path("")
    def event_list(self, request: HttpRequest) -> HttpResponse:
        events = list(self.events().defer("body"))  # a list shows no event's body
        return self.render(
            request,
            context_overrides={
                "upcoming": calendar.upcoming(events)[:UPCOMING_OCCURRENCES_SHOWN],
                "past": calendar.past(events)[:PAST_OCCURRENCES_SHOWN],
            },
        )

    @path("calendar/", name="calendar")
    def calendar_feed(self, request: HttpRequest) -> HttpResponse:
        entries = [event.ical_entry() for event in self.events()]
        content = calendar.calendar_file(entries, name=self.title)
        return ics_response(content, f"{self.slug}.ics")


class EventPage(SitePage, RoutablePageMixin, Page):
    """An event; a weekly or monthly group is one page with a recurrence rule."""

    # Its categories as the news posts' are: checkboxes of its language only.
    base_form_class = BlogPageForm

    start = models.DateTimeField(
        verbose_name=_("start"),
        help_text=_("Riga time. Set on the Latvian page: publishing it updates the translations."),
    )
    end = models.DateTimeField(
        verbose_name=_("end"),
        help_text=_("Riga time. Set on the Latvian page: publishing it updates the translations."),
    )
    recurrence = models.CharField(
        max_length=20,
        choices=Recurrence.choices,
        default=Recurrence.NONE,
        verbose_name=_("repeats"),
    )
    repeat_until = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("repeats until"),
        help_text=_("The last day it may take place."),
    )
    repeat_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("number of times"),
        help_text=_("Instead of an end date: how many times in all."),
    )
    venue = models.CharField(max_length=255, blank=True, verbose_name=_("venue"))
    address = models.CharField(max_length=255, blank=True, verbose_name=_("address"))
    online_url = models.URLField(blank=True, verbose_name=_("online link"))
    organiser = models.CharField(max_length=255, blank=True, verbose_name=_("organiser"))
    lead = models.TextField(blank=True, verbose_name=_("lead"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))
    # The news categories ("Semināri"), so a result can count the people
    # present at a kind of event (registrations/results.py). Each language
    # keeps its own, as on news posts; an event counts under the categories of either.
    categories = ParentalManyToManyField(
        "blog.BlogCategory",
        blank=True,
        related_name="events",
        verbose_name=_("categories"),
        help_text=_("Results can count the people present at events of a category."),
    )
    # Registration (SPEC section 8; the registrations app keeps the sign-ups).
    registration_open = models.BooleanField(
        default=False,
        verbose_name=_("registration open"),
        help_text=_("People can sign up on the event's page."),
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("seats"),
        help_text=_("Empty: no limit. Beyond it people join the waiting list."),
    )
    registration_closes = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("registration closes"),
        help_text=_("Riga time. Empty: when the event starts."),
    )
    academic_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("academic hours per session"),
    )
    certificate_sessions_required = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        verbose_name=_("sessions for a certificate"),
        help_text=_("How many sessions a registrant must attend. Empty: every session."),
    )

    objects = ListedPageManager()

    # When it takes place is the Latvian page's: a translation cannot
    # override it, and a publish of the source carries it across.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("start", "end", "recurrence", "repeat_until", "repeat_count")
    ] + [
        # One set of seats for both languages: the Latvian page's.
        SynchronizedField(name, overridable=False)
        for name in (
            "registration_open",
            "capacity",
            "registration_closes",
            "academic_hours",
            "certificate_sessions_required",
        )
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel(
                    [
                        FieldPanel("recurrence"),
                        FieldPanel("repeat_until"),
                        FieldPanel("repeat_count"),
                    ]
                ),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_url"),
                FieldPanel("organiser"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Where and who"),
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("academic_hours")]),
                FieldPanel("registration_closes"),
                FieldPanel("certificate_sessions_required"),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("venue"),
        index.SearchField("address"),
        index.SearchField("body"),
    ]
    parent_page_types = ["blog.EventIndexPage"]
    subpage_types: list[str] = []

    @property
    def listing_summary(self) -> str:
        return self.lead

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @property
    def duration(self) -> datetime.timedelta:
        return self.end - self.start

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.recurrence != Recurrence.NONE and not (self.repeat_until or self.repeat_count):
            errors["repeat_until"] = _("Give an end date or a number of times.")
        if self.repeat_until and self.repeat_count:
            errors["repeat_count"] = _("Give an end date or a number of times, not both.")
        if errors:
            raise ValidationError(errors)

    def registration_deadline(self) -> datetime.datetime:
        """When sign-ups stop: the date set, otherwise the start of the first session."""
        return self.registration_closes or self.start

    def takes_registrations(self, now: datetime.datetime | None = None) -> bool:
        """Open for sign-ups now: switched on and the deadline not passed."""
        return self.registration_open and (now or timezone.now()) < self.registration_deadline()

    def seat_page(self) -> "EventPage":
        """The page whose seats and registrants this one shares: the Latvian source."""
        latvian = (
            EventPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            ).first()
            if self.locale.language_code != settings.LANGUAGE_CODE
            else None
        )
        return latvian or self

    def repeats_label(self) -> str:
        """How the event repeats, in words: "Katra mēneša otrajā ceturtdienā"."""
        if self.recurrence == Recurrence.MONTHLY_WEEKDAY:
            return calendar.nth_weekday_label(self.start.astimezone(calendar.RIGA).date())
        if self.recurrence == Recurrence.WEEKLY:
            return str(_("Every week"))
        if self.recurrence == Recurrence.MONTHLY:
            return str(_("Every month"))
        return ""

    def occurrences(self) -> list[calendar.Occurrence]:
        return calendar.occurrences([self])

    def upcoming_occurrences(self) -> list[calendar.Occurrence]:
        return calendar.upcoming([self])

    def next_occurrence(self) -> calendar.Occurrence:
        """The next sitting, or the last one once all are over."""
        upcoming = self.upcoming_occurrences()
        return upcoming[0] if upcoming else self.occurrences()[-1]

    def ical_uid(self) -> str:
        """A UID that survives slug changes and moves: the page's translation key."""
        domain = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"{self.translation_key}-{self.locale.language_code}@{domain}"

    def ical_entry(self) -> Event:
        """The event as an iCalendar VEVENT, its rule included."""
        entry = Event()
        entry.add("uid", self.ical_uid())
        entry.add("summary", self.title)
        entry.add("dtstart", self.start.astimezone(calendar.RIGA))
        entry.add("dtend", self.end.astimezone(calendar.RIGA))
        entry.add("dtstamp", (self.last_published_at or timezone.now()).astimezone(datetime.UTC))
        rule = calendar.ical_rule(self)
        if rule is not None:
            entry.add("rrule", rule)
        location = ", ".join(part for part in [self.venue, self.address] if part)
        if location:
            entry.add("location", location)
        if self.lead:
            entry.add("description", self.lead)
        url = self.online_url or self.get_full_url()
        if url:
            entry.add("url", url)
        return entry

    @path("")
    def event_detail(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("calendar/", name="ics")
    def ics(self, request: HttpRequest) -> HttpResponse:
        content = calendar.calendar_file([self.ical_entry()], name=self.title)
        return ics_response(content, f"{slugify(self.slug) or 'event'}.ics")

    def structured_data(self) -> SafeString:
        """schema.org Event for search engines (the next sitting of a series)."""
        sitting = self.next_occurrence()
        place = {
            "@type": "Place",
            "name": self.venue,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.address,
                "addressCountry": "LV",
            },
        }
        if self.online_url and (self.venue or self.address):
            mode, location = (
                "MixedEventAttendanceMode",
                [place, {"@type": "VirtualLocation", "url": self.online_url}],
            )
        elif self.online_url:
            mode, location = (
                "OnlineEventAttendanceMode",
                {"@type": "VirtualLocation", "url": self.online_url},
            )
        else:
            mode, location = "OfflineEventAttendanceMode", place
        data = {
            "@type": "Event",
            "name": self.title,
            "startDate": sitting.start.isoformat(),
            "endDate": sitting.end.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": f"https://schema.org/{mode}",
            "location": location,
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url() or settings.SITE_URL,
            "description": self.lead,
        }
        if self.organiser:
            data["organizer"] = {"@type": "Organization", "name": self.organiser}
        return json_ld(data)
