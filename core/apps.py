from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared base every app builds on; it has no models of its own."""

    name = "core"
