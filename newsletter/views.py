"""Pages a subscriber reaches from an e-mail; they speak the subscriber's language."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.client_ip import client_ip

from . import subscriptions
from .forms import PreferencesForm, SubscribeForm
from .models import Subscriber


def in_subscribers_language(request: HttpRequest, template: str, subscriber) -> HttpResponse:
    """A page in the subscriber's language, whatever the URL or the browser says."""
    with translation.override(subscriber.language):
        response = TemplateResponse(request, template, {"subscriber": subscriber})
        response.render()
    return response


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links); POST confirms."""
    asked = subscriptions.read_confirmation(token)
    if asked is None:
        return TemplateResponse(request, "newsletter/confirm_invalid.html", status=400)
    subscriber = asked.subscriber
    with translation.override(subscriber.language):
        if request.method == "POST":
            was_confirmed = subscriber.status == Subscriber.Status.CONFIRMED
            subscriptions.confirm(asked, client_ip(request) or None)
            if subscriber.status != Subscriber.Status.CONFIRMED:
                # A link from before they left, or an address that bounced or complained.
                return TemplateResponse(request, "newsletter/confirm_invalid.html", status=400)
            # The preferences link goes to whoever confirms, once: a link
            # reposted later (forwarded, found in a mailbox) hands out nothing.
            links = {} if was_confirmed else subscriptions.personal_links(subscriber)
            response = TemplateResponse(
                request, "newsletter/confirmed.html", {"subscriber": subscriber, **links}
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
    """Both subscribe forms: what is not chosen is the page's language and the default list."""
    ip_address = client_ip(request)
    if subscriptions.too_many_attempts(ip_address):
        return TemplateResponse(request, "newsletter/subscribe_limited.html", status=429)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "newsletter/subscribe_invalid.html", {"form": form}, status=400
        )
    if not form.is_bot():
        data = form.cleaned_data
        subscriptions.subscribe_from_form(
            data["email"],
            data["language"] or get_language(),
            ip_address or None,
            name=data["name"],
            organisation=data["organisation"],
            lists=list(data["lists"]),
        )
    return TemplateResponse(
        request, "newsletter/subscribe_thanks.html", {"email": form.cleaned_data["email"]}
    )


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """Language, lists and name, from the link in every e-mail; no login."""
    subscriber = subscriptions.subscriber_for_preferences(token)
    if subscriber is None:
        return TemplateResponse(request, "newsletter/preferences_invalid.html", status=400)
    if subscriber.status not in Subscriber.ON_LISTS:
        return in_subscribers_language(request, "newsletter/preferences_inactive.html", subscriber)
    initial = {
        "name": subscriber.name,
        "language": subscriber.language,
        "lists": subscriber.lists.all(),
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        subscriptions.update_preferences(
            subscriber,
            language=form.cleaned_data["language"],
            lists=list(form.cleaned_data["lists"]),
            name=form.cleaned_data["name"],
        )
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return in_subscribers_language(request, "newsletter/unsubscribed.html", subscriber)
        saved = True
    links = subscriptions.personal_links(subscriber)
    with translation.override(subscriber.language):
        response = TemplateResponse(
            request,
            "newsletter/preferences.html",
            {"subscriber": subscriber, "form": form, "saved": saved, **links},
            status=400 if form.is_bound and not form.is_valid() else 200,
        )
        response.render()
    return response
