"""Sending from the admin: "Send…" on an issue, then the dispatch's progress and report.

Views only: what a send would reach and how it went are in newsletter.reports,
how it is sent in newsletter.sending. Sending needs `newsletter.add_dispatch`
(the "Jaunumu vēstules pārvaldnieki" group has it, editors do not); reading
the reports needs `newsletter.view_dispatch`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_required
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from . import reports, sending, tasks
from .forms import SendForm
from .models import STALLED_AFTER, Dispatch, MailingList, NewsletterIssuePage
from .rendering import RenderingError

SEND_PERMISSION = "newsletter.add_dispatch"
VIEW_PERMISSION = "newsletter.view_dispatch"


# Wagtail's own denial: back to the dashboard with a message, as for its other screens.
may_send = method_decorator(permission_required(SEND_PERMISSION), name="dispatch")
may_view = method_decorator(permission_required(VIEW_PERMISSION), name="dispatch")


# "16 English readers would get Latvian": who, by their language (plural forms in the .po).
LANGUAGE_READERS = {
    "en": lambda number: (
        ngettext(
            "%(count)d English reader would get the Latvian version: translate the issue "
            "first, or send it in Latvian.",
            "%(count)d English readers would get the Latvian version: translate the issue "
            "first, or send it in Latvian.",
            number,
        )
        % {"count": number}
    ),
}


@may_send
class SendIssueView(WagtailAdminTemplateMixin, TemplateView):
    """Choose lists → see the recipients by language → confirm. A test copy any time."""

    template_name = "newsletter/admin/send.html"
    header_icon = "mail"

    def dispatch(self, request: HttpRequest, page_id: int) -> HttpResponse:
        # Any translation's id means the whole issue, shown by its Latvian version.
        issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
        self.versions = dict(sorted(issue.versions().items()))
        self.issue = self.versions.get("lv") or issue
        if "lv" not in self.versions:
            # Nothing can be sent or tested before the Latvian version is live:
            # say so on every step instead of answering "sent" for nothing.
            return self.unpublished(request)
        return super().dispatch(request, page_id)

    def unpublished(self, request: HttpRequest) -> HttpResponse:
        """The screen that says why an issue cannot be sent yet."""
        context = self.get_context_data(unpublished=True)
        status = 400 if request.method == "POST" else 200
        return self.render_to_response(context, status=status)

    def get_page_title(self) -> str:
        return _("Send “%(title)s”") % {"title": self.issue.title}

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.issue.pk]),
                "label": self.issue.title,
            },
            {"url": "", "label": _("Send")},
        ]

    def get(self, request: HttpRequest, page_id: int) -> HttpResponse:
        form = SendForm(
            issue=self.issue, initial={"lists": MailingList.objects.filter(is_default=True)}
        )
        return self.render_to_response(self.get_context_data(form=form, step="choose"))

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        action = request.POST.get("action")
        form = SendForm(request.POST, issue=self.issue)
        if action == "test":
            self.send_test(request)
            step = (
                "review" if request.POST.get("step") == "review" and form.is_valid() else "choose"
            )
            return self.render_step(form, step)
        if not form.is_valid():
            return self.render_step(form, request.POST.get("step") or "choose", status=400)
        if action == "confirm":
            return self.confirm(request, form)
        return self.render_step(form, "review")

    def render_step(self, form: SendForm, step: str, status: int = 200) -> HttpResponse:
        context = self.get_context_data(form=form, step=step)
        if step == "review" and form.is_valid():
            counts = reports.recipient_counts(self.issue, form.cleaned_data["lists"])
            context.update(
                counts=counts,
                total=sum(counts.values()),
                untranslated_messages=[
                    LANGUAGE_READERS[language](number)
                    for language, number in reports.untranslated_readers(
                        self.issue, form.cleaned_data["lists"]
                    ).items()
                    if language in LANGUAGE_READERS
                ],
            )
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            issue=self.issue,
            versions=self.versions,
            sender=settings.NEWSLETTER_FROM_EMAIL,
            dispatches=Dispatch.objects.filter(issue__translation_key=self.issue.translation_key)
            .prefetch_related("lists")
            .order_by("-created_at"),
        )
        return context

    def send_test(self, request: HttpRequest) -> None:
        address = request.user.email
        if not address:
            messages.error(
                request, _("Your account has no e-mail address: add one in your account settings.")
            )
            return
        try:
            for version in self.versions.values():
                sending.send_test(version, address)
        except RenderingError as error:
            messages.error(request, str(error))
            return
        messages.success(
            request,
            _("A test copy in each language has been sent to %(address)s.") % {"address": address},
        )

    def confirm(self, request: HttpRequest, form: SendForm) -> HttpResponse:
        try:
            dispatch = sending.create_dispatch(
                self.issue,
                form.cleaned_data["lists"],
                scheduled_for=form.cleaned_data["scheduled_for"],
            )
        except (sending.SendRefused, RenderingError) as error:
            messages.error(request, str(error))
            return self.render_step(form, "review", status=400)
        if dispatch.state == Dispatch.State.SENDING:
            transaction.on_commit(lambda: tasks.start(dispatch))
        return redirect("dispatches:detail", dispatch.pk)


@may_view
class DispatchIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Every send, newest first."""

    template_name = "newsletter/admin/dispatch_index.html"
    page_title = gettext_lazy("Sends")
    header_icon = "mail"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        dispatches = Dispatch.objects.select_related("issue").prefetch_related("lists")
        context["rows"] = reports.progress_of_each(dispatches, limit=100)
        return context


