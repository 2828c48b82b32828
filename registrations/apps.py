from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registrations for events (SPEC section 8)."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from core import live_figures, personal_data

        from . import privacy, results
        from .models import Attendance

        # Results counted from attendance (registrations/results.py).
        live_figures.register(results.SOURCE)
        post_save.connect(results.attendance_changed, sender=Attendance, dispatch_uid="results")
        post_delete.connect(results.attendance_changed, sender=Attendance, dispatch_uid="results")
        page_published.connect(results.event_published, dispatch_uid="registrations-results")
        # A person's GDPR export and erase include their registrations.
        personal_data.register(privacy.HOLDER)
