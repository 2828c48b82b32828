"""The accessibility statement's facts the Latvian template asks for, and its yearly review.

Cabinet Regulation No. 445 and its statement template ask who prepared,
reviewed and approved the statement and when, the date of the last yearly
review, how fast feedback is answered and where to complain when the answer
does not satisfy (the Ombudsman, Tiesībsargs). Staff keep these in a site
setting; the statement page (whichever page SiteSettings names) shows them in
its language, and the admin's start page reminds staff when the yearly review
is due (staff/dashboard.py).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# The statement is reviewed once a year (COMPLIANCE.md section 3).
REVIEW_INTERVAL_DAYS = 365
OMBUDSMAN_URL = "https://www.tiesibsargs.lv/"


def review_due(last_review: datetime.date | None, today: datetime.date) -> bool:
    """Whether the yearly review is due: never reviewed, or over twelve months ago."""
    if last_review is None:
        return True
    return (today - last_review).days > REVIEW_INTERVAL_DAYS


def next_review(last_review: datetime.date | None) -> datetime.date | None:
    """The day after which the review is overdue."""
    if last_review is None:
        return None
    return last_review + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


@register_setting(icon="doc-full")
class AccessibilityStatement(BaseSiteSetting):
    """Who answers for the accessibility statement, and how feedback is handled."""

    prepared_by = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("prepared by"),
        help_text=_("A name and position, or an organisation."),
    )
    prepared_on = models.DateField(null=True, blank=True, verbose_name=_("prepared on"))
    reviewed_by = models.CharField(max_length=255, blank=True, verbose_name=_("reviewed by"))
    reviewed_on = models.DateField(null=True, blank=True, verbose_name=_("reviewed on"))
    approved_by = models.CharField(max_length=255, blank=True, verbose_name=_("approved by"))
    approved_on = models.DateField(null=True, blank=True, verbose_name=_("approved on"))
    last_review_on = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("last yearly review"),
        help_text=_(
            "The statement is reviewed once a year; the admin reminds you twelve months "
            "after this date."
        ),
    )
    answer_days = models.PositiveSmallIntegerField(
        default=10,
        verbose_name=_("answer time, working days"),
        help_text=_("How fast a feedback message is answered."),
    )
    ombudsman_url = models.URLField(
        default=OMBUDSMAN_URL,
        verbose_name=_("Ombudsman's address"),
        help_text=_("Where to complain when the answer does not satisfy."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_by"), FieldPanel("prepared_on")]),
                FieldRowPanel([FieldPanel("reviewed_by"), FieldPanel("reviewed_on")]),
                FieldRowPanel([FieldPanel("approved_by"), FieldPanel("approved_on")]),
                FieldPanel("last_review_on"),
            ],
            heading=_("Preparation and review"),
        ),
        MultiFieldPanel(
            [FieldPanel("answer_days"), FieldPanel("ombudsman_url")],
            heading=_("Feedback and complaints"),
        ),
    ]

    class Meta:
        verbose_name = _("accessibility statement")

    @property
    def review_is_due(self) -> bool:
        return review_due(self.last_review_on, timezone.localdate())

    @property
    def next_review_on(self) -> datetime.date | None:
        return next_review(self.last_review_on)

    @property
    def ombudsman_host(self) -> str:
        """The address as people write it: www.tiesibsargs.lv."""
        return self.ombudsman_url.split("://", 1)[-1].rstrip("/")
