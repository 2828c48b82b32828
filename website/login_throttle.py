"""Staff login throttling on top of django-axes, and the password-reset limit.

django-axes counts wrong passwords per (username, address) row and locks
on either the username's total or the address's total
(``AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]``): guessing one
password from many addresses, or many usernames from one address, both stop
at ``AXES_FAILURE_LIMIT``.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.http import HttpRequest
from wagtail.admin.forms.auth import PasswordResetForm

from core import cache_counters
from core.client_ip import client_ip

# Password-reset e-mails: per address asked for and per client address, an hour.
RESET_LIMIT_PER_EMAIL = 3
RESET_LIMIT_PER_CLIENT = 10
RESET_WINDOW = 3600


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler, except that a right password clears only its own row.

    With the totals per username and per address, axes' own reset would
    delete every row of the address and every row of the username: someone
    with an account of their own could then guess at a colleague's password
    forever, logging in to their own account after every nine guesses.
    """

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count


def password_reset_allowed(email: str, request: HttpRequest) -> bool:
    """Counts this request; False once the address or the client asked too often.

    The form answers the same either way, so the limit tells nobody whether
    an address has an account.
    """
    per_email = cache_counters.increment(
        f"password-reset:email:{email.strip().lower()}", RESET_WINDOW
    )
    per_client = cache_counters.increment(
        f"password-reset:client:{client_ip(request)}", RESET_WINDOW
    )
    return per_email <= RESET_LIMIT_PER_EMAIL and per_client <= RESET_LIMIT_PER_CLIENT


class ThrottledPasswordResetForm(PasswordResetForm):
    """Wagtail's password-reset form, sending nothing once the limit is reached.

    The view answers "check your e-mail" whatever happens, as before.
    """

    def save(self, *args, request: HttpRequest | None = None, **kwargs) -> None:
        if request is not None and not password_reset_allowed(self.cleaned_data["email"], request):
            return
        super().save(*args, request=request, **kwargs)
