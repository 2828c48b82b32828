"""Subscribers in the Wagtail admin: the list, the form and the named status actions.

Views only: the rules live in newsletter.privacy (GDPR export and erase) and
newsletter.status (the only writer of a subscriber's status: staff change it
through named actions that record who and why, never through the edit form).
Deleting a subscriber here is always the GDPR erase, so that no way round the
anonymisation exists. The CSV import's screens are in newsletter.import_views.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
)
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log

from . import importing, links, privacy, status, subscriptions
from .admin_columns import LatvianInspectView, short_date
from .forms import canonical_email
from .import_views import (
    ImportJobView,
    ImportProgressView,
    ImportTemplateView,
    SubscriberImportView,
)
from .models import Subscriber, normalise_email

NEW_LINKS_LABEL = _("New personal links")


class SubscriberIndexView(IndexView):
    """The subscribers list, with an import button and the importer's CSV columns."""

    # Wagtail's "Add %(model_name)s" puts the name in the nominative ("Pievienot
    # abonents"); Latvian needs the accusative, so each list names its own.
    add_item_label = _("Add a subscriber")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")

    @cached_property
    def search_query(self) -> str:
        """An address is looked up as it is stored, however it was typed (a GDPR request)."""
        query = super().search_query
        return normalise_email(query) if "@" in query else query

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(_("Import CSV"), url=reverse("subscribers:import"), icon_name="upload")
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = [
            button
            for button in super().get_list_more_buttons(instance)
            if button.url != self.get_delete_url(instance)
        ]
        buttons.append(
            Button(
                _("Export data"),
                url=reverse("subscribers:export_person", args=[instance.pk]),
                icon_name="download",
                priority=40,
            )
        )
        if self.user_has_permission("delete"):
            buttons.append(
                Button(
                    _("Erase personal data"),
                    url=self.get_delete_url(instance),
                    icon_name="bin",
                    priority=50,
                )
            )
        return buttons

    def to_row_dict(self, item):
        # The same columns and values as `manage.py newsletter_export`, so an
        # export can be imported again.
        return dict(zip(importing.EXPORT_COLUMNS, importing.export_row(item), strict=True))

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.prefetch_related("lists") if self.is_export else queryset


class SubscriberForm(WagtailAdminModelForm):
    """Who a subscriber is and what they read; never their status (newsletter.status).

    The address is stored canonical (a twin of another subscriber's address
    is a form error, not a 500), an address on the suppression list cannot
    be added by hand, and saving writes only these fields: a form opened
    before the person unsubscribed does not undo it.
    """

    class Meta:
        model = Subscriber
        fields = ["email", "name", "organisation", "language", "lists"]

    def clean_email(self) -> str:
        email = canonical_email(self.cleaned_data["email"], self.fields["email"])
        self.address_changed = email != self.instance.email
        if not self.address_changed:
            return email
        if Subscriber.objects.filter(email=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("A subscriber with this e-mail address already exists."))
        if status.is_suppressed(email):
            raise ValidationError(
                _(
                    "This address has opted out of the e-bulletin (or its mail bounced or was "
                    "reported as spam). It cannot be added again; the person can subscribe "
                    "themselves and confirm."
                )
            )
        return email

    def save(self, commit: bool = True) -> Subscriber:
        subscriber = super().save(commit=False)
        if commit:
            subscriber.save(update_fields=[f for f in self._meta.fields if f != "lists"])
            self.save_m2m()
        return subscriber


class SubscriberCreateView(CreateView):
    """A person added by hand: pending, with a consent record, and asked to confirm."""

    def save_instance(self):
        data = self.form.cleaned_data
        subscriber = status.add(
            data["email"],
            name=data["name"],
            organisation=data["organisation"],
            language=data["language"],
            lists=list(data["lists"]),
            consent=subscriptions.admin_consent(self.request.user),
            user=self.request.user,
        )
        log(instance=subscriber, action="wagtail.create", user=self.request.user)
        subscriptions.offer_confirmation(subscriber)
        return subscriber


