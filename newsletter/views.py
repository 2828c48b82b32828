"""Pages a subscriber reaches from an e-mail; they speak the subscriber's language."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from . import subscriptions


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links); POST confirms."""
    subscriber = subscriptions.subscriber_for_confirmation(token)
    if subscriber is None:
        return TemplateResponse(request, "newsletter/confirm_invalid.html", status=400)
    with translation.override(subscriber.language):
        if request.method == "POST":
            subscriptions.confirm(subscriber)
            response = TemplateResponse(
                request, "newsletter/confirmed.html", {"subscriber": subscriber}
            )
        else:
            response = TemplateResponse(
                request, "newsletter/confirm.html", {"subscriber": subscriber}
            )
        response.render()
    return response
