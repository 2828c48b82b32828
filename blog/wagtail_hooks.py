"""Wagtail hooks of news and events."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def hero_alt_from_the_image() -> str:
    """The script that fills a post's main image alt text from the chosen image."""
    return format_html('<script src="{}" defer></script>', static("blog/js/hero-alt.js"))
