"""Template tags for the page chrome: navigation, languages, breadcrumbs, social meta."""

import datetime
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import Max
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.pages import SitePage
from navigation.chrome import Chrome, MenuLink, site_chrome

register = template.Library()


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    # True when the link leads to this page's own translation (worth an hreflang).
    is_translation: bool


@register.simple_tag(takes_context=True)
def chrome(context) -> Chrome:
    """Menu, feeds and footer data of the active language (see navigation.chrome)."""
    request = context.get("request")
    return site_chrome(request) if request is not None else Chrome()


@register.simple_tag(takes_context=True)
def easy_read_url(context) -> str:
    """The header's "Viegli lasīt": the page's own easy-read version, else the site's."""
    own = getattr(context.get("page"), "own_easy_read_url", None)
    return (own() if own else "") or chrome(context).easy_read_url


@register.simple_tag(takes_context=True)
def menu_links(context) -> list[tuple[MenuLink, bool]]:
    """The menu, each link with whether the current page is in its section."""
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return [(link, current_path.startswith(link.path)) for link in chrome(context).menu]


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per site language: the page's own translation where there is one."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations: dict[str, Page] = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request=request)
        elif request is not None:
            url = translate_url(request.path, code)
        else:
            url = f"/{code}/"
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                is_current=code == current,
                is_translation=code in translations,
            )
        )
    return links


@register.simple_tag(takes_context=True)
def absolute(context, url: str) -> str:
    """An absolute URL on the public origin."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list[MenuLink]:
    """Ancestors of the page below the tree root, home page first.

    Most pages live right under the home page or one step below a menu
    page, so the chrome already knows every ancestor; only deeper pages ask
    the database.
    """
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    site = chrome(context)
    known = {link.path: link for link in [site.home, *site.menu] if link is not None}
    steps = [page.path[:end] for end in range(2 * page.steplen, len(page.path), page.steplen)]
    if all(step in known for step in steps):
        return [known[step] for step in steps]
    request = context.get("request")
    return [
        MenuLink(title=ancestor.title, url=ancestor.get_url(request=request), path=ancestor.path)
        for ancestor in page.get_ancestors().filter(depth__gt=1)
    ]


@register.simple_tag(takes_context=True)
def last_updated(context) -> datetime.datetime | None:
    """When the page last changed for a reader: its last publish, or its newest
    subpage's when later (a list page changes when an item is added)."""
    page = context.get("page")
    if not isinstance(page, Page) or page.last_published_at is None:
        return None
    updated = page.last_published_at
    if page.numchild:
        newest = (
            Page.objects.descendant_of(page)
            .live()
            .filter(alias_of__isnull=True)
            .aggregate(newest=Max("last_published_at"))["newest"]
        )
        if newest and newest > updated:
            updated = newest
    return updated.replace(microsecond=0)


@dataclass
class SocialMeta:
    title: str
    description: str
    url: str
    image: str
    type: str


@register.simple_tag(takes_context=True)
def social_meta(context) -> SocialMeta:
    """What search engines and social networks show for the page."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        return SocialMeta(
            title=_("Human: an Agent of Change!"),
            description=_("A social-work project with families in Kurzeme and Zemgale."),
            url="",
            image=settings.SITE_URL + static("img/social.png"),
            type="website",
        )
    if isinstance(page, SitePage):
        description, image, kind = page.social_text, page.social_image_url, page.social_type
    else:  # Wagtail's own page types
        description, image, kind = page.search_description, "", "website"
    image = image or settings.SITE_URL + static("img/social.png")
    return SocialMeta(
        title=page.seo_title or page.title,
        description=Truncator(description).chars(300),
        url=settings.SITE_URL + (page.get_url(request=request) or ""),
        image=image,
        type=kind,
    )