@may_view
class DispatchDetailView(WagtailAdminTemplateMixin, TemplateView):
    """A live progress bar while sending; after, counts, a chart and a table by organisation."""

    template_name = "newsletter/admin/dispatch_detail.html"
    header_icon = "mail"

    def dispatch(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.object = get_object_or_404(Dispatch.objects.select_related("issue"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self) -> str:
        return _("Send of “%(title)s”") % {"title": self.object.issue.title}

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("dispatches:index"), "label": _("Sends")},
            {"url": "", "label": self.object.issue.title},
        ]

    @cached_property
    def progress(self) -> reports.Progress:
        return reports.progress(self.object)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        template = _("{done} of {total} done ({percent} %)")
        context.update(
            dispatch=self.object,
            progress=self.progress,
            progress_template=template,
            progress_text=template.format(
                done=self.progress.done, total=self.progress.total, percent=self.progress.percent
            ),
            chart=reports.chart(self.progress),
            stalled_minutes=int(STALLED_AFTER.total_seconds() // 60),
            organisations=reports.by_organisation(self.object) if self.progress.finished else [],
            can_cancel=self.request.user.has_perm(SEND_PERMISSION)
            and self.object.state in (Dispatch.State.SENDING, Dispatch.State.SCHEDULED),
        )
        return context


@permission_required(VIEW_PERMISSION)
def dispatch_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """What the progress bar polls."""
    dispatch = get_object_or_404(Dispatch, pk=pk)
    return JsonResponse(reports.progress(dispatch).as_dict())


@permission_required(VIEW_PERMISSION)
def organisation_report(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    """The report by organisation as a file: CSV (for Excel: `;`, UTF-8 with BOM) or XLSX."""
    if file_format not in reports.ORGANISATION_FILES:
        raise Http404
    dispatch = get_object_or_404(Dispatch, pk=pk)
    filename = f"e-apkartraksts-{dispatch.pk}-organizacijas.{file_format}"
    content, content_type = reports.ORGANISATION_FILES[file_format](dispatch)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@permission_required(SEND_PERMISSION)
def cancel_dispatch(request: HttpRequest, pk: int) -> HttpResponse:
    dispatch = get_object_or_404(Dispatch, pk=pk)
    if dispatch.state in (Dispatch.State.SENDING, Dispatch.State.SCHEDULED):
        sending.cancel(dispatch)
        messages.success(
            request, _("The send has been cancelled; messages already sent stay sent.")
        )
    return redirect("dispatches:detail", pk)


class DispatchMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(VIEW_PERMISSION)


class DispatchViewSet(ViewSet):
    """The "Sends" screens of the newsletter menu, and "Send…" on an issue."""

    name = "dispatches"
    icon = "mail"
    menu_label = gettext_lazy("Sends")
    menu_item_class = DispatchMenuItem

    def get_urlpatterns(self) -> list:
        return [
            path("", DispatchIndexView.as_view(), name="index"),
            path("<int:pk>/", DispatchDetailView.as_view(), name="detail"),
            path("<int:pk>/progress/", dispatch_progress, name="progress"),
            path("<int:pk>/cancel/", cancel_dispatch, name="cancel"),
            path(
                "<int:pk>/organisations.<str:file_format>",
                organisation_report,
                name="organisations",
            ),
            path("send/<int:page_id>/", SendIssueView.as_view(), name="send"),
        ]
