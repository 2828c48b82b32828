from django.apps import AppConfig


class NavigationConfig(AppConfig):
    """What surrounds every page, the anonymous page cache and the search."""

    name = "navigation"
    # A site's host or root page decides every page's address (navigation/sites.py).
    shown_around_pages = ["wagtailcore.Site"]

    def ready(self) -> None:
        from . import purges

        purges.connect()
