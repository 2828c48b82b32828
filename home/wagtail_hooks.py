"""Wagtail hooks of the site app."""

from django.contrib import messages
from django.db import models
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.models import Locale

from core.forms import DecimalCommaField

from . import admin_views
from .translation import languages_waiting

# Every decimal on a page or snippet form takes the Latvian "3,5".
register_form_field_override(models.DecimalField, override={"form_class": DecimalCommaField})


@hooks.register("register_admin_urls")
def translation_urls():
    return [
        path(
            "translations/<int:translation_id>/submit/",
            admin_views.submit_translation_for_moderation,
            name="submit_translation_for_moderation",
        )
    ]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def tell_which_languages_wait(request, page) -> None:
    """On publishing a Latvian page, say which languages do not show it yet.

    Its English alias stays out of English lists until it is translated
    (ListedPageQuerySet), so the moderator should know the English version
    is still to come.
    """
    if not page.live or page.live_revision_id != page.latest_revision_id:
        return
    if page.locale_id != Locale.get_default().pk:
        return
    for locale in languages_waiting(page):
        messages.warning(
            request,
            _(
                "The %(language)s version is still to be translated: visitors to /%(code)s/ "
                "will see this page once its translation is published."
            )
            % {
                "language": pgettext("language name in a sentence", locale.get_display_name()),
                "code": locale.language_code,
            },
        )
