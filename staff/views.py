"""The short staff guide: how Ilze, Jānis and Līga do their daily work here."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class StaffGuideView(WagtailAdminTemplateMixin, TemplateView):
    """A page of the admin, for every staff member (no permission beyond the admin)."""

    template_name = "staff/guide.html"
    page_title = _("Staff guide")
    header_icon = "help"
