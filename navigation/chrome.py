"""What surrounds every page (menu, feeds, footer), built once per language.

The chrome depends only on pages right under the home page, the featured
project, the legal pages and site settings: exactly what the page cache's
``global`` tag covers. So it is cached per language under that tag's
version and rebuilt after such a change, costing no queries in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from blog.models import BlogIndexPage
from core.cache_tags import GLOBAL, current_versions
from home.models import HomePage, SiteSettings


@dataclass
class MenuLink:
    title: str
    url: str
    path: str  # the page's tree path: the current page is "in" it if its path starts so


@dataclass
class Chrome:
    home_url: str = "/"
    menu: list[MenuLink] = field(default_factory=list)
    rss_url: str = ""
    atom_url: str = ""
    news_title: str = ""
    featured_project: Page | None = None
    contact: object | None = None  # the SiteSettings: address, e-mail, social links
    accessibility_url: str = ""
    privacy_url: str = ""
    easy_read_url: str = ""  # only where the easy-read page is written in the page's language


def build_chrome(request: HttpRequest) -> Chrome:
    site = Site.find_for_request(request)
    if site is None:
        return Chrome()
    locale = Locale.get_active()
    home = site.root_page.specific.get_translation_or_none(locale) or site.root_page.specific
    chrome = Chrome(home_url=home.get_url(request=request) or "/")
    chrome.menu = [
        MenuLink(title=child.title, url=child.get_url(request=request), path=child.path)
        for child in home.get_children().live().in_menu()
    ]
    news = BlogIndexPage.objects.live().filter(locale=locale).first()
    if news is not None:
        chrome.news_title = news.title
        base = news.get_url(request=request)
        chrome.rss_url, chrome.atom_url = base + "feed/rss/", base + "feed/atom/"
    if isinstance(home, HomePage):
        chrome.featured_project = home.featured_project_in(locale)
    site_settings = SiteSettings.for_request(request)
    chrome.contact = site_settings
    legal = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            locale=locale,
            translation_key__in=[
                page.translation_key
                for page in (
                    site_settings.accessibility_page,
                    site_settings.privacy_page,
                    site_settings.easy_read_page,
                )
                if page is not None
            ],
        )
    }
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


def site_chrome(request: HttpRequest) -> Chrome:
    """The chrome of the active language: from the request, the cache, or built."""
    memo = getattr(request, "_site_chrome", None)
    if memo is not None:
        return memo
    version = current_versions([GLOBAL])[GLOBAL]
    key = f"chrome:{get_language()}:{request.get_host()}:{version}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = build_chrome(request)
        cache.set(key, chrome, 24 * 3600)
    request._site_chrome = chrome
    return chrome
