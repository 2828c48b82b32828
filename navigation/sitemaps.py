"""sitemap.xml over both languages, each page with its hreflang alternates.

Wagtail's own sitemap lists only the default site's tree, so the English
pages would be missing; untranslated aliases are left out (they duplicate
Latvian text).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page


@dataclass
class SitemapEntry:
    url: str
    lastmod: datetime | None
    # (language code, URL) of every language version, this one included.
    alternates: list[tuple[str, str]] = field(default_factory=list)


def sitemap_entries(request: HttpRequest | None = None) -> list[SitemapEntry]:
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1, alias_of__isnull=True)
        .select_related("locale")
        .order_by("path")
    )
    versions: dict = defaultdict(list)
    entries = []
    for page in pages:
        url = page.get_full_url(request=request)
        if not url:
            continue
        entry = SitemapEntry(url=url, lastmod=page.last_published_at)
        versions[page.translation_key].append((page.locale.language_code, url))
        entries.append((page.translation_key, entry))
    for translation_key, entry in entries:
        if len(versions[translation_key]) > 1:
            entry.alternates = sorted(versions[translation_key])
    return [entry for _, entry in entries]


def sitemap(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml; charset=utf-8",
    )


def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /lv/meklet/",
        "Disallow: /lv/search/",
        "Disallow: /en/search/",
        # The configured origin, not the Host header the request happened to carry.
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
