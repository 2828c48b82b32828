"""The site search and the site map for people."""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Locale, Page

from core.cache_tags import GLOBAL, subtree_tag
from home.models import HomePage

from .search import search_words

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    """Search the live pages of the active language only (no untranslated aliases)."""
    query = search_words(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        pages = (
            Page.objects.live().public().filter(locale=Locale.get_active(), alias_of__isnull=True)
        )
        # Filtering a search by alias_of raises FilterFieldError: pre-filter by id.
        results = Page.objects.filter(pk__in=pages.values("pk")).specific().search(query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage:
        page_of_results = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request, "home/search.html", {"query": query, "results": page_of_results}
    )


def search_moved(request: HttpRequest) -> HttpResponse:
    """/lv/search/ moved to /lv/meklet/: a permanent redirect keeping the query."""
    target = reverse("search")
    if request.GET:
        target += "?" + request.GET.urlencode()
    return HttpResponsePermanentRedirect(target)


@dataclass
class SiteMapEntry:
    """A page on the site map, with the pages below it."""

    page: Page
    children: list["SiteMapEntry"] = field(default_factory=list)


def site_map_tree(home: HomePage) -> list[SiteMapEntry]:
    """Every live, public, translated page of home's language as a tree, home first.

    One query: pages come in tree order (by path), so each page's parent is
    already placed when the page is reached.
    """
    pages = (
        Page.objects.descendant_of(home, inclusive=True)
        .live()
        .public()
        .filter(alias_of__isnull=True)
        .order_by("path")
    )
    by_path: dict[str, SiteMapEntry] = {}
    roots: list[SiteMapEntry] = []
    for page in pages:
        entry = SiteMapEntry(page)
        parent = by_path.get(page.path[: -Page.steplen])
        (parent.children if parent else roots).append(entry)
        by_path[page.path] = entry
    return roots


def site_map(request: HttpRequest) -> HttpResponse:
    """ "Lapas karte" / "Site map": the whole site of the active language."""
    home = HomePage.objects.filter(locale=Locale.get_active()).first()
    tree = site_map_tree(home) if home else []
    if home:
        # Cached like a page; any publish below the home page refreshes it.
        request.page_cache_tags = [GLOBAL, subtree_tag(home.pk)]
    return TemplateResponse(request, "home/site_map.html", {"tree": tree})
