from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """The admin as project staff use it: Latvian dates, start page, guide."""

    name = "staff"
    verbose_name = _("Staff")
