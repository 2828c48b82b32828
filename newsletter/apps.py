from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("E-bulletin")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from . import permissions
        from .models import NewsletterIndexPage

        post_save.connect(
            permissions.grant_new_archive,
            sender=NewsletterIndexPage,
            dispatch_uid="newsletter.grant_new_archive",
        )
