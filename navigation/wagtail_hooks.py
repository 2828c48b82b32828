"""Wagtail hooks of the navigation app: pages tell the page cache what they show."""

from wagtail import hooks

from . import page_cache


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    """Tell the page cache what the page about to be rendered depends on."""
    if page.get_view_restrictions().exists():
        return None
    request.page_cache_tags = page_cache.page_tags(page)
    return None
