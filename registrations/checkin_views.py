"""At the door and on paper: the check-in screen and the sign-in sheet of one session.

The check-in screen is made for a phone: one large button per seated
registrant; a tap marks them present (``registrations.attendance.mark``) and
a second tap takes it back. With JavaScript the tap is a fetch POST and the
page stays where it is; without, the same button posts its form and the page
comes back at that name. The sign-in sheet is a page of its own (no admin
frame) with a print stylesheet: the funders ask for signed attendance lists.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from home.featured import featured_project

from . import attendance
from .admin_views import EventMixin
from .models import Attendance, Registration

Status = Registration.Status
# Empty rows at the foot of the sign-in sheet, for people who come unannounced.
BLANK_ROWS = 5


def present_text(present: int, seated: int) -> str:
    """The count shown above the list and announced after each tap."""
    return _("Present: %(present)s of %(seated)s") % {"present": present, "seated": seated}


class SessionMixin(EventMixin):
    """The session named in the URL by its date; a date without one is a 404."""

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        try:
            self.session = datetime.date.fromisoformat(kwargs["session"])
        except ValueError:
            raise Http404 from None
        if self.session not in attendance.sessions(self.event):
            raise Http404

    @cached_property
    def seated(self) -> list[Registration]:
        """The seated registrants by name, each with ``present`` for this session."""
        present = set(
            Attendance.objects.filter(
                registration__event=self.event, session=self.session
            ).values_list("registration_id", flat=True)
        )
        people = list(
            Registration.objects.filter(event=self.event, status=Status.CONFIRMED).order_by(
                "name", "pk"
            )
        )
        for person in people:
            person.present = person.pk in present
        return people

    def session_label(self) -> str:
        return date_format(self.session, "DATE_FORMAT")


class CheckInView(SessionMixin, WagtailAdminTemplateMixin, View):
    """GET: the list of seated registrants; POST: one of them present or not."""

    template_name = "registrations/admin/check_in.html"
    header_icon = "tick"

    def get_page_title(self) -> str:
        return _("Check-in")

    def get_page_subtitle(self) -> str:
        return f"{self.event.title}, {self.session_label()}"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        people = self.seated
        present = sum(person.present for person in people)
        return TemplateResponse(
            request,
            self.template_name,
            self.get_context_data(
                event=self.event,
                session=self.session,
                people=people,
                present_text=present_text(present, len(people)),
                check_in_url=self.event_url("check_in", self.session.isoformat()),
                sheet_url=self.event_url("sign_in_sheet", self.session.isoformat()),
                list_url=self.event_url("index"),
                sessions=[
                    (day, self.event_url("check_in", day.isoformat()))
                    for day in attendance.sessions(self.event)
                ],
            ),
        )

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        wants_json = "application/json" in request.headers.get("Accept", "")
        registration = self._registration(request.POST.get("registration", ""))
        present = request.POST.get("present")
        if registration is None or present not in ("0", "1"):
            message = _("That registrant is not on this event's list.")
            if wants_json:
                return JsonResponse({"error": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        attendance.mark(registration, self.session, present=present == "1")
        if wants_json:
            seated = len(self.seated)
            count = sum(person.present for person in self.seated)
            return JsonResponse(
                {"present": present == "1", "count": count, "text": present_text(count, seated)}
            )
        url = self.event_url("check_in", self.session.isoformat())
        return HttpResponseRedirect(f"{url}#person-{registration.pk}", status=303)

    def _registration(self, value: str) -> Registration | None:
        if not value.isdigit():
            return None
        return (
            Registration.objects.filter(pk=int(value), event=self.event)
            .exclude(status=Status.CANCELLED)
            .first()
        )


class SignInSheetView(SessionMixin, View):
    """A printable sheet: the seated by name, their organisation and room to sign."""

    template_name = "registrations/admin/sign_in_sheet.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        project = featured_project(self.event.get_site(), self.event.locale)
        return TemplateResponse(
            request,
            self.template_name,
            {
                "event": self.event,
                "session": self.session,
                "people": self.seated,
                "blank_rows": range(BLANK_ROWS),
                "acknowledgement": getattr(project, "acknowledgement", ""),
                "back_url": self.event_url("index"),
            },
        )
