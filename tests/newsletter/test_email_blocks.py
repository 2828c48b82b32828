"""Every e-mail block renders itself, in HTML and text, from its own templates.

The issue is built here, with one block of each type, so the assertions
do not depend on the demo's prose. Against the rendering from before the
blocks carried their own templates, the text part was byte for byte the
same and the HTML part differed only in blank space between the blocks.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from newsletter.blocks import EmailBlock, IssueStreamBlock
from newsletter.models import NewsletterIssuePage
from newsletter.rendering import RenderedIssue, render_issue
from tests.support.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
)

FAR_FUTURE = datetime.datetime(2031, 5, 14, 10, 0, tzinfo=datetime.UTC)


def build_issue() -> NewsletterIssuePage:
    """An issue with every block type: two posts, one chosen, and one event ahead."""
    news = BlogIndexPageFactory()
    chosen = BlogPageFactory(parent=news, title="Izvēlētā ziņa", lead="Par izvēlēto.")
    BlogPageFactory(parent=news, title="Jaunākā ziņa", lead="")
    events = EventIndexPageFactory()
    EventPageFactory(parent=events, title="Supervīzija", start=FAR_FUTURE, venue="Cēsis")
    image = get_image_model().objects.create(title="Nodarbība", file=get_test_image_file())
    issue = NewsletterIssuePageFactory(parent=NewsletterIndexPageFactory(), title="Nr. 1")
    issue.body = [
        (
            "paragraph",
            '<p>Sveiki! <a href="https://example.org/x">Saite</a></p><ul><li>a</li></ul>',
        ),
        ("image", {"image": image, "alt_text": "Grupa", "decorative": False}),
        ("call_to_action", {"text": "Uz pasākumiem", "page": events, "url": ""}),
        ("call_to_action", {"text": "Ārēja", "page": None, "url": "https://example.org/y"}),
        ("chosen_posts", {"heading": "Izvēlētās", "posts": [chosen]}),
        ("latest_news", {"heading": ""}),
        ("upcoming_events", {"heading": "Drīzumā", "count": 3}),
        ("upcoming_events", {"heading": "", "count": 1}),
    ]
    issue.save_revision().publish()
    return NewsletterIssuePage.objects.get(pk=issue.pk)


@pytest.fixture
def rendered(home) -> RenderedIssue:
    return render_issue(build_issue())


@pytest.mark.django_db
class TestEveryBlockInTheEmail:
    def test_the_html_part_shows_each_block(self, rendered):
        html = rendered.html
        assert "Sveiki!" in html and "<li>a</li>" in html
        assert re.search(
            rf'<img src="{re.escape(settings.SITE_URL)}/[^"]+" width="\d+" height="\d+" '
            r'alt="Grupa"',
            html,
        )
        assert re.search(
            rf'class="button" href="{re.escape(settings.SITE_URL)}/lv/pasakumi/"'
            r"[^>]*>Uz pasākumiem<",
            html,
        )
        assert re.search(r'class="button" href="https://example.org/y"[^>]*>Ārēja<', html)
        assert re.search(r"<h2[^>]*>Izvēlētās</h2>", html) and "Par izvēlēto." in html
        # "News since the last issue" leaves out the chosen post; its heading is the default.
        with translation.override("lv"):
            assert re.search(rf"<h2[^>]*>{gettext('News')}</h2>", html)
            assert re.search(rf"<h2[^>]*>{gettext('Upcoming events')}</h2>", html)
        assert html.count("Izvēlētā ziņa") == 1 and "Jaunākā ziņa" in html
        assert re.search(r"<h2[^>]*>Drīzumā</h2>", html)
        assert html.count("Supervīzija") == 2 and ", Cēsis" in html

    def test_the_text_part_shows_each_block_without_markup(self, rendered):
        text = rendered.text
        assert "Sveiki! Saite" in text and "<" not in text.split("--")[0]
        assert re.search(
            rf"^Uz pasākumiem: {re.escape(settings.SITE_URL)}/lv/pasakumi/$", text, re.M
        )
        assert "Ārēja: https://example.org/y" in text
        assert "\nIzvēlētās\n\n* Izvēlētā ziņa (" in text
        assert text.count("Izvēlētā ziņa") == 1 and "* Jaunākā ziņa (" in text
        assert "\nDrīzumā\n\n* Supervīzija: " in text and text.count("* Supervīzija") == 2
        # The image has no text part.
        assert "Grupa" not in text

    def test_blocks_come_in_the_issue_order(self, rendered):
        for part in (rendered.html, rendered.text):
            positions = [part.index(mark) for mark in ("Sveiki!", "Uz pasākumiem", "Ārēja")]
            assert positions == sorted(positions)
            assert part.index("Izvēlētās") < part.index("Jaunākā ziņa") < part.index("Drīzumā")

    def test_an_empty_automatic_block_shows_nothing(self, home):
        issue = build_issue()
        issue.body = [("upcoming_events", {"heading": "Drīzumā", "count": 3})]
        issue.save_revision().publish()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda: FAR_FUTURE + datetime.timedelta(days=1))
            rendered = render_issue(NewsletterIssuePage.objects.get(pk=issue.pk))
        assert "Drīzumā" not in rendered.html and "Drīzumā" not in rendered.text


@pytest.mark.parametrize("name", list(IssueStreamBlock.base_blocks))
def test_each_block_type_carries_its_own_email_templates(name):
    """A new block type is one class: its templates, no branch in the issue's templates."""
    block = IssueStreamBlock.base_blocks[name]
    assert isinstance(block, EmailBlock)
    for template in (block.email_html_template, block.email_text_template):
        assert template.startswith("newsletter/email/blocks/")
        get_template(template)
