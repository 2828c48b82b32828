"""The manage link: a signed registration number, no login (SPEC section 8)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Registration

SALT = "registrations.manage"


def manage_token(registration: Registration) -> str:
    """Unguessable without SECRET_KEY; it names one registration and nothing else."""
    return signing.Signer(salt=SALT).sign(str(registration.pk))


def registration_for_token(token: str) -> Registration | None:
    """The registration a token names, or None for a forged, mangled or stale one."""
    try:
        pk = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    if not pk.isdigit():
        return None
    return Registration.objects.select_related("event").filter(pk=int(pk)).first()


def manage_path(registration: Registration) -> str:
    """The manage page in the registrant's language."""
    with translation.override(registration.language):
        return reverse("registration-manage", args=[manage_token(registration)])


def manage_url(registration: Registration) -> str:
    """The manage link for e-mails: absolute."""
    return settings.SITE_URL + manage_path(registration)
