"""The report of "Was this page useful?" answers (Reports → "Page usefulness").

Each page that has been answered about, in its language, with its yes and no
counts and the share of yes; the least useful first, so editors see what to
improve. Exportable as CSV or XLSX like Wagtail's own reports.
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from home.usefulness import PageUsefulness


def useful_share(row: PageUsefulness) -> str:
    """The share of "yes" answers, as a whole percentage."""
    return f"{round(100 * row.yes / row.total)} %" if row.total else "–"


class PageUsefulnessReportView(ReportView):
    """Pages with their yes/no counts: most "no" answers first."""

    page_title = _("Page usefulness")
    header_icon = "help"
    index_url_name = "page_usefulness_report"
    index_results_url_name = "page_usefulness_report_results"
    model = PageUsefulness
    columns = [
        TitleColumn(
            "page",
            label=_("Page"),
            accessor=lambda row: row.page.get_admin_display_title(),
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page_id]),
        ),
        Column("language", label=_("Language"), accessor="page.locale.get_display_name"),
        Column("yes", label=_("Yes")),
        Column("no", label=_("No")),
        Column("share", label=_("Useful"), accessor=useful_share),
        DateColumn("last_vote_at", label=_("Last answer")),
    ]
    list_export = ["page.title", "page.url_path", "page.locale.language_code", "yes", "no"]
    export_headings = {
        "page.title": _("Page"),
        "page.url_path": _("Path"),
        "page.locale.language_code": _("Language"),
        "yes": _("Yes"),
        "no": _("No"),
    }

    def get_queryset(self) -> QuerySet[PageUsefulness]:
        return PageUsefulness.objects.select_related("page", "page__locale").order_by(
            F("no").desc(), "yes", "page__title"
        )


def menu_item() -> MenuItem:
    """The report's entry in the Reports menu."""
    return MenuItem(
        _("Page usefulness"),
        reverse("page_usefulness_report"),
        name="page-usefulness",
        icon_name="help",
        order=900,
    )
