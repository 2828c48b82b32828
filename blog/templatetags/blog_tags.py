"""Template tags for news and events."""

from django import template
from django.db.models import Q, prefetch_related_objects
from django.template.loader import get_template
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from blog import calendar
from blog.calendar import Occurrence
from blog.models import BlogPage, EventPage, Recurrence
from core.fragments import cached_fragments, fragment_key
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
        .defer("body")  # a list shows no post's body
        .order_by("-date", "-pk")[:count]
    )
    return {"request": context.get("request"), "posts": list(posts)}


@register.inclusion_tag("blog/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, home: Page, count: int = 3) -> dict:
    """The next sittings of public events in the home page's language."""
    now = timezone.now()
    # A one-off event that is over has nothing left to show: left out in the
    # query, so years of past events cost nothing here. Repeating events are
    # few and their rule decides.
    events = (
        EventPage.objects.listed()
        .exclude(restricted_here_or_above())
        .descendant_of(home)
        .filter(Q(end__gte=now) | ~Q(recurrence=Recurrence.NONE))
        .defer("body")
    )
    occurrences = calendar.upcoming(events, now)[:count]
    return {"request": context.get("request"), "occurrences": occurrences}


@register.filter
def when_with_weekday(occurrence: Occurrence) -> str:
    """ "ceturtdiena, 2026. gada 10. decembris, 17.00–19.00": the weekday first, so a
    list of a group's dates shows at a glance that it always meets on a Thursday."""
    weekday = formats.date_format(timezone.localtime(occurrence.start), "l")
    return f"{weekday}, {when(occurrence)}"


def picture_shown(image) -> tuple | None:
    """What of an image a card's picture shows: a new file or focal point, a new card."""
    if image is None:
        return None
    return (
        image.pk, image.file_hash, image.focal_point_x, image.focal_point_y,
        image.focal_point_width, image.focal_point_height,
    )  # fmt: skip


def page_shown(page: Page) -> tuple:
    """What of a listed page its card shows: any publish or move makes a new card."""
    return (translation.get_language(), page.pk, page.url_path, page.last_published_at)


def cached_cards(
    context,
    kind: str,
    template_name: str,
    items: list,
    shown,
    prefetch: tuple[str, ...] = (),
    **extra: object,
) -> list[SafeString]:
    """Each item's card rendered with ``template_name``, kept between renders.

    A card is most of a list's rendering and rarely changes: see
    core/fragments.py for the keys. ``shown(item)`` names what the card
    shows; ``extra`` goes into the template's context and the key. What
    only a card's rendering reads (``prefetch``, e.g. the pictures'
    renditions) is fetched for the cards not kept, in one query each.
    """
    request = context.get("request")
    card = get_template(template_name)
    names = sorted(extra)
    keys = [
        fragment_key(kind, request, *(extra[name] for name in names), *shown(item))
        for item in items
    ]
    rendered = cached_fragments(
        keys,
        lambda index: card.render({"item": items[index], "request": request, **extra}),
        prepare=lambda missing: prefetch_related_objects([items[i] for i in missing], *prefetch),
    )
    return [mark_safe(html) for html in rendered]


@register.simple_tag(takes_context=True)
def post_cards(context, posts, heading: str = "h2", with_categories: bool = False) -> SafeString:
    """The posts' cards (``blog/includes/post_card.html``: its picture in six sizes)."""
    return mark_safe(
        "".join(
            cached_cards(
                context,
                "post-card",
                "blog/includes/post_card.html",
                list(posts),
                lambda post: (*page_shown(post), picture_shown(post.hero_image)),
                prefetch=("hero_image__renditions", "categories")
                if with_categories
                else ("hero_image__renditions",),
                heading=heading,
                with_categories=with_categories,
            )
        )
    )


@register.simple_tag(takes_context=True)
def occurrence_heads(context, occurrences) -> list[tuple[Occurrence, SafeString]]:
    """Each occurrence with its card's title and time (the seats left are live, not kept)."""
    occurrences = list(occurrences)
    heads = cached_cards(
        context,
        "occurrence-head",
        "blog/includes/occurrence_head.html",
        occurrences,
        lambda occurrence: (
            *page_shown(occurrence.event),
            occurrence.start,
            occurrence.end,
            occurrence.event.venue,
        ),
    )
    return list(zip(occurrences, heads, strict=True))


@register.simple_tag(takes_context=True)
def hero_picture(context, page: BlogPage) -> SafeString:
    """The post's picture in nine renditions (three widths, three formats), kept between renders."""
    return cached_cards(
        context,
        "hero-picture",
        "blog/includes/hero_picture.html",
        [page],
        lambda post: (picture_shown(post.hero_image), post.hero_alt),
    )[0]
