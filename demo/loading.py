"""The whole demo site in one transaction: each app's pages in the order they
build on each other."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change
from wagtail.signals import page_slug_changed

from .documents import build_documents
from .easy_read import build_easy_read
from .events import build_events
from .handbook import build_handbook
from .legal import build_legal_pages, build_statement_facts
from .news import build_news
from .newsletter import build_newsletter
from .registrations import build_registrations
from .results import build_results
from .site import build_about, build_home, build_partners, build_projects, build_site_settings


@contextmanager
def no_slug_redirects() -> Iterator[None]:
    """A new translation starts with a copied slug ("sakums-en") that is renamed at
    once; nobody has linked to it, so Wagtail's automatic redirect is only clutter."""
    page_slug_changed.disconnect(autocreate_redirects_on_slug_change)
    try:
        yield
    finally:
        page_slug_changed.connect(autocreate_redirects_on_slug_change)


def load() -> None:
    """Build the demo site. Safe to run twice: only what is missing is created."""
    with no_slug_redirects(), transaction.atomic():
        home = build_home()
        partners = build_partners()
        build_projects(home, partners)
        build_news(home)
        events = build_events(home)
        build_registrations(events)
        build_results(home)
        build_handbook(build_documents(home))
        build_about(home)
        build_newsletter(home)
        accessibility, privacy = build_legal_pages(home)
        build_site_settings(accessibility, privacy)
        build_statement_facts()
        build_easy_read(home)
