"""Content Security Policy: strict on the public site, laxer in the Wagtail admin.

The public pages need nothing inline: one same-origin script file, same-origin
stylesheets, images from the site or its media storage, JSON-LD (data, never
executed). So their policy allows scripts and styles from the site's own
origin only, and a page injected with markup cannot run it.

The Wagtail admin (8.0) still writes inline scripts and styles in many of its
templates, so under ``/admin/`` ``'unsafe-inline'`` is allowed for both and
everything else stays as strict: no third-party scripts, no plugins, forms
post only to the site. Only signed-in staff reach it, and the login throttle
and secure cookies guard the way in (docs/deployment.md). A page preview
keeps the public policy, except that the admin may frame it.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``ADMIN_CONTENT_SECURITY_POLICY`` under the admin."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(settings.ADMIN_CONTENT_SECURITY_POLICY_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview through the middleware as a request for
            # the page's public URL, and shows it in an iframe of the admin.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
