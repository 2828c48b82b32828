"""Template tags of the project's overrides of Wagtail's admin templates."""

from django import template
from django.urls import reverse

from newsletter.dispatch_views import SEND_PERMISSION
from newsletter.models import NewsletterIssuePage

register = template.Library()


@register.simple_tag(takes_context=True)
def issue_send_url(context, page) -> str:
    """Where "Sūtīt…" leads for an e-bulletin issue, for people allowed to send; else ""."""
    request = context.get("request")
    if page is None or request is None or not request.user.has_perm(SEND_PERMISSION):
        return ""
    if not isinstance(page.specific_deferred, NewsletterIssuePage):
        return ""
    return reverse("dispatches:send", args=[page.pk])
