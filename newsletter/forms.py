"""The subscribe forms (footer and newsletter page), the preferences form, "Send…"."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from .mailboxes import NOT_A_MAILBOX_CODE, MailboxFormField
from .models import IssueSentToList, MailingList, NewsletterIssuePage, Organisation, normalise_email

# The largest id a database can hold; SQLite raises OverflowError (a 500)
# on a bigger number instead of finding nothing.
LARGEST_ID = 2**63 - 1


def refuse_impossible_ids(field: forms.ModelChoiceField, values: list) -> None:
    """An id that no row can have is refused like any unknown choice."""
    for value in values:
        try:
            number = int(str(value).strip())
        except ValueError:
            continue  # not a number at all: the field's own check refuses it
        if abs(number) > LARGEST_ID:
            raise forms.ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )


def canonical_email(address: str, field: forms.EmailField) -> str:
    """The address as it is stored (newsletter.models.normalise_email), checked again:
    Unicode normalisation can turn a valid spelling into an invalid one."""
    address = normalise_email(address)
    for validator in field.validators:
        validator(address)
    return address


class ChoiceOfOne(forms.ModelChoiceField):
    def to_python(self, value):
        refuse_impossible_ids(self, [value] if value not in self.empty_values else [])
        return super().to_python(value)


class ChoiceOfMany(forms.ModelMultipleChoiceField):
    def clean(self, value):
        refuse_impossible_ids(self, value if isinstance(value, list | tuple) else [value])
        return super().clean(value)


class SubscribeForm(forms.Form):
    """The footer sends the e-mail alone; the newsletter page sends the rest too."""

    email = MailboxFormField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    organisation = ChoiceOfOne(
        Organisation.objects.all(),
        label=_("Organisation"),
        required=False,
        empty_label=_("— not listed or private person —"),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.RadioSelect,
    )
    lists = ChoiceOfMany(
        MailingList.objects.all(),
        label=_("Lists"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # A field people do not see and bots fill in.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def clean_email(self) -> str:
        """The canonical address (one mailbox, one subscriber), which must still be valid."""
        return canonical_email(self.cleaned_data["email"], self.fields["email"])

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    @property
    def is_not_a_mailbox(self) -> bool:
        """An address, but of no internet mailbox (root@localhost): its own message."""
        return self.has_error("email", code=NOT_A_MAILBOX_CODE)


class PreferencesForm(forms.Form):
    """What a subscriber may change from the link in every e-mail."""

    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    lists = ChoiceOfMany(
        MailingList.objects.all(),
        label=_("Lists"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick every list to receive nothing."),
    )


class SendForm(forms.Form):
    """ "Send…" in the admin: which lists, and optionally when."""

    lists = ChoiceOfMany(
        MailingList.objects.all(),
        label=_("Lists"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one list.")},
    )
    scheduled_for = forms.DateTimeField(
        label=_("Send later (optional)"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leave empty to send now."),
    )

    def __init__(self, *args, issue: NewsletterIssuePage, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.issue = issue

    def clean_lists(self):
        lists = list(self.cleaned_data["lists"])
        already = IssueSentToList.objects.list_names(self.issue, lists)
        if already:
            raise forms.ValidationError(
                _("This issue has already been sent to: %(lists)s. Each list gets an issue once."),
                params={"lists": ", ".join(already)},
            )
        return lists

    def clean_scheduled_for(self):
        when = self.cleaned_data["scheduled_for"]
        if when is not None and when <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty."))
        return when
