"""Template tags that bring news and events into the page chrome."""

from django import template
from django.utils import formats, timezone
from wagtail.models import Locale

from blog.calendar import Occurrence
from blog.models import BlogIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def news_index(context) -> BlogIndexPage | None:
    """The active language's news index (its feeds are announced on every page)."""
    request = context.get("request")
    cache = getattr(request, "_news_index", None) if request else None
    if cache is not None:
        return cache or None
    index = BlogIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    if request is not None:
        request._news_index = index or False
    return index


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
