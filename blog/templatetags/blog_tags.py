"""Template tags that bring news and events into the page chrome."""

from django import template
from wagtail.models import Locale

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
