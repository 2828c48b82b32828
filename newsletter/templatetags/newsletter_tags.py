"""Template tags of the newsletter's pages: the full subscribe form, an issue's web copy.

They sit above the models, forms and rendering and import them, so that
the page models need neither (newsletter.models is the bottom of the app).
"""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..forms import SubscribeForm
from ..models import MailingList, NewsletterIssuePage
from ..rendering import archive_html

register = template.Library()


@register.simple_tag
def subscribe_form() -> SubscribeForm:
    """The archive page's form, pre-chosen: the page's language and the default list."""
    return SubscribeForm(
        initial={
            "language": get_language(),
            "lists": MailingList.objects.filter(is_default=True),
        },
        auto_id="full-%s",
    )


@register.simple_tag(takes_context=True)
def issue_web_copy(context: template.Context, issue: NewsletterIssuePage) -> SafeString:
    """The archive copy: exactly what went out in this language, once sent.

    In a preview, the e-mail exactly as it will be sent (nothing frozen yet).
    """
    request = context.get("request")
    previewing = bool(getattr(request, "is_preview", False))
    # The e-mail as rendered and inlined by newsletter.rendering: whole markup.
    return mark_safe(archive_html(issue, frozen=not previewing))  # noqa: S308
