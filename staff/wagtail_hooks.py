"""The start page's panels, the staff guide in the Help menu, the page usefulness
report, and a label for tag inputs."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import dashboard, listings, usefulness, views


@hooks.register("construct_homepage_panels")
def add_staff_panels(request, panels: list) -> None:
    panels[:0] = dashboard.panels_for(request.user, request)


@hooks.register("register_admin_urls")
def register_guide_url() -> list:
    return [path("staff/guide/", views.StaffGuideView.as_view(), name="staff_guide")]


@hooks.register("register_admin_urls")
def register_usefulness_report_urls() -> list:
    view = usefulness.PageUsefulnessReportView
    return [
        path("reports/page-usefulness/", view.as_view(), name="page_usefulness_report"),
        path(
            "reports/page-usefulness/results/",
            view.as_view(results_only=True),
            name="page_usefulness_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def usefulness_report_menu_item() -> MenuItem:
    return usefulness.menu_item()


@hooks.register("register_help_menu_item")
def staff_guide_menu_item() -> MenuItem:
    return MenuItem(_("Staff guide"), reverse("staff_guide"), icon_name="help", order=900)


@hooks.register("register_admin_viewset")
def register_news_listing() -> listings.NewsListing:
    return listings.NewsListing()


@hooks.register("register_admin_viewset")
def register_event_listing() -> listings.EventListing:
    return listings.EventListing()


@hooks.register("insert_global_admin_js")
def tag_input_label() -> str:
    """The script that gives Wagtail's tag input (tag-it's) its field's label."""
    return format_html('<script src="{}" defer></script>', static("staff/js/tag-input-label.js"))


@hooks.register("insert_global_admin_css")
def readable_success_messages() -> str:
    """Success messages with enough contrast for staff (see the stylesheet)."""
    return format_html('<link rel="stylesheet" href="{}">', static("staff/css/admin-contrast.css"))
