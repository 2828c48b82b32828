"""Messages from visitors through form pages: guarded against bots, sent on to
staff from a task, and kept only for FEEDBACK_RETENTION_DAYS.

The form page (home.models.FeedbackFormPage) stays thin; the rules live here.
"""

import datetime
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from core import cache_counters

HONEYPOT_FIELD = "website"
ABOUT_FIELD = "about"
SUBMISSION_LIMIT = 5
SUBMISSION_WINDOW = 3600  # seconds


def form_url_about(page) -> str:
    """The feedback form of the page's language, its page field filled with the page's path.

    "" when the language has no live form. The form page type is looked up
    by name: home.models imports this module.
    """
    form_page = apps.get_model("home", "FeedbackFormPage")
    form = form_page.objects.live().public().filter(locale_id=page.locale_id).first()
    if form is None:
        return ""
    return f"{form.url}?{urlencode({ABOUT_FIELD: urlsplit(page.full_url or '').path})}"


def too_many_submissions(ip_address: str) -> bool:
    """Counts this submission; True once the address has sent more than the limit."""
    key = f"feedback:submissions:{ip_address}"
    return cache_counters.increment(key, SUBMISSION_WINDOW) > SUBMISSION_LIMIT


def notification_text(labels: dict[str, str], answers: dict, title: str, admin_url: str) -> str:
    """The e-mail to staff: each field's label and answer, then where it came from.

    The form page's values are passed in, so these rules need not import the
    models (home.models imports them).
    """
    labels = {**labels, ABOUT_FIELD: "Lapa / Page"}
    lines = [
        f"{labels.get(name, name)}: {value}"
        for name, value in answers.items()
        if value not in ("", None, [])
    ]
    lines += ["", f"{title}: {admin_url}"]
    return "\n".join(lines)


def notify_staff(submission_id: int) -> None:
    """Send one submission to the form page's addresses (run from a task)."""
    submission = FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:  # erased in the meantime
        return
    page = submission.page.specific  # a home.models.FeedbackFormPage
    addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if not addresses:
        return
    labels = {field.clean_name: field.label for field in page.get_form_fields()}
    admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/forms/submissions/{page.pk}/"
    send_mail(
        page.subject or page.title,
        notification_text(labels, submission.form_data, page.title, admin_url),
        page.from_address or settings.DEFAULT_FROM_EMAIL,
        addresses,
    )


def purge_old_submissions(now: datetime.datetime | None = None) -> int:
    """Delete submissions older than the retention period the privacy page states."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    deleted, _ = FormSubmission.objects.filter(submit_time__lt=cutoff).delete()
    return deleted
