"""What surrounds every page (menu, feeds, footer), built once per language.

The chrome depends only on pages right under the home page, the featured
project, the legal pages and site settings: exactly what the page cache's
``global`` tag covers. So it is cached per language under that tag's
version and rebuilt after such a change, costing no queries in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from blog.models import BlogIndexPage, EventIndexPage
from core.cache_tags import global_version
from core.pages import restricted_here_or_above
from home.models import HomePage, SiteSettings


@dataclass
class MenuLink:
    title: str
    url: str
    path: str  # the page's tree path: the current page is "in" it if its path starts so


@dataclass
class Chrome:
    home_url: str = "/"
    home: MenuLink | None = None  # the language's home page, first of every breadcrumb trail
    menu: list[MenuLink] = field(default_factory=list)
    rss_url: str = ""
    atom_url: str = ""
    news_title: str = ""
    featured_project: Page | None = None
    contact: object | None = None  # the SiteSettings: address, e-mail, social links
    accessibility_url: str = ""
    privacy_url: str = ""
    news_url: str = ""  # the news and events lists, "" where missing or private
    events_url: str = ""
    easy_read_url: str = ""  # only where the easy-read page is written in the page's language


def build_chrome(request: HttpRequest) -> Chrome:
    """Everything around the page in the active language, in seven queries or fewer.

    The first visitor after a publish that touches the menu (or after a
    deploy) pays for this, so related rows come along with each query and
    a lookup the menu or the Latvian source already answers is not asked.
    """
    site = Site.find_for_request(request)
    if site is None:
        return Chrome()
    language = get_supported_content_language_variant(get_language())
    # The locale and the featured project come along: the footer names it.
    home = (
        HomePage.objects.select_related("featured_project", "locale")
        .filter(translation_key=site.root_page.translation_key, locale__language_code=language)
        .first()
    )
    locale = home.locale if home is not None else Locale.get_active()
    home = home or site.root_page.specific
    chrome = Chrome(home_url=home.get_url(request=request) or "/")
    chrome.home = MenuLink(title=home.title, url=chrome.home_url, path=home.path)
    # Whether each is private comes along: the home page links the public lists.
    menu = list(
        home.get_children().live().in_menu().annotate(restricted=restricted_here_or_above())
    )
    chrome.menu = [
        MenuLink(title=child.title, url=child.get_url(request=request), path=child.path)
        for child in menu
    ]
    news = listing(menu, BlogIndexPage, locale)
    if news is not None:
        chrome.news_title = news.title
        base = news.get_url(request=request)
        chrome.rss_url, chrome.atom_url = base + "feed/rss/", base + "feed/atom/"
        chrome.news_url = "" if news.restricted else base
    events = listing(menu, EventIndexPage, locale)
    if events is not None and not events.restricted:
        chrome.events_url = events.get_url(request=request)
    if isinstance(home, HomePage):
        chrome.featured_project = home.featured_project_in(locale)
    # The legal pages come along: the footer links each of them.
    site_settings = (
        SiteSettings.objects.select_related("accessibility_page", "privacy_page", "easy_read_page")
        .filter(site=site)
        .first()
    ) or SiteSettings.for_site(site)
    chrome.contact = site_settings
    legal = legal_pages(site_settings, locale)
    for attribute, page in (
        ("accessibility_url", site_settings.accessibility_page),
        ("privacy_url", site_settings.privacy_page),
    ):
        if page is not None and page.translation_key in legal:
            setattr(chrome, attribute, legal[page.translation_key].get_url(request=request))
    easy_read = site_settings.easy_read_page
    if easy_read is not None:
        translated = legal.get(easy_read.translation_key)
        # An untranslated copy (alias) is not easy read in this language.
        if translated is not None and translated.alias_of_id is None:
            chrome.easy_read_url = translated.get_url(request=request)
    return chrome


def listing(menu: list[Page], model: type[Page], locale: Locale) -> Page | None:
    """The language's list of a kind (news, events): the menu's, else the first there is.

    The page carries ``restricted``: True when a view restriction covers it.
    """
    kind = ContentType.objects.get_for_model(model)
    for page in menu:
        if page.content_type_id == kind.pk:
            return page
    return (
        model.objects.live()
        .filter(locale=locale)
        .annotate(restricted=restricted_here_or_above())
        .first()
    )


def legal_pages(site_settings: SiteSettings, locale: Locale) -> dict[object, Page]:
    """The live legal pages of the settings in ``locale``, by translation key."""
    chosen = [
        page
        for page in (
            site_settings.accessibility_page,
            site_settings.privacy_page,
            site_settings.easy_read_page,
        )
        if page is not None
    ]
    if all(page.locale_id == locale.pk and page.live for page in chosen):
        return {page.translation_key: page for page in chosen}
    return {
        page.translation_key: page
        for page in Page.objects.live().filter(
            locale=locale, translation_key__in=[page.translation_key for page in chosen]
        )
    }


def site_chrome(request: HttpRequest) -> Chrome:
    """The chrome of the active language: from the request, the cache, or built."""
    memo = getattr(request, "_site_chrome", None)
    if memo is not None:
        return memo
    version = global_version(request)
    key = f"chrome:{get_language()}:{request.get_host()}:{version}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = build_chrome(request)
        cache.set(key, chrome, 24 * 3600)
    request._site_chrome = chrome
    return chrome
