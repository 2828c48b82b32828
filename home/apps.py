from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")
    # Shown around every page (the footer): a change purges the page cache.
    shown_around_pages = ["home.Partner", "home.SiteSettings", "home.AccessibilityStatement"]

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
