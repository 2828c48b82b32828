from django.apps import AppConfig


class NavigationConfig(AppConfig):
    """What surrounds every page, the anonymous page cache and the search."""

    name = "navigation"

    def ready(self) -> None:
        from . import purges

        purges.connect()
