"""The ESP's tracking webhook: only the configured ESP's, and only with a secret.

``include("anymail.urls")`` would mount every ESP's webhooks: those of ESPs
that are not configured answer 500 (no signing key, no boto3), and without
``ANYMAIL["WEBHOOK_SECRET"]`` anymail only warns and accepts anyone's posts.
So the site has one URL, ``/anymail/<esp>/tracking/``, that answers only for
``settings.ANYMAIL_ESP`` and only when a webhook secret is set; every other
ESP, and the configured one without a secret, gets a 404, as does any other
``/anymail/`` URL. Anymail's own tracking view for the ESP checks the
basic-auth secret and parses the body; a body it cannot parse is a 400, not a
500. See docs/tracking.md.
"""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable

from anymail.exceptions import (
    AnymailConfigurationError,
    AnymailWebhookValidationFailure,
)
from anymail.utils import get_anymail_setting
from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.urls import Resolver404, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt

# What a hostile or broken body makes an ESP's parser raise (bad JSON, bad UTF-8,
# JSON nested deeper than Python recurses, a list where an object belongs, an
# impossible date or a timestamp out of the platform's range, an inbound post
# sent to the tracking URL). Anything else is a real fault and stays a 500.
UNPARSABLE = (
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    OverflowError,
    RecursionError,
    AnymailConfigurationError,
)


def is_unparsable(error: Exception) -> bool:
    """True for the errors a body causes, as opposed to faults of the site."""
    if isinstance(error, OSError):
        # datetime.fromtimestamp's "Value too large" for an absurd epoch (Brevo's
        # ts_epoch); any other OS error is the site's own fault.
        return error.errno == errno.EOVERFLOW
    return isinstance(error, UNPARSABLE)


class UnparsableIsBadRequest:
    """Mixed into an anymail view: a body that cannot be parsed is the sender's error."""

    def parse_events(self, request: HttpRequest):
        try:
            return super().parse_events(request)
        except Exception as error:
            if not is_unparsable(error):
                raise
            # A SuspiciousOperation: Django answers 400. The message names no content.
            raise AnymailWebhookValidationFailure(
                f"Unparsable {self.esp_name} tracking webhook ({type(error).__name__})"
            ) from error


def webhook_secret() -> str | list[str] | None:
    """The basic-auth secret(s) anymail checks, read the way anymail reads them."""
    return get_anymail_setting("webhook_secret", default=None) or None


@functools.cache
def tracking_view(esp: str) -> Callable[..., HttpResponse] | None:
    """Anymail's tracking view for `esp`, as anymail itself maps it; None if it has none."""
    try:
        match = resolve(f"/{esp}/tracking/", urlconf="anymail.urls")
    except Resolver404:
        return None
    view_class = match.func.view_class
    guarded = type(view_class.__name__, (UnparsableIsBadRequest, view_class), {})
    return guarded.as_view()


@csrf_exempt  # the ESP posts without a CSRF token; the basic-auth secret protects it
def tracking(request: HttpRequest, esp: str) -> HttpResponse:
    """The configured ESP's tracking webhook; a 404 for anything else."""
    view = tracking_view(esp) if esp == settings.ANYMAIL_ESP and webhook_secret() else None
    if view is None:
        return not_found(request)
    return view(request)


@csrf_exempt
def not_found(request: HttpRequest, **kwargs) -> HttpResponse:
    """A plain 404 for every other /anymail/ URL (other ESPs, inbound hooks).

    LocaleMiddleware answers a 404 outside the language prefix with a redirect
    to /lv/..., which the page tree then answers with a 404. A webhook should
    get its 404 straight away, so the middleware is shown this module's
    URLconf, which has no language prefixes, when it handles the response.
    """
    request.urlconf = __name__
    return HttpResponseNotFound()


urlpatterns = [
    path("anymail/<slug:esp>/tracking/", tracking, name="anymail-tracking"),
    re_path(r"^anymail/", not_found),
]


@checks.register(checks.Tags.security, deploy=True)
def check_webhook_secret(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: an ESP without a webhook secret gets no tracking at all."""
    esp = settings.ANYMAIL_ESP
    if not esp:
        return []
    problems = []
    if not webhook_secret():
        problems.append(
            checks.Error(
                "ANYMAIL_ESP is set but ANYMAIL_WEBHOOK_SECRET is not: the tracking webhook "
                "stays unmounted, so bounces and complaints are never recorded.",
                hint="Set ANYMAIL_WEBHOOK_SECRET to a random 'user:password' pair and put it "
                "in the ESP's webhook URL (docs/tracking.md).",
                id="newsletter.E001",
            )
        )
    view = tracking_view(esp)
    if view is None:
        problems.append(
            checks.Error(
                f"anymail has no tracking webhook for ANYMAIL_ESP={esp!r}.",
                id="newsletter.E002",
            )
        )
    elif not problems:
        try:
            view.view_class()  # reads the ESP's own webhook settings (e.g. a signing key)
        except AnymailConfigurationError as error:
            problems.append(
                checks.Error(
                    f"The {esp} tracking webhook is misconfigured: {error}", id="newsletter.E003"
                )
            )
    return problems
