"""The certificate's public verification page, and its PDF for staff."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import certificates


@never_cache
@require_safe
def verify(request: HttpRequest, number: str) -> HttpResponse:
    """Whoever holds the number (printed, or in the QR code) sees that the certificate is valid.

    An unknown or malformed number is a 404 that says so. Not cached: the
    page names a person, and is not for search engines.
    """
    certificate = certificates.find(number)
    if certificate is None:
        response = TemplateResponse(
            request, "registrations/certificate/unknown.html", {"number": number[:40]}, status=404
        )
    else:
        language = translation.get_language()
        response = TemplateResponse(
            request,
            "registrations/certificate/verify.html",
            certificates.context(certificate, language),
        )
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def download(request: HttpRequest, number: str) -> HttpResponse:
    """The PDF, in the registrant's language, for staff who may see registrations; else a 404.

    The certificate is the registration's personal data: the same permission.
    """
    if not request.user.has_perm("registrations.view_registration"):
        raise Http404
    certificate = certificates.find(number)
    if certificate is None:
        raise Http404
    response = HttpResponse(certificates.render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificates.file_name(certificate)}"'
    return response