class SubscriberEditView(EditView):
    """Editing who a subscriber is; a new address must be confirmed from that address."""

    delete_item_label = _("Erase personal data")

    def save_instance(self):
        subscriber = super().save_instance()
        if self.form.address_changed:
            status.address_changed(
                subscriber,
                consent=subscriptions.admin_consent(self.request.user, address_changed=True),
                user=self.request.user,
            )
            if subscriber.status == Subscriber.Status.PENDING:
                subscriptions.offer_confirmation(subscriber)
        return subscriber

    @cached_property
    def header_more_buttons(self):
        buttons = [
            *super().header_more_buttons,
            Button(
                _("Export data"),
                url=reverse("subscribers:export_person", args=[self.object.pk]),
                icon_name="download",
                priority=40,
            ),
            Button(
                NEW_LINKS_LABEL,
                url=reverse("subscribers:new_links", args=[self.object.pk]),
                icon_name="link",
                priority=45,
            ),
        ]
        for action in (SubscriberUnsubscribeView, SubscriberResendConfirmationView):
            if action.allowed(self.object):
                buttons.append(
                    Button(
                        action.page_title,
                        url=reverse(f"subscribers:{action.url_name}", args=[self.object.pk]),
                        icon_name=action.header_icon,
                        priority=30,
                    )
                )
        return buttons


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the subscriber's history with your name."),
    )


class SubscriberStatusActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """A named change of a subscriber's status: who did it and why go to their history."""

    model = Subscriber
    permission_required = "change"
    form_class = ReasonForm
    template_name = "newsletter/admin/status_action.html"
    url_name = ""
    explanation = ""

    @staticmethod
    def allowed(subscriber: Subscriber) -> bool:
        raise NotImplementedError

    def apply(self, reason: str) -> None:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(Subscriber, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("subscribers:index"), "label": Subscriber._meta.verbose_name_plural},
            {"url": reverse("subscribers:edit", args=[self.object.pk]), "label": str(self.object)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            allowed=self.allowed(self.object),
            action_url=reverse(f"subscribers:{self.url_name}", args=[self.object.pk]),
            **kwargs,
        )

    def form_valid(self, form: ReasonForm) -> HttpResponse:
        if not self.allowed(self.object):
            return self.render_to_response(self.get_context_data(form=form), status=400)
        self.apply(form.cleaned_data["reason"])
        return HttpResponseRedirect(reverse("subscribers:edit", args=[self.object.pk]))

    def form_invalid(self, form: ReasonForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SubscriberUnsubscribeView(SubscriberStatusActionView):
    page_title = _("Unsubscribe at the person's request")
    header_icon = "cross"
    url_name = "unsubscribe"
    explanation = _(
        "The person gets no more issues. Only they can subscribe again, by confirming "
        "from their own mailbox."
    )

    @staticmethod
    def allowed(subscriber: Subscriber) -> bool:
        return subscriber.status in Subscriber.ON_LISTS

    def apply(self, reason: str) -> None:
        status.unsubscribe(
            self.object, source=status.Source.ADMIN, user=self.request.user, reason=reason
        )
        messages.success(self.request, _("%(email)s is unsubscribed.") % {"email": self.object})


class SubscriberResendConfirmationView(SubscriberStatusActionView):
    page_title = _("Send the confirmation e-mail again")
    header_icon = "mail"
    url_name = "resend_confirmation"
    explanation = _(
        "The person gets a new confirmation link; nothing changes until they click it. "
        "At most two confirmation e-mails a day go to an address."
    )

    @staticmethod
    def allowed(subscriber: Subscriber) -> bool:
        return subscriber.status in (Subscriber.Status.PENDING, Subscriber.Status.UNSUBSCRIBED)

    def apply(self, reason: str) -> None:
        if subscriptions.offer_confirmation(self.object):
            log(
                instance=self.object,
                action="newsletter.confirmation_sent",
                user=self.request.user,
                data={"reason": reason},
            )
            messages.success(
                self.request, _("A confirmation e-mail went to %(email)s.") % {"email": self.object}
            )
        else:
            messages.warning(
                self.request,
                _("%(email)s has had two confirmation e-mails today; try tomorrow.")
                % {"email": self.object},
            )


class SubscriberNewLinksView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """ "New links": every personal link the person was ever sent stops working.

    For a forwarded e-mail or a link that leaked: whoever has it could change
    the person's settings or unsubscribe them. GET asks, POST rotates the
    secret (newsletter.links) and the history records who did it.
    """

    model = Subscriber
    permission_required = "change"
    template_name = "newsletter/admin/new_links.html"
    page_title = NEW_LINKS_LABEL
    header_icon = "link"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.object = get_object_or_404(Subscriber, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.object.email

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        links.rotate(self.object)
        log(instance=self.object, action=links.NEW_LINKS_ACTION, user=request.user)
        messages.success(
            request,
            _("%(email)s has new links; the old ones no longer work.")
            % {"email": self.object.email},
        )
        return HttpResponseRedirect(reverse("subscribers:edit", args=[pk]))


class SubscriberEraseView(DeleteView):
    """GDPR erase: a confirmation page, then newsletter.privacy.erase on POST."""

    template_name = "newsletter/admin/erase.html"
    page_title = _("Erase personal data")
    success_message = _("The personal data of %(object)s have been erased.")

    @property
    def confirmation_message(self):
        return _("Erase everything about %(email)s?") % {"email": self.object.email}

    def get_success_message(self):
        return self.success_message % {"object": self.object.email}

    def delete_action(self):
        # The history keeps who erased subscriber #pk; erase() removes the address.
        log(instance=self.object, action="wagtail.delete", user=self.request.user, deleted=True)
        privacy.erase(self.object)


class SubscriberDataExportView(PermissionCheckedMixin, View):
    """GDPR access and portability: everything about one person, as a JSON file."""

    model = Subscriber
    permission_required = "view"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        subscriber = get_object_or_404(Subscriber, pk=pk)
        response = JsonResponse(
            privacy.export_person(subscriber),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
        response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
        return response


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "subscribers"
    icon = "user"
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = SubscriberIndexView
    inspect_view_class = LatvianInspectView
    add_view_class = SubscriberCreateView
    edit_view_class = SubscriberEditView
    delete_view_class = SubscriberEraseView
    list_display = [
        "email",
        Column("name", label=pgettext_lazy("person", "Name"), sort_key="name"),
        "organisation",
        "language",
        "status",
        short_date("created_at", _("Subscribed")),
        short_date("confirmed_at", _("Confirmed")),
        short_date("unsubscribed_at", _("Unsubscribed")),
    ]
    list_filter = ["status", "lists", "language", "organisation"]
    search_fields = ["email", "name", "organisation__name"]
    search_backend_name = None
    list_export = importing.EXPORT_COLUMNS
    export_headings = {column: column for column in importing.EXPORT_COLUMNS}
    export_filename = "subscribers"
    inspect_view_fields = [
        "email",
        "name",
        "organisation",
        "language",
        "status",
        "lists",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]

    def get_form_class(self, for_update: bool = False):
        return SubscriberForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", self.import_view, name="import"),
            path("import/<int:pk>/", ImportJobView.as_view(), name="import_job"),
            path("import/<int:pk>/progress/", ImportProgressView.as_view(), name="import_progress"),
            path("import/template.csv", ImportTemplateView.as_view(), name="import_template"),
            path("export-data/<int:pk>/", self.export_person_view, name="export_person"),
            path(
                "unsubscribe/<int:pk>/",
                SubscriberUnsubscribeView.as_view(),
                name=SubscriberUnsubscribeView.url_name,
            ),
            path(
                "resend-confirmation/<int:pk>/",
                SubscriberResendConfirmationView.as_view(),
                name=SubscriberResendConfirmationView.url_name,
            ),
            path("new-links/<int:pk>/", self.new_links_view, name="new_links"),
        ]

    @cached_property
    def new_links_view(self):
        return SubscriberNewLinksView.as_view()

    @cached_property
    def import_view(self):
        return SubscriberImportView.as_view()

    @cached_property
    def export_person_view(self):
        return SubscriberDataExportView.as_view()
