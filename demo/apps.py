from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Holds only the demo content and its management command; no models."""

    name = "demo"
    verbose_name = "Demo content"
