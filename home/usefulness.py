""" "Vai šī lapa bija noderīga? Jā / Nē": a yes/no count per page (issue 15, item 5).

The question (templates/includes/page_useful.html) posts to
home.usefulness_views.page_useful; staff read the counts in a report
(staff/usefulness.py). Only the two counters are kept: no visitor data.
"""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class PageUsefulness(models.Model):
    """How many visitors found a page useful, and how many did not."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    yes = models.PositiveIntegerField(default=0, verbose_name=_("yes"))
    no = models.PositiveIntegerField(default=0, verbose_name=_("no"))
    last_vote_at = models.DateTimeField(auto_now=True, verbose_name=_("last answer"))

    class Meta:
        verbose_name = _("page usefulness")
        verbose_name_plural = _("page usefulness")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.yes}/{self.no}"

    @property
    def total(self) -> int:
        return self.yes + self.no


def record(page: Page, answer: str) -> None:
    """Add one to the page's yes or no count, safely with concurrent votes."""
    field = "yes" if answer == "yes" else "no"
    if not PageUsefulness.objects.filter(page=page).update(**{field: F(field) + 1}):
        try:
            with transaction.atomic():
                PageUsefulness.objects.create(page=page, **{field: 1})
        except IntegrityError:  # a concurrent first vote created the row
            PageUsefulness.objects.filter(page=page).update(**{field: F(field) + 1})
