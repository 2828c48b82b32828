"""Columns and views shared by the newsletter's admin screens (Latvian-friendly)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import InspectView


def short_date(field: str, label) -> Column:
    """A date column in the Latvian short form (06.12.2014.), sortable.

    Wagtail's own date column says "3 days ago", whose Latvian plurals Django
    gets wrong.
    """

    def value(instance) -> str:
        moment = getattr(instance, field)
        return date_format(localtime(moment), "SHORT_DATE_FORMAT") if moment else ""

    return Column(field, label=label, accessor=value, sort_key=field)


def yes_no(field: str, label) -> Column:
    """A yes/no column in words: Wagtail's BooleanColumn titles its icons "True"/"False"."""

    def value(instance) -> str:
        return _("Yes") if getattr(instance, field) else _("No")

    return Column(field, label=label, accessor=value, sort_key=field)


class LatvianInspectView(InspectView):
    """Details with an empty value shown as a dash, where Wagtail prints "None"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value
