"""An event's registrations in the Wagtail admin: the list, adding by hand, moves, files.

Views only: seats change through ``registrations.seats`` (locked, with the
e-mails a web sign-up gets), the files come from ``registrations.exports``.
Every view is for one event, named by the Latvian page's id in the URL (an
English page's id leads to the same list), and answers 403 to staff who may
not look after it (``registrations.permissions``). The check-in screen and
the sign-in sheet are in ``registrations.checkin_views``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.widgets.button import Button, HeaderButton

from blog.models import EventPage

from . import attendance, certificates, exports, notices, seats
from .forms import RegistrationForm
from .models import Registration
from .permissions import can_manage, manageable_events

Status = Registration.Status


def event_counts(event: EventPage) -> dict:
    """Seats, taken and waiting for the event's shared list, in one query."""
    seat_page = event.seat_page()
    counts = Registration.objects.filter(event=seat_page).aggregate(
        taken=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    return {"seats": seat_page.capacity, **counts}


class EventMixin:
    """The event named in the URL (its Latvian page), for staff who may look after it."""

    request: HttpRequest

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.event = get_object_or_404(EventPage, pk=kwargs["event_id"]).seat_page()

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not can_manage(request.user, self.event):
            # A plain 403 rather than PermissionDenied, which the admin turns into a
            # redirect to its start page: a fetch from the check-in screen must see it.
            return TemplateResponse(
                request, "registrations/admin/forbidden.html", {"event": self.event}, status=403
            )
        return super().dispatch(request, *args, **kwargs)

    def event_url(self, name: str, *args) -> str:
        return reverse(f"registrations:{name}", args=[self.event.pk, *args])

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse("registrations:events"),
                "label": pgettext("admin menu", "Registrations"),
            },
            {"url": self.event_url("index"), "label": self.event.title},
        ]


# The list of events -------------------------------------------------------


class EventListView(BaseListingView):
    """Every event whose sign-ups the user looks after, latest first, with its counts."""

    page_title = pgettext_lazy("admin menu", "Registrations")
    header_icon = "clipboard-list"
    paginate_by = 50
    index_url_name = "registrations:events"

    def get_queryset(self):
        return (
            manageable_events(self.request.user)
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .filter(Q(registration_open=True) | Q(registrations__isnull=False))
            .annotate(
                taken=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
                waiting=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
            )
            .order_by("-start")
        )

    @cached_property
    def columns(self) -> list[Column]:
        return [
            TitleColumn(
                "title",
                label=_("Event"),
                get_url=lambda event: reverse("registrations:index", args=[event.pk]),
            ),
            Column(
                "start",
                label=capfirst(_("start")),
                accessor=lambda event: date_format(localtime(event.start), "SHORT_DATE_FORMAT"),
            ),
            Column("capacity", label=_("Seats"), accessor=lambda e: e.capacity or "—"),
            Column("taken", label=_("Taken")),
            Column("waiting", label=_("Waiting")),
        ]

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.page_title},
        ]


# One event's registrations --------------------------------------------------


class RegistrationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Status.choices, empty_label=gettext_lazy("All")
    )
    organisation = django_filters.ChoiceFilter(
        label=gettext_lazy("Organisation"), empty_label=gettext_lazy("All")
    )

    class Meta:
        model = Registration
        fields = ["status", "organisation"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The organisations as the event's registrants typed them.
        names = (
            self.queryset.exclude(organisation="")
            .order_by("organisation")
            .values_list("organisation", flat=True)
            .distinct()
        )
        self.filters["organisation"].extra["choices"] = [(name, name) for name in names]


def _registered_at(registration: Registration) -> str:
    return date_format(localtime(registration.registered_at), "SHORT_DATETIME_FORMAT")


def _status(registration: Registration, place: int | None = None) -> str:
    """ "Apstiprināts", or "Gaidīšanas sarakstā (nr. 2)" with the place in line."""
    label = capfirst(registration.get_status_display())
    if registration.status == Status.WAITLISTED:
        return _("%(status)s (no. %(place)s)") % {
            "status": label,
            "place": place or registration.place_in_line(),
        }
    return label


class RegistrationIndexView(EventMixin, IndexView):
    """The event's registrants with counts, filters and search; buttons for the rest."""

    model = Registration
    # EventMixin decides who may see the list: no model-wide permission is asked for.
    any_permission_required = None
    template_name = "registrations/admin/index.html"
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email"]
    search_backend_name = None
    default_ordering = "registered_at"
    paginate_by = 100
    header_icon = "clipboard-list"

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        # The files come from ExportView (SPEC's columns, formula-safe), not from
        # Wagtail's generic ?export= of this listing.
        self.is_export = False

    def get_base_queryset(self):
        return Registration.objects.filter(event=self.event).annotate(
            sessions_attended=Count("attendances")
        )

    @cached_property
    def places_in_line(self) -> dict[int, int]:
        """Each waiting registrant's place, in one query for the whole page."""
        waiting = seats.waiting_list(self.event).values_list("pk", flat=True)
        return {pk: place for place, pk in enumerate(waiting, start=1)}

    def get_page_title(self) -> str:
        return pgettext("admin menu", "Registrations")

    def get_page_subtitle(self) -> str:
        return self.event.title

    def get_index_url(self) -> str:
        return self.event_url("index")

    def get_index_results_url(self) -> str:
        return self.event_url("index_results")

    @cached_property
    def list_display(self) -> list:
        return [
            "name",
            "email",
            "organisation",
            Column(
                "status",
                label=_("Status"),
                accessor=lambda r: _status(r, self.places_in_line.get(r.pk)),
                sort_key="status",
            ),
            Column(
                "registered_at",
                label=_("Registered"),
                accessor=_registered_at,
                sort_key="registered_at",
            ),
            Column(
                "sessions_attended",
                label=_("Sessions attended"),
                sort_key="sessions_attended",
            ),
        ]

    def get_list_more_buttons(self, instance: Registration) -> list:
        if instance.status == Status.WAITLISTED:
            label = _("Move to a seat")
        elif instance.status == Status.CONFIRMED:
            label = _("Move to the waiting list")
        else:
            return []
        return [
            Button(
                label, url=self.event_url("move", instance.pk), icon_name="resubmit", priority=10
            )
        ]

    @cached_property
    def header_buttons(self) -> list:
        return [
            HeaderButton(_("Add a registrant"), url=self.event_url("add"), icon_name="plus"),
            HeaderButton(
                _("Issue certificates"), url=self.event_url("certificates"), icon_name="doc-full"
            ),
            HeaderButton(
                _("Download XLSX"),
                url=self.event_url("export", "xlsx"),
                icon_name="download",
            ),
        ]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "event": self.event,
                "counts": event_counts(self.event),
                "sessions": [
                    {
                        "day": day,
                        "check_in_url": self.event_url("check_in", day.isoformat()),
                        "sheet_url": self.event_url("sign_in_sheet", day.isoformat()),
                    }
                    for day in attendance.sessions(self.event)
                ],
                "exports": [
                    (
                        _("Attendance list (XLSX: list and totals)"),
                        self.event_url("export", "xlsx"),
                    ),
                    (_("Attendance list (CSV)"), self.event_url("export", "csv")),
                    (
                        _("By organisation (CSV)"),
                        self.event_url("export", "csv") + "?part=organisations",
                    ),
                    (
                        _("By municipality (CSV)"),
                        self.event_url("export", "csv") + "?part=municipalities",
                    ),
                ],
            }
        )
        return context


# Adding by hand and moving ----------------------------------------------------


class StaffRegistrationForm(RegistrationForm):
    """The web form's fields and checks, and the language the person's e-mails are in."""

    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        label=gettext_lazy("Language of the e-mails"),
    )


class AddRegistrationView(EventMixin, WagtailAdminTemplateMixin, FormView):
    """A phone sign-up: a seat or the waiting list, exactly as on the web, and the same e-mail."""

    form_class = StaffRegistrationForm
    template_name = "registrations/admin/add.html"
    header_icon = "plus"

    def get_page_title(self) -> str:
        return _("Add a registrant")

    def get_page_subtitle(self) -> str:
        return self.event.title

    def form_valid(self, form: StaffRegistrationForm) -> HttpResponse:
        data = form.cleaned_data
        sign_up = seats.SignUp(
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            needs=data["needs"],
            language=data["language"],
        )
        outcome = seats.register(self.event, sign_up, by_staff=True)
        registration = outcome.registration
        if not outcome.created:
            messages.warning(
                self.request,
                _("%(email)s is on this event's list already: %(status)s.")
                % {"email": registration.email, "status": _status(registration)},
            )
            return self.render_to_response(self.get_context_data(form=form), status=409)
        if registration.status == Status.WAITLISTED:
            message = _("%(name)s is on the waiting list (no. %(place)s); an e-mail tells them.")
        else:
            message = _("%(name)s has a seat; the confirmation is on its way to them.")
        messages.success(
            self.request,
            message % {"name": registration.name, "place": registration.place_in_line()},
        )
        return HttpResponseRedirect(self.event_url("index"))

    def form_invalid(self, form: StaffRegistrationForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "event": self.event,
            "counts": event_counts(self.event),
        }


