"""What every page type of the site declares, instead of others guessing it.

Lists, search results, the social-media tags and the page cache used to ask
a page for ``lead``, ``summary`` or ``intro`` in whatever order each of them
chose, and the page cache kept a hidden flag and a special case for one page
type. Each page type now says it itself, in the manner of wagtail.org's
page mixins, by putting ``SitePage`` first among its bases::

    class BlogPage(SitePage, Page):
        @property
        def listing_summary(self) -> str:
            return self.lead

``SitePage`` is a plain class, not a model: it has no fields, so declaring
it changes no table and needs no migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import HttpRequest
from django.urls import Resolver404
from django.utils.functional import cached_property

from .cache_tags import GLOBAL, page_tag, subtree_tag

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, PageViewRestriction
    from wagtail.url_routing import RouteResult


class SitePage:
    """The shared behaviour of every page type; put it before ``Page`` in the bases."""

    # True for a page type shown around every page wherever it lives (the
    # footer's featured project): a change to one purges every cached page.
    # Pages right under a home page (the menu) are shown so anyway.
    shown_around_pages: ClassVar[bool] = False
    # What the page is to social networks (OpenGraph og:type).
    social_type: ClassVar[str] = "website"

    @property
    def listing_summary(self) -> str:
        """The page's short plain text where lists and search results name it, or ""."""
        return ""

    @property
    def social_text(self) -> str:
        """The description search engines and social networks show for the page."""
        return self.search_description or self.listing_summary

    @property
    def social_image(self) -> AbstractImage | None:
        """The image shown when the page is shared, or None for the site's own."""
        return None

    @cached_property
    def social_image_url(self) -> str:
        """The social image cut for sharing (OpenGraph, structured data), or ""."""
        image = self.social_image
        if image is None:
            return ""
        return settings.SITE_URL + image.get_rendition("fill-1200x630|format-jpeg").url

    def cache_dependencies(self) -> list[str]:
        """The page cache's tags of what the rendered page shows (core/cache_tags.py).

        The page itself, anything below it (lists of subpages) and what
        surrounds every page. A page that shows other pages (its siblings,
        its whole language) adds their tags.
        """
        return [GLOBAL, page_tag(self.pk), subtree_tag(self.pk)]

    def language_tree_tag(self) -> str:
        """The tag of the page's whole language tree (below its home page)."""
        return subtree_tag(self.get_ancestors().get(depth=2).pk)

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        """The page's view restrictions, read once per request, not twice.

        Both the page cache's hook and Wagtail's own check ask before
        serving; the page object lives for one request, so the answer cannot
        go stale.
        """
        if not hasattr(self, "_view_restrictions"):
            restrictions = view_restrictions_over(self.path, self.steplen)
            restrictions._fetch_all()
            self._view_restrictions = restrictions
        return self._view_restrictions


def view_restrictions_over(path: str, steplen: int) -> QuerySet[PageViewRestriction]:
    """The restrictions on the page at ``path`` and its ancestors, in one query.

    The same answer as Wagtail's ``Page.get_view_restrictions`` (an alias
    counts its source's restrictions, not its own), which reads the
    ancestors first and costs a query or two more on every page served.
    """
    from wagtail.models import Page, PageViewRestriction

    paths = [path[:end] for end in range(steplen, len(path) + 1, steplen)]
    aliased_sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values(
        "alias_of_id"
    )
    return PageViewRestriction.objects.filter(
        Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__in=aliased_sources)
    )


# Lists ask these on every render. Written as SQL, because Django builds an
# Exists() subquery anew for each queryset and that cost ~2 ms a list, more
# than the query itself. "wagtailcore_page" is the page table of any page
# type's query (Django names a joined parent table by itself).
_RESTRICTED_ITSELF = (
    "EXISTS (SELECT 1 FROM wagtailcore_pageviewrestriction AS restriction"
    ' WHERE restriction.page_id = "wagtailcore_page"."id")'
)
_RESTRICTED_HERE_OR_ABOVE = (
    "EXISTS (SELECT 1 FROM wagtailcore_pageviewrestriction AS restriction"
    " INNER JOIN wagtailcore_page AS restricted ON restricted.id = restriction.page_id"
    ' WHERE "wagtailcore_page"."path" LIKE restricted.path || %s)'
)


def restricted_itself() -> RawSQL:
    """True for a page that carries its own view restriction.

    Lists use this instead of Wagtail's ``public()``, which first reads every
    restriction of the site in a query of its own. Restrictions on the list's
    ancestors need no check here: Wagtail already asked the visitor for them
    before serving the list.
    """
    return RawSQL(_RESTRICTED_ITSELF, [], output_field=BooleanField())


def restricted_here_or_above() -> RawSQL:
    """True for a page under a view restriction, its own or an ancestor's.

    What Wagtail's ``public()`` excludes, but checked inside the query:
    ``public()`` first reads every restriction of the site in a query of its
    own. A restriction applies when its page's path starts the page's path
    (tree paths are digits and capitals: nothing in them is a LIKE wildcard).
    """
    return RawSQL(_RESTRICTED_HERE_OR_ABOVE, ["%"], output_field=BooleanField())


def route_below(root: Page, request: HttpRequest, components: list[str]) -> RouteResult:
    """Wagtail's routing from ``root`` down ``components``, with fewer queries.

    Wagtail walks the tree one slug at a time, two queries a level (the
    child, then its specific object): five for a news post. The pages along
    the path are found here in one query by their ``url_path`` instead, and
    the deepest one routes the rest of the path as Wagtail would. Where a
    page along the way answers the rest of the path with a route of its own
    (RoutablePageMixin), which Wagtail lets win over its children, Wagtail's
    own walk decides.
    """
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    url_paths = [
        root.url_path + "/".join(components[:depth]) + "/"
        for depth in range(1, len(components) + 1)
    ]
    chain = {page.url_path: page for page in Page.objects.filter(url_path__in=url_paths)}
    found = 0
    while found < len(components) and url_paths[found] in chain:
        found += 1
    if found == 0:
        return Page.route(root, request, components)
    for depth, url_path in enumerate(url_paths[: found - 1], start=1):
        page = chain[url_path]
        model = page.specific_class
        if model is not None and issubclass(model, RoutablePageMixin) and page.live:
            try:
                model.get_resolver().resolve("/" + "/".join(components[depth:]) + "/")
            except Resolver404:
                continue
            return Page.route(root, request, components)
    return chain[url_paths[found - 1]].specific.route(request, components[found:])
