"""The admin's CSV import of subscribers: the upload, the worker's progress, the report.

The rules live in newsletter.importing; a big file is imported by a Celery
task (newsletter.tasks.run_import_job) while this page polls its progress.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from . import importing, tasks
from .models import (
    ImportJob,
    MailingList,
    Subscriber,
)

# An upload bigger than this is refused before it is read: 80 partners make
# a few kilobytes, and tens of thousands of rows still fit.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    """The admin's CSV import: the same options as `manage.py newsletter_import`."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email,name,organisation,language,lists (only email is required); "
            "separated by , or ;; saved as UTF-8. At most 5 MB."
        ),
    )
    mailing_list = forms.ModelChoiceField(
        queryset=MailingList.objects.all(),
        required=False,
        label=_("List"),
        empty_label=_("The file's lists column, or the default list"),
        help_text=_("For rows whose lists column is empty."),
    )
    confirmed = forms.BooleanField(
        required=False,
        label=_("They have already agreed: no confirmation e-mail"),
        help_text=_("Otherwise each new person gets the double opt-in e-mail."),
    )
    consent = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Consent wording they agreed to"),
        help_text=_("Required when they have already agreed; kept in each consent record."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        content = upload.read()
        if not content.strip():
            raise ValidationError(_("The file is empty."))
        if b"\x00" in content:
            raise ValidationError(
                _("This is not a CSV text file. In Excel choose Save As → “CSV UTF-8”.")
            )
        return content

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confirmed") and not cleaned.get("consent", "").strip():
            self.add_error("consent", _("Write the wording they agreed to."))
        return cleaned


def import_summary(report: dict) -> str:
    """ "77 imported, 3 rows skipped, 0 already there, unchanged." in the user's language."""
    parts = [
        ngettext("%(counter)s imported", "%(counter)s imported", len(report["imported"])),
        ngettext("%(counter)s row skipped", "%(counter)s rows skipped", len(report["skipped"])),
        ngettext(
            "%(counter)s already there, unchanged",
            "%(counter)s already there, unchanged",
            len(report["unchanged"]),
        ),
    ]
    counts = (len(report["imported"]), len(report["skipped"]), len(report["unchanged"]))
    return (
        ", ".join(part % {"counter": count} for part, count in zip(parts, counts, strict=True))
        + "."
    )


class SubscriberImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a CSV; a worker imports it while its page shows the progress, then the report.

    A file that cannot be read as CSV is refused here, in the request; the
    import itself (up to 5 MB, some 80,000 rows) takes longer than a request may.
    """

    model = Subscriber
    permission_required = "add"
    form_class = ImportForm
    template_name = "newsletter/admin/import.html"
    page_title = _("Import subscribers")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("subscribers:index"), "label": Subscriber._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form: ImportForm) -> HttpResponse:
        try:
            job = importing.start_job(
                form.cleaned_data["file"],
                user=self.request.user,
                language=get_language(),
                mailing_list=form.cleaned_data["mailing_list"],
                confirmed=form.cleaned_data["confirmed"],
                consent=form.cleaned_data["consent"],
            )
        except importing.ImportRefused as refusal:
            form.add_error("file", str(refusal))
            return self.form_invalid(form)
        # The job is committed already (no ATOMIC_REQUESTS): the worker finds it.
        tasks.run_import_job.delay(job.pk)
        return redirect("subscribers:import_job", job.pk)

    def form_invalid(self, form: ImportForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportJobView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """An import's progress while a worker runs it, then its report."""

    model = Subscriber
    permission_required = "add"
    template_name = "newsletter/admin/import_report.html"
    page_title = _("Import subscribers")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("subscribers:index"), "label": Subscriber._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        job = get_object_or_404(ImportJob, pk=kwargs["pk"])
        context.update(job=job, progress=import_progress(job))
        if job.state == ImportJob.State.FINISHED:
            context["summary"] = import_summary(job.report)
        return context


def import_progress(job: ImportJob) -> dict:
    """What the import page shows and polls."""
    done = job.state in (ImportJob.State.FINISHED, ImportJob.State.FAILED)
    return {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.rows_done,
        "total": job.rows_total,
        "percent": 100 * job.rows_done // job.rows_total if job.rows_total else 100 * done,
        "finished": done,
    }


class ImportProgressView(PermissionCheckedMixin, View):
    model = Subscriber
    permission_required = "add"

    def get(self, request: HttpRequest, pk: int) -> JsonResponse:
        return JsonResponse(import_progress(get_object_or_404(ImportJob, pk=pk)))


class ImportTemplateView(PermissionCheckedMixin, View):
    """A CSV file to fill in, with the Latvian headers the import reads."""

    model = Subscriber
    permission_required = "add"

    def get(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="abonenti-paraugs.csv"'
        return response
