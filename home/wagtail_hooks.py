"""Wagtail hooks of the site app."""

from django.db import models
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override

from . import page_cache
from .forms import DecimalCommaField

# Every decimal on a page or snippet form takes the Latvian "3,5".
register_form_field_override(models.DecimalField, override={"form_class": DecimalCommaField})


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    """Tell the page cache what the page about to be rendered depends on."""
    if page.get_view_restrictions().exists():
        return None
    request.page_cache_tags = page_cache.page_tags(page)
    return None
