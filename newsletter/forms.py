"""The subscribe forms (footer and newsletter page) and the preferences form."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import MailingList, Organisation


class SubscribeForm(forms.Form):
    """The footer sends the e-mail alone; the newsletter page sends the rest too."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    organisation = forms.ModelChoiceField(
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
    lists = forms.ModelMultipleChoiceField(
        MailingList.objects.all(),
        label=_("Lists"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # A field people do not see and bots fill in.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(forms.Form):
    """What a subscriber may change from the link in every e-mail."""

    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    lists = forms.ModelMultipleChoiceField(
        MailingList.objects.all(),
        label=_("Lists"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick every list to receive nothing."),
    )
