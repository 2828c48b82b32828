"""The view the "Was this page useful?" form posts to (home.usefulness counts the answers).

The form sits on cached pages, which carry nothing per visitor, so it cannot
hold a CSRF token: the view is exempt from the token check and guards itself
(a browser's Origin must be the site's own; one vote per page and connection
a day). POSTs are never cached, so the answer is always counted.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page

from core.client_ip import client_ip

from . import feedback
from .usefulness import record

ANSWERS = ("yes", "no")
ONE_VOTE_WINDOW = 24 * 3600  # seconds: one vote per page and connection a day


def same_site(request: HttpRequest) -> bool:
    """Whether a browser says the form came from this site (no Origin: not a browser form)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    allowed = {f"{request.scheme}://{request.get_host()}", settings.SITE_URL.rstrip("/")}
    return origin in allowed


def first_vote(request: HttpRequest, page: Page) -> bool:
    """True the first time this connection answers about this page today."""
    # Hashed: the mark says nothing readable about who voted.
    mark = hashlib.sha256(f"{client_ip(request)}:{page.pk}".encode()).hexdigest()
    return cache.add(f"page-useful:{mark}", 1, ONE_VOTE_WINDOW)


@csrf_exempt  # the form sits on cached pages; same_site() and one vote a day guard it
@require_POST
def page_useful(request: HttpRequest) -> HttpResponse:
    """Count a "Jā" or "Nē" for a page, and thank the visitor."""
    answer = request.POST.get("answer", "")
    page_id = request.POST.get("page", "")
    if answer not in ANSWERS or not page_id.isdigit():
        return HttpResponseBadRequest()
    if not same_site(request):
        return HttpResponseForbidden()
    page = Page.objects.live().public().filter(pk=int(page_id)).first()
    if page is None or page.locale_id != Locale.get_active().pk:
        return HttpResponseBadRequest()
    if first_vote(request, page):
        record(page, answer)
    context = {
        "voted_page": page,
        "answer": answer,
        "feedback_url": feedback.form_url_about(page) if answer == "no" else "",
    }
    return TemplateResponse(request, "home/page_useful_thanks.html", context)
