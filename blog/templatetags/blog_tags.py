"""Template tags for news and events."""

from django import template
from django.utils import formats, timezone
from wagtail.models import Page

from blog import calendar
from blog.calendar import Occurrence
from blog.models import BlogIndexPage, BlogPage, EventIndexPage, EventPage
from core.pages import restricted_here_or_above

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


@register.inclusion_tag("blog/includes/latest_news.html", takes_context=True)
def latest_news(context, home: Page, count: int = 4) -> dict:
    """The newest public posts of the home page's language, for the home page."""
    posts = (
        BlogPage.objects.listed()
        .exclude(restricted_here_or_above())
        .descendant_of(home)
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .order_by("-date", "-pk")[:count]
    )
    index = (
        BlogIndexPage.objects.live().exclude(restricted_here_or_above()).descendant_of(home).first()
    )
    return {"request": context.get("request"), "posts": list(posts), "index": index}


@register.inclusion_tag("blog/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, home: Page, count: int = 3) -> dict:
    """The next sittings of public events in the home page's language."""
    events = EventPage.objects.listed().exclude(restricted_here_or_above()).descendant_of(home)
    index = (
        EventIndexPage.objects.live()
        .exclude(restricted_here_or_above())
        .descendant_of(home)
        .first()
    )
    return {
        "request": context.get("request"),
        "occurrences": calendar.upcoming(events)[:count],
        "index": index,
    }


@register.filter
def when_with_weekday(occurrence: Occurrence) -> str:
    """ "ceturtdiena, 2026. gada 10. decembris, 17.00–19.00": the weekday first, so a
    list of a group's dates shows at a glance that it always meets on a Thursday."""
    weekday = formats.date_format(timezone.localtime(occurrence.start), "l")
    return f"{weekday}, {when(occurrence)}"
