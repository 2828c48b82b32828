"""Template tags for news and events."""

from django import template
from django.utils import formats, timezone

from blog.calendar import Occurrence

register = template.Library()


@register.filter
def when(occurrence: Occurrence) -> str:
    """ "2026. gada 15. decembris, 10.00–14.00" in Latvian; dates and times in Riga."""
    start = timezone.localtime(occurrence.start)
    end = timezone.localtime(occurrence.end)
    start_day = formats.date_format(start, "DATE_FORMAT")
    start_time = formats.time_format(start, "TIME_FORMAT")
    end_time = formats.time_format(end, "TIME_FORMAT")
    if start.date() == end.date():
        return f"{start_day}, {start_time}–{end_time}"
    end_day = formats.date_format(end, "DATE_FORMAT")
    return f"{start_day}, {start_time} – {end_day}, {end_time}"
