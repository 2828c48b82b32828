from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NavigationConfig(AppConfig):
    """What surrounds every page, the anonymous page cache and the search."""

    name = "navigation"
    verbose_name = _("Navigation")

    def ready(self) -> None:
        from . import purges

        purges.connect()
