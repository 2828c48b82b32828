from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("E-bulletin")

    def ready(self) -> None:
        from anymail.signals import tracking as tracking_signal
        from django.db.models.signals import post_save

        # Importing webhooks registers its deploy check; importing tasks
        # registers the tasks that lower modules queue by name (subscriptions).
        from . import permissions, tasks, tracking, webhooks  # noqa: F401
        from .models import NewsletterIndexPage

        tracking_signal.connect(tracking.apply_event, dispatch_uid="newsletter.tracking")
        post_save.connect(
            permissions.grant_new_archive,
            sender=NewsletterIndexPage,
            dispatch_uid="newsletter.grant_new_archive",
        )
