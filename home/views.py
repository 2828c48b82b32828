"""The site search."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    """Search the live pages of the active language only (no untranslated aliases)."""
    query = request.GET.get("q", "").strip()[:200]
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
