from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("News and events")
    # Shown around every page (the footer's categories): a change purges the page cache.
    shown_around_pages = ["blog.BlogCategory"]
