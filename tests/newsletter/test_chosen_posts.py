"""Only live, public posts may be chosen in an issue or go out in it (issue 11, item 3)."""

import pytest
from django.utils import translation
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import PageViewRestriction

from blog.models import BlogPage
from newsletter.models import NewsletterIssuePage
from newsletter.rendering import render_issue

PUBLIC = "supervizijas-socialajiem-darbiniekiem"
PRIVATE = "regionalie-seminari-par-projekta-rezultatiem"
DRAFT = "sakas-psihosocialas-sistemiskas-apmacibas"


def post(slug: str) -> BlogPage:
    return BlogPage.objects.get(slug=slug, locale__language_code="lv")


@pytest.fixture
def posts(demo) -> dict[str, BlogPage]:
    chosen = {
        name: post(slug)
        for name, slug in (("public", PUBLIC), ("private", PRIVATE), ("draft", DRAFT))
    }
    PageViewRestriction.objects.create(
        page=chosen["private"], restriction_type=PageViewRestriction.LOGIN
    )
    chosen["draft"].unpublish()
    return chosen


@pytest.fixture
def issue(demo) -> NewsletterIssuePage:
    return NewsletterIssuePage.objects.get(locale__language_code="lv")


def choose(issue: NewsletterIssuePage, *pages: BlogPage) -> NewsletterIssuePage:
    issue.body = [("chosen_posts", {"heading": "Izvēlētās ziņas", "posts": list(pages)})]
    issue.save_revision().publish()
    return NewsletterIssuePage.objects.get(pk=issue.pk)


@pytest.mark.django_db
class TestChoosing:
    def stream_value(self, issue, *pages):
        block = issue.body.stream_block
        return block, block.to_python(
            [
                {
                    "type": "chosen_posts",
                    "value": {"heading": "", "posts": [p.pk for p in pages]},
                }
            ]
        )

    def test_a_private_or_unpublished_post_is_refused_in_latvian(self, issue, posts):
        block, value = self.stream_value(issue, posts["public"], posts["private"], posts["draft"])
        with translation.override("lv"), pytest.raises(StreamBlockValidationError) as refused:
            block.clean(value)
        messages = str(refused.value.as_json_data())
        assert "Izvēlēties var tikai publicētas un publiski redzamas ziņas" in messages
        assert posts["private"].title in messages and posts["draft"].title in messages
        assert posts["public"].title not in messages

    def test_live_public_posts_are_accepted(self, issue, posts):
        block, value = self.stream_value(issue, posts["public"])
        assert block.clean(value)[0].value["posts"][0].pk == posts["public"].pk


@pytest.mark.django_db
class TestRendering:
    def test_only_live_public_posts_go_out_in_the_email(self, issue, posts):
        issue = choose(issue, *posts.values())
        rendered = render_issue(issue)
        for part in (rendered.html, rendered.text):
            assert posts["public"].title in part
            assert posts["private"].title not in part
            assert posts["draft"].title not in part

    def test_a_post_unpublished_after_being_chosen_drops_out(self, issue, demo):
        chosen = post(PUBLIC)
        issue = choose(issue, chosen)
        assert chosen.title in render_issue(issue).html
        chosen.unpublish()
        assert chosen.title not in render_issue(issue).html

    def test_a_post_made_private_after_being_chosen_is_not_in_the_web_archive(
        self, client, issue, demo
    ):
        chosen = post(PUBLIC)
        issue = choose(issue, chosen)
        assert chosen.title in client.get(issue.url).content.decode()
        PageViewRestriction.objects.create(page=chosen, restriction_type=PageViewRestriction.LOGIN)
        assert chosen.title not in client.get(issue.url).content.decode()
