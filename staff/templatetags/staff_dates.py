"""Absolute dates where Wagtail's admin says "35 minutes ago".

Latvian needs the dative after "pirms" ("pirms 35 minūtēm"), which Django's
and Wagtail's catalogues cannot give ("Pirms 35 minūte"): the admin shows the
moment in the Latvian short form (01.12.2026. 09.00) instead. The project's
overrides of Wagtail's templates load these in place of Wagtail's
timesince_last_update and workflow_status_with_date.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def absolute_moment(moment: datetime.datetime | datetime.date | None) -> str:
    """01.12.2026. 09.00 (a date alone: 01.12.2026.), in the admin's language."""
    if moment is None:
        return ""
    if isinstance(moment, datetime.datetime):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "SHORT_DATETIME_FORMAT")
    return date_format(moment, "SHORT_DATE_FORMAT")


@register.simple_tag
def last_update_at(moment: datetime.datetime, user_display_name: str = "") -> str:
    """ "01.12.2026. 09.00, Ilze" where Wagtail says "35 minutes ago by Ilze"."""
    if user_display_name:
        return _("%(time)s by %(user_display_name)s") % {
            "time": absolute_moment(moment),
            "user_display_name": user_display_name,
        }
    return absolute_moment(moment)


@register.simple_tag
def workflow_status_at(workflow_state) -> str:
    """Wagtail's workflow_status_with_date, with the moment as a date."""
    task_state = workflow_state.current_task_state
    context = {
        "finished_at": absolute_moment(task_state.finished_at),
        "started_at": absolute_moment(task_state.started_at),
        "task_name": task_state.task.name,
        "status_display": workflow_state.get_status_display(),
    }
    if workflow_state.status == "needs_changes":
        return _("Changes requested %(finished_at)s") % context
    if workflow_state.status == "in_progress":
        return _("Sent to %(task_name)s %(started_at)s") % context
    return _("%(status_display)s %(task_name)s %(started_at)s") % context
