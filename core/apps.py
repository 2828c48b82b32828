from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared base every app builds on; it has no models of its own."""

    name = "core"
    verbose_name = _("Shared base")
