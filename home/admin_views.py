"""Admin views of the site app: the translation editor's way to moderation."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail_localize.models import Translation

from .translation import TranslationIncomplete, submit_for_moderation


@require_POST
def submit_translation_for_moderation(request: HttpRequest, translation_id: int) -> HttpResponse:
    """The translator's "Submit for moderation" from wagtail-localize's editor."""
    translation = get_object_or_404(Translation, pk=translation_id)
    try:
        page = submit_for_moderation(translation, request.user)
    except TranslationIncomplete as incomplete:
        messages.error(
            request,
            ngettext(
                "%(count)d text is not translated yet: translate it, then submit.",
                "%(count)d texts are not translated yet: translate them, then submit.",
                incomplete.missing,
            )
            % {"count": incomplete.missing},
        )
        return redirect("wagtailadmin_pages:edit", translation.get_target_instance().pk)
    messages.success(
        request,
        _("The translation “%(title)s” was submitted for moderation.") % {"title": page.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