class MoveView(EventMixin, WagtailAdminTemplateMixin, View):
    """GET asks to confirm the move; POST moves between the waiting list and a seat."""

    template_name = "registrations/admin/move.html"
    header_icon = "resubmit"

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.registration = get_object_or_404(
            Registration, pk=kwargs["registration_id"], event=self.event
        )

    def get_page_title(self) -> str:
        if self.registration.status == Status.WAITLISTED:
            return _("Move to a seat")
        return _("Move to the waiting list")

    def get_page_subtitle(self) -> str:
        return self.registration.name

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.registration.status == Status.CANCELLED:
            raise Http404
        return TemplateResponse(
            request,
            self.template_name,
            self.get_context_data(
                registration=self.registration,
                counts=event_counts(self.event),
                to_seat=self.registration.status == Status.WAITLISTED,
                back_url=self.event_url("index"),
            ),
        )

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        registration = self.registration
        try:
            if registration.status == Status.WAITLISTED:
                seats.seat(registration)
                messages.success(
                    request,
                    _("%(name)s has a seat now; an e-mail tells them.")
                    % {"name": registration.name},
                )
            else:
                moved = seats.to_waiting_list(registration)
                text = _("%(name)s is on the waiting list now; an e-mail tells them.") % {
                    "name": registration.name
                }
                if moved:
                    text += " " + _("The seat went to %(names)s.") % {
                        "names": ", ".join(person.name for person in moved)
                    }
                messages.success(request, text)
        except seats.NoSeatFree:
            messages.error(
                request,
                _(
                    "Every seat is taken. Raise the number of seats on the event's page, "
                    "or move someone to the waiting list first."
                ),
            )
        except seats.WrongStatus:
            messages.error(
                request,
                _("%(name)s was moved or cancelled meanwhile; nothing changed.")
                % {"name": registration.name},
            )
        return HttpResponseRedirect(self.event_url("index"), status=303)


class IssueCertificatesView(EventMixin, WagtailAdminTemplateMixin, View):
    """GET shows who qualifies; POST issues their certificates and mails them (once each)."""

    template_name = "registrations/admin/certificates.html"
    header_icon = "doc-full"

    def get_page_title(self) -> str:
        return _("Issue certificates")

    def get_page_subtitle(self) -> str:
        return self.event.title

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        qualifying = list(certificates.qualifying(self.event).select_related("certificate"))
        return TemplateResponse(
            request,
            self.template_name,
            self.get_context_data(
                qualifying=qualifying,
                without=[r for r in qualifying if not hasattr(r, "certificate")],
                required=certificates.sessions_required(self.event),
                sessions=len(attendance.sessions(self.event)),
                back_url=self.event_url("index"),
            ),
        )

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        outcome = notices.issue_certificates(self.event)
        messages.success(
            request,
            _(
                "Certificates issued now: %(now)s (earlier: %(before)s). "
                "E-mails on their way: %(queued)s."
            )
            % {
                "now": outcome.issued_now,
                "before": outcome.issued_before,
                "queued": outcome.queued,
            },
        )
        return HttpResponseRedirect(self.event_url("index"), status=303)


# Files -----------------------------------------------------------------------


class ExportView(EventMixin, View):
    """The attendance list as a download: XLSX (all parts) or one CSV part."""

    def get(self, request: HttpRequest, *args, fmt: str, **kwargs) -> HttpResponse:
        part = request.GET.get("part", "list")
        if fmt not in exports.FORMATS or part not in exports.PARTS:
            return HttpResponse(
                _("Choose XLSX or CSV, and a part: list, organisations or municipalities."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        name = self.event.slug
        if fmt == "xlsx":
            content = exports.xlsx_bytes(self.event)
            response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
        else:
            content = exports.csv_bytes(self.event, part)
            response = HttpResponse(content, content_type=exports.CSV_CONTENT_TYPE)
            if part != "list":
                name = f"{name}-{part}"
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
