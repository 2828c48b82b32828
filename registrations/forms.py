"""The registration form on an event's page (SPEC section 8: its field names are fixed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NAME_MAX_LENGTH, NEEDS_MAX_LENGTH, ORGANISATION_MAX_LENGTH


class RegistrationForm(forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX_LENGTH,
        label=_("Name and surname"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        max_length=254, label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation = forms.CharField(
        max_length=ORGANISATION_MAX_LENGTH,
        required=False,
        label=_("Organisation"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    needs = forms.CharField(
        max_length=NEEDS_MAX_LENGTH,
        required=False,
        label=_("Accessibility or other needs"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
