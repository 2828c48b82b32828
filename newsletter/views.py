"""Pages a subscriber reaches from an e-mail; they speak the subscriber's language."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import subscriptions


def in_subscribers_language(request: HttpRequest, template: str, subscriber) -> HttpResponse:
    """A page in the subscriber's language, whatever the URL or the browser says."""
    with translation.override(subscriber.language):
        response = TemplateResponse(request, template, {"subscriber": subscriber})
        response.render()
    return response


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


@csrf_exempt  # RFC 8058: mail clients POST without cookies or a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and changes nothing; POST unsubscribes at once (200, no redirect)."""
    subscriber = subscriptions.subscriber_for_unsubscribe(token)
    if subscriber is None:
        return TemplateResponse(request, "newsletter/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        return in_subscribers_language(request, "newsletter/unsubscribed.html", subscriber)
    return in_subscribers_language(request, "newsletter/unsubscribe.html", subscriber)
