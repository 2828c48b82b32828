"""Which project speaks for the site: the one its home page features."""

from __future__ import annotations

from wagtail.models import Locale, Site

from .models import HomePage, ProjectPage


def featured_project(site: Site | None, locale: Locale | None) -> ProjectPage | None:
    """The project the site's home page features, in that language (its original if untranslated).

    Its funding acknowledgement goes wherever the project speaks to people:
    every page's footer, the e-bulletin, the registrants' e-mails, sign-in
    sheets and certificates (COMPLIANCE.md sections 1-2). A translation of
    the home page that features nothing still owes the funder its
    acknowledgement: the Latvian home page's choice holds.
    """
    if site is None:
        return None
    root_home = site.root_page.specific
    if not isinstance(root_home, HomePage):
        return None
    home = (root_home.get_translation_or_none(locale) if locale else None) or root_home
    chosen = home if home.featured_project_id else root_home
    if locale is None:
        return chosen.featured_project
    return chosen.featured_project_in(locale)
