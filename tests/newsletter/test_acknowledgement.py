"""The featured project's funding acknowledgement in every e-bulletin's footer (issue 15, item 10).

The funders ask for the emblem and statement on all communication for the
public, so the e-mail carries them as the site's footer does: the emblem as
an image with an absolute address and alt text, the statement in full, in
the issue's language, in both parts, and in the frozen copy that is sent.
"""

import re

import pytest
from django.conf import settings
from wagtail.models import Locale

from home.models import HomePage
from newsletter import sending
from newsletter.models import MailingList, NewsletterIssuePage
from newsletter.rendering import render_issue

STATEMENTS = {
    "lv": "finansiāli atbalsta Islande, Lihtenšteina un Norvēģija. "
    "EEA grantu shēma: NVO projektu programma.",
    "en": "is financially supported by Iceland, Liechtenstein and Norway. "
    "EEA Grants: NGO Programme.",
}
ALTS = {"lv": "EEZ grantu logotips", "en": "EEA Grants logo"}


@pytest.fixture
def issue(demo) -> NewsletterIssuePage:
    return NewsletterIssuePage.objects.get(locale__language_code="lv")


def in_language(issue: NewsletterIssuePage, language: str) -> NewsletterIssuePage:
    return issue.get_translation(Locale.objects.get(language_code=language))


def emblem(html: str) -> re.Match | None:
    return re.search(
        rf'<img src="{re.escape(settings.SITE_URL)}/static/img/funders/eea-grants\.svg"'
        r'[^>]*alt="([^"]+)"',
        html,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lv", "en"])
class TestFooterAcknowledgement:
    def test_the_html_part_has_the_emblem_with_alt_text_and_the_statement(self, issue, language):
        rendered = render_issue(in_language(issue, language))
        found = emblem(rendered.html)
        assert found is not None, "the emblem, with a full address, is in the footer"
        assert found.group(1) == ALTS[language]
        assert STATEMENTS[language] in rendered.html

    def test_the_text_part_has_the_statement(self, issue, language):
        assert STATEMENTS[language] in render_issue(in_language(issue, language)).text


@pytest.mark.django_db
def test_the_frozen_copy_that_is_sent_carries_it_in_both_languages(issue):
    readers = MailingList.objects.first()
    dispatch = sending.create_dispatch(issue, [readers])
    for language in ("lv", "en"):
        frozen = dispatch.frozen[language]
        assert emblem(frozen["html"]) is not None
        assert STATEMENTS[language] in frozen["html"] and STATEMENTS[language] in frozen["text"]


@pytest.mark.django_db
def test_without_a_featured_project_the_footer_has_no_acknowledgement(issue):
    HomePage.objects.update(featured_project=None)
    rendered = render_issue(NewsletterIssuePage.objects.get(pk=issue.pk))
    assert "acknowledgement" not in rendered.html and STATEMENTS["lv"] not in rendered.text
