from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from blog.chooser import ListFirstBrowseView
from core import media_storage
from home import usefulness_views
from navigation import sitemaps
from navigation import views as navigation_views
from newsletter import views as newsletter_views
from newsletter import webhooks as newsletter_webhooks
from registrations import certificate_views
from registrations import views as registration_views
from website import health

# Machine endpoints and the admin live outside the language prefix.
urlpatterns = [
    # Before Wagtail's own: the page chooser opens at the news or events list.
    path("admin/choose-page/", ListFirstBrowseView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", sitemaps.robots, name="robots"),
    # anymail/: only the configured ESP's tracking webhook, and only with a secret set.
    path("", include(newsletter_webhooks)),
    path("healthz", health.healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    # Django's static() helper serves nothing without DEBUG; the browser tests
    # run without DEBUG and still need the demo pictures. Documents live
    # outside MEDIA_ROOT; a documents/ folder left there is refused all the same.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media_storage.serve_public_media)]

# Pages live under /lv/ and /en/; "/" is redirected by LocaleMiddleware from
# the browser's Accept-Language, Latvian when unsure.
urlpatterns += i18n_patterns(
    # Addresses a visitor reads read in the page's language: /lv/meklet/,
    # /en/search/. /lv/search/ (the old Latvian address) moves permanently.
    path(_("search/"), navigation_views.search, name="search"),
    path("search/", navigation_views.search_moved),
    path(_("site-map/"), navigation_views.site_map, name="site-map"),
    path("newsletter/subscribe/", newsletter_views.subscribe, name="newsletter-subscribe"),
    path("newsletter/confirm/<str:token>/", newsletter_views.confirm, name="newsletter-confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter_views.unsubscribe,
        name="newsletter-unsubscribe",
    ),
    path(
        "newsletter/preferences/<str:token>/",
        newsletter_views.preferences,
        name="newsletter-preferences",
    ),
    path("registrations/<str:token>/", registration_views.manage, name="registration-manage"),
    # The address printed on a certificate and in its QR code: /lv/sertifikats/…/
    path(_("certificate/<str:number>/"), certificate_views.verify, name="certificate-verify"),
    path(_("certificate/<str:number>/pdf/"), certificate_views.download, name="certificate-pdf"),
    path("page-useful/", usefulness_views.page_useful, name="page-useful"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
