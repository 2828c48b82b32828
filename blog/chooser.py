"""The admin's page chooser, opened where the pages it offers live.

Wagtail opens a chooser restricted to one page type at the first common
ancestor of all such pages. News posts live under two news lists, one per
language, so that ancestor is the tree's "Root" and an editor choosing posts
for an e-bulletin had to find "Jaunumi" first. For posts, and for events, the
chooser now opens at the list of the active language (the admin's, else
Latvian). Mounted in website/urls.py in front of Wagtail's own URL.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Locale

from blog.models import BlogIndexPage, BlogPage, EventIndexPage, EventPage

# A chooser for these page types opens at their list.
LIST_OF = {
    BlogPage._meta.label_lower: BlogIndexPage,
    EventPage._meta.label_lower: EventIndexPage,
}


class ListFirstBrowseView(BrowseView):
    """Wagtail's chooser, starting at the news (or events) list when nothing is open yet."""

    def get(self, request: HttpRequest, parent_page_id: int | None = None) -> HttpResponse:
        if parent_page_id is None:
            list_model = LIST_OF.get(request.GET.get("page_type", "").lower())
            if list_model is not None:
                lists = list_model.objects.filter(locale=Locale.get_active())
                first = (
                    lists.first() or list_model.objects.filter(locale__language_code="lv").first()
                )
                if first is not None:
                    parent_page_id = first.pk
        return super().get(request, parent_page_id)
