"""Pages a subscriber reaches from an e-mail; they speak the subscriber's language."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import subscriptions
from .forms import SubscribeForm

# At most this many subscribe attempts per address and window, against bots.
SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW = 600  # seconds


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


@csrf_exempt  # the form sits on cached pages; the honeypot and the rate limit guard it
@require_http_methods(["POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """The footer form: the e-mail alone subscribes, in the page's language."""
    ip_address = request.META.get("REMOTE_ADDR", "")
    if subscriptions.too_many_attempts(ip_address):
        return TemplateResponse(request, "newsletter/subscribe_limited.html", status=429)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "newsletter/subscribe_invalid.html", {"form": form}, status=400
        )
    if not form.is_bot():
        subscriptions.subscribe_from_form(
            form.cleaned_data["email"], get_language(), ip_address or None
        )
    return TemplateResponse(
        request, "newsletter/subscribe_thanks.html", {"email": form.cleaned_data["email"]}
    )
