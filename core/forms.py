"""Form fields of the admin that read numbers the way Latvian editors type them."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# Spaces people and spreadsheets put between thousands: "12 470", "12 470".
_THOUSANDS_SPACES = re.compile(r"[\s\u00a0\u202f]")


class DecimalCommaField(forms.DecimalField):
    """A decimal number typed "3,5" (Latvian) or "3.5"; both store 3.5.

    A browser's number box is no use here: Chromium drops a comma it takes
    for a thousands separator, so "3,5" arrived as 35. This is a text box
    with the decimal keypad on phones; the Latvian admin shows "3,5" back.
    Both a comma and a dot in one number ("1.234,5") are refused, not guessed.
    """

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter a number, for example 3,5.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["inputmode"] = "decimal"
        return attrs

    def to_python(self, value: Any):
        if isinstance(value, str):
            value = _THOUSANDS_SPACES.sub("", value)
            if "," in value and "." in value:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = value.replace(",", ".")
        return super().to_python(value)


class SitePageForm(WagtailAdminPageForm):
    """The admin form of every page type of the site.

    Wagtail puts the slug on the "Promote" tab and reports a clash only
    there, so an editor on "Content" saw "could not be saved" and nothing
    else. The clash is also named above the tabs (a form-wide error, which
    Wagtail's message lists on whatever tab is open).
    """

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        slug = self.data.get("slug", "")
        if self.has_error("slug") and slug and self.parent_page is not None:
            taken = self.parent_page.get_children().filter(slug=slug)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    None,
                    _(
                        "The address “%(slug)s” is already used by another page in the same "
                        "place. Change the slug (beside the settings for search engines)."
                    )
                    % {"slug": slug},
                )
        return cleaned_data
